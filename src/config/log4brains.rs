//! log4brains' `.log4brains.yml`: the project's log (`project.adrFolder`) and, for a
//! monorepo, one log per package (`project.packages[]`, each a `name` and its
//! `adrFolder`). Read when the project has no `.adr.toml`, so that `adr` sees the logs
//! log4brains does: WayneGoosen/adr's package `blog` (review K) was missing from every
//! command, without a word.

use std::path::{Path, PathBuf};

use super::LogConfig;

pub(super) const LOG4BRAINS_FILE: &str = ".log4brains.yml";

/// The logs the `.log4brains.yml` at `file` names, relative to its folder: the project's
/// log directory and, when it has packages whose folders are there, a log for the project
/// (`global`, as log4brains calls the project's own records) and one per package. `None`
/// for a file that is not such a config, or that names a path leading out of its folder.
pub(super) fn logs(file: &Path) -> Option<(PathBuf, Vec<LogConfig>)> {
    let root = file.parent()?;
    let text = crate::fs::read_text_checked(file, Some(root), crate::fs::MAX_TEXT_BYTES).ok()?;
    let config: yaml_serde::Value = yaml_serde::from_str(&text).ok()?;
    let project = config.get("project")?;
    let folder = safe_folder(project.get("adrFolder")?.as_str()?)?;
    let packages: Vec<LogConfig> = project
        .get("packages")
        .and_then(yaml_serde::Value::as_sequence)
        .into_iter()
        .flatten()
        .filter_map(|package| {
            let name = package.get("name")?.as_str()?.trim();
            let dir = safe_folder(package.get("adrFolder")?.as_str()?)?;
            (crate::layout::is_log_name(name) && name != GLOBAL && root.join(&dir).is_dir())
                .then(|| log(name, &dir))
        })
        .collect();
    if packages.is_empty() {
        return Some((folder, Vec::new()));
    }
    // A project whose own folder is not there (yet) has its packages' logs only.
    let mut logs: Vec<LogConfig> = root
        .join(&folder)
        .is_dir()
        .then(|| log(GLOBAL, &folder))
        .into_iter()
        .collect();
    for package in packages {
        if !logs.iter().any(|known| known.name == package.name) {
            logs.push(package);
        }
    }
    Some((folder, logs))
}

/// The name of the project's own log beside its packages'.
const GLOBAL: &str = "global";

fn log(name: &str, dir: &Path) -> LogConfig {
    LogConfig {
        name: name.to_string(),
        dir: dir.to_string_lossy().into_owned(),
        ..LogConfig::default()
    }
}

/// `path` (`./docs/adr`) as a folder inside the config's: none when it is empty, absolute or
/// goes up.
fn safe_folder(path: &str) -> Option<PathBuf> {
    let path = Path::new(path.trim());
    let parts: Vec<&std::ffi::OsStr> = path
        .components()
        .map(|part| match part {
            std::path::Component::Normal(name) => Some(Some(name)),
            std::path::Component::CurDir => Some(None),
            _ => None,
        })
        .collect::<Option<Vec<_>>>()?
        .into_iter()
        .flatten()
        .collect();
    (!parts.is_empty()).then(|| parts.iter().collect())
}

#[cfg(test)]
mod tests {
    use super::logs;

    fn write(dir: &std::path::Path, name: &str, text: &str) {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn the_project_and_each_package_whose_folder_is_there_are_logs() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("docs/adr")).unwrap();
        std::fs::create_dir_all(dir.path().join("packages/blog/docs/adr")).unwrap();
        let file = dir.path().join(".log4brains.yml");
        write(
            dir.path(),
            ".log4brains.yml",
            "---\nproject:\n  name: Wayne\n  tz: Africa/Johannesburg\n  adrFolder: ./docs/adr\n  packages:\n    - name: blog\n      path: ./packages/blog\n      adrFolder: ./packages/blog/docs/adr\n    - name: gone\n      path: ./packages/gone\n      adrFolder: ./packages/gone/docs/adr\n    - name: out\n      adrFolder: ../elsewhere\n",
        );
        let (folder, found) = logs(&file).unwrap();
        assert_eq!(folder, std::path::Path::new("docs/adr"));
        let found: Vec<(&str, &str)> = found
            .iter()
            .map(|log| (log.name.as_str(), log.dir.as_str()))
            .collect();
        assert_eq!(
            found,
            [("global", "docs/adr"), ("blog", "packages/blog/docs/adr")]
        );
        write(
            dir.path(),
            ".log4brains.yml",
            "project:\n  adrFolder: ./docs/decisions\n",
        );
        let (folder, found) = logs(&file).unwrap();
        assert_eq!(
            (folder.as_path(), found.len()),
            (std::path::Path::new("docs/decisions"), 0)
        );
        write(
            dir.path(),
            ".log4brains.yml",
            "project:\n  adrFolder: /etc\n",
        );
        assert!(logs(&file).is_none());
    }
}
