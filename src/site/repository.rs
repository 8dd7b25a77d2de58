//! Links from a record page to its file in the repository's web view ("Source") and
//! editor ("Edit"), when the repository's web address is known: `site.repository-url` in
//! `.adr.toml`, else the `origin` remote when it is on GitHub, GitLab or Bitbucket,
//! converted to its https address. A local path is never shown as a link target.

#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

use std::path::{Path, PathBuf};

use serde::Serialize;

/// How a forge lays out its file URLs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Forge {
    /// `/blob/BRANCH/PATH`, `/edit/BRANCH/PATH` (GitHub, Gitea, Forgejo).
    GitHub,
    /// `/-/blob/BRANCH/PATH`, `/-/edit/BRANCH/PATH`.
    GitLab,
    /// `/src/BRANCH/PATH`, `?mode=edit`.
    Bitbucket,
}

/// Where the repository is on the web, and where the files of the log are in it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Repository {
    /// `https://github.com/owner/name`, without a trailing `/`.
    pub web_url: String,
    pub forge: Forge,
    /// The branch the links point into (`HEAD`, the default branch, when unknown).
    pub branch: String,
    /// The directory the repository's paths are relative to (its work tree).
    pub root: PathBuf,
}

/// A record's "Source" and "Edit" links.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct SourceLinks {
    pub(crate) view: String,
    pub(crate) edit: String,
}

impl Repository {
    /// The repository of `web_url` (from config): the forge guessed from its host,
    /// GitHub's layout when the host says nothing.
    pub fn from_config(web_url: &str, branch: Option<&str>, root: &Path) -> Repository {
        let web_url = web_url
            .trim_end_matches('/')
            .trim_end_matches(".git")
            .to_string();
        Repository {
            forge: forge_of(&web_url).unwrap_or(Forge::GitHub),
            web_url,
            branch: branch
                .map(str::to_string)
                .or_else(|| current_branch(root))
                .unwrap_or_else(|| "HEAD".to_string()),
            root: crate::git::work_tree(root).unwrap_or_else(|| root.to_path_buf()),
        }
    }

    /// The repository at `web_url` (an export's `repository`), its links into the default
    /// branch (`HEAD`), GitHub's layout when the host says nothing.
    pub fn of_web_url(web_url: &str) -> Repository {
        let web_url = web_url.trim_end_matches('/').to_string();
        Repository {
            forge: forge_of(&web_url).unwrap_or(Forge::GitHub),
            web_url,
            branch: "HEAD".to_string(),
            root: PathBuf::new(),
        }
    }

    /// The repository of the project's log: `site.repository-url` (which must be an http
    /// or https URL), else the `origin` remote of the log's repository.
    pub fn of_project(
        project: &crate::config::Project,
    ) -> crate::error::Result<Option<Repository>> {
        let settings = &project.config.site;
        match &settings.repository_url {
            Some(url) if url.starts_with("https://") || url.starts_with("http://") => Ok(Some(
                Repository::from_config(url, settings.repository_branch.as_deref(), &project.root),
            )),
            Some(url) => Err(crate::error::Error::usage(format!(
                "`site.repository-url` is `{url}`, not an http or https URL: write the repository's web address, e.g. https://github.com/owner/name"
            ))),
            None => Ok(
                Repository::from_git(&project.log_dir).map(|mut repository| {
                    if let Some(branch) = &settings.repository_branch {
                        repository.branch.clone_from(branch);
                    }
                    repository
                }),
            ),
        }
    }

    /// The repository holding `dir`, from its `origin` remote; `None` outside git, without
    /// that remote, or when it is not on a forge whose links we know.
    pub fn from_git(dir: &Path) -> Option<Repository> {
        let remote = crate::git::remote_url(dir, "origin")?;
        let web_url = web_url_of(&remote)?;
        Some(Repository {
            forge: forge_of(&web_url)?,
            web_url,
            branch: current_branch(dir).unwrap_or_else(|| "HEAD".to_string()),
            root: crate::git::work_tree(dir)?,
        })
    }

    /// Where `log_dir` is in the repository, `/`-separated and percent-encoded, with a
    /// trailing `/` (empty at the top); `None` when it is outside.
    pub(crate) fn log_prefix(&self, log_dir: &Path) -> Option<String> {
        let log_dir = log_dir
            .canonicalize()
            .unwrap_or_else(|_| log_dir.to_path_buf());
        let relative = log_dir.strip_prefix(&self.root).ok()?;
        let mut prefix = String::new();
        for part in relative.components() {
            prefix.push_str(&crate::log_path::percent_encode(
                &part.as_os_str().to_string_lossy(),
                b"",
            ));
            prefix.push('/');
        }
        Some(prefix)
    }

    /// The links of the record at `rel_path` (`/`-separated) of the log at `log_prefix`.
    pub(crate) fn links(&self, log_prefix: &str, rel_path: &str) -> SourceLinks {
        let file = format!(
            "{log_prefix}{}",
            crate::log_path::percent_encode(rel_path, b"")
        );
        let branch = crate::log_path::percent_encode(&self.branch, b"/");
        let base = &self.web_url;
        match self.forge {
            Forge::GitHub => SourceLinks {
                view: format!("{base}/blob/{branch}/{file}"),
                edit: format!("{base}/edit/{branch}/{file}"),
            },
            Forge::GitLab => SourceLinks {
                view: format!("{base}/-/blob/{branch}/{file}"),
                edit: format!("{base}/-/edit/{branch}/{file}"),
            },
            Forge::Bitbucket => SourceLinks {
                view: format!("{base}/src/{branch}/{file}"),
                edit: format!("{base}/src/{branch}/{file}?mode=edit"),
            },
        }
    }

    /// The web view of the file or folder at `path` (`/`-separated, relative to the
    /// repository's root), as the forge shows it: a folder as a tree, a file as a blob.
    pub(crate) fn view_url(&self, path: &str, is_folder: bool) -> String {
        let path = crate::log_path::percent_encode(path, b"/");
        let branch = crate::log_path::percent_encode(&self.branch, b"/");
        let base = &self.web_url;
        let kind = if is_folder { "tree" } else { "blob" };
        match self.forge {
            Forge::GitHub => format!("{base}/{kind}/{branch}/{path}"),
            Forge::GitLab => format!("{base}/-/{kind}/{branch}/{path}"),
            Forge::Bitbucket => format!("{base}/src/{branch}/{path}"),
        }
    }
}

fn current_branch(dir: &Path) -> Option<String> {
    crate::git::current_branch(dir).filter(|branch| branch != "HEAD")
}

fn forge_of(web_url: &str) -> Option<Forge> {
    let host = web_url
        .strip_prefix("https://")
        .or_else(|| web_url.strip_prefix("http://"))?
        .split('/')
        .next()?
        .to_ascii_lowercase();
    if host.contains("github") {
        Some(Forge::GitHub)
    } else if host.contains("gitlab") {
        Some(Forge::GitLab)
    } else if host.contains("bitbucket") {
        Some(Forge::Bitbucket)
    } else {
        None
    }
}

/// The https address of a remote URL (`git@github.com:o/r.git`, `ssh://git@host/o/r`,
/// `https://user@host/o/r.git`); `None` for a local path or a file URL.
pub(crate) fn web_url_of(remote: &str) -> Option<String> {
    let remote = remote.trim();
    let (host, path) = if let Some(rest) = remote
        .strip_prefix("https://")
        .or_else(|| remote.strip_prefix("http://"))
        .or_else(|| remote.strip_prefix("ssh://"))
        .or_else(|| remote.strip_prefix("git://"))
    {
        let (host, path) = rest.split_once('/')?;
        (host.rsplit('@').next()?.split(':').next()?, path)
    } else {
        // scp-like `user@host:path`; a Windows drive (`C:\…`) or a plain path has no `@`.
        let (user_host, path) = remote.split_once(':')?;
        let (_, host) = user_host.split_once('@')?;
        (host, path)
    };
    let path = path.trim_matches('/').trim_end_matches(".git");
    let valid = |text: &str| {
        !text.is_empty()
            && text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '/' | '~'))
    };
    (valid(host) && valid(path) && !path.contains("..")).then(|| format!("https://{host}/{path}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remotes_become_web_addresses() {
        for (remote, web) in [
            (
                "git@github.com:owner/name.git",
                Some("https://github.com/owner/name"),
            ),
            (
                "https://github.com/owner/name.git",
                Some("https://github.com/owner/name"),
            ),
            (
                "https://user:token@gitlab.com/group/sub/name",
                Some("https://gitlab.com/group/sub/name"),
            ),
            (
                "ssh://git@bitbucket.org/team/name.git",
                Some("https://bitbucket.org/team/name"),
            ),
            ("/home/me/repos/name.git", None),
            ("../name", None),
            ("file:///srv/name.git", None),
            ("C:\\repos\\name", None),
        ] {
            assert_eq!(web_url_of(remote).as_deref(), web, "{remote}");
        }
    }

    #[test]
    fn links_follow_the_forge_and_encode_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("docs/adr")).unwrap();
        let mut repository = Repository {
            web_url: "https://gitlab.com/g/n".to_string(),
            forge: Forge::GitLab,
            branch: "main".to_string(),
            root: root.clone(),
        };
        let prefix = repository.log_prefix(&root.join("docs/adr")).unwrap();
        let links = repository.links(&prefix, "0024-use-#-ö.md");
        assert_eq!(
            links.view,
            "https://gitlab.com/g/n/-/blob/main/docs/adr/0024-use-%23-%C3%B6.md"
        );
        assert_eq!(
            links.edit,
            "https://gitlab.com/g/n/-/edit/main/docs/adr/0024-use-%23-%C3%B6.md"
        );
        repository.forge = Forge::Bitbucket;
        let links = repository.links(&repository.log_prefix(&root).unwrap(), "a b.md");
        assert_eq!(
            links.edit,
            "https://gitlab.com/g/n/src/main/a%20b.md?mode=edit"
        );
        assert!(repository.log_prefix(Path::new("/")).is_none());
    }
}
