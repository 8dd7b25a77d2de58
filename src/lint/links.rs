//! Where a record's relative link points: the file (relative to the linking record,
//! percent-decoded, `.`/`..` resolved) and the `#fragment`, and where a root-relative
//! link may point.

use std::path::{Path, PathBuf};

use crate::model::Link;

/// A relative link, taken apart.
#[derive(Debug)]
pub(crate) struct LinkTarget {
    pub path: PathBuf,
    pub fragment: Option<String>,
}

/// `None` for links that are not into the repository, or are templated (`{{ site.url }}`).
/// `record` is the path of the linking record.
pub(crate) fn resolve(record: &Path, link: &Link) -> Option<LinkTarget> {
    if !link.is_relative() {
        return None;
    }
    let target = link.target.trim();
    if target.contains("{{") || target.contains("{%") {
        return None;
    }
    let (rest, fragment) = match target.split_once('#') {
        Some((rest, fragment)) => (rest, Some(crate::log_path::percent_decode(fragment))),
        None => (target, None),
    };
    let path_part = rest.split('?').next().unwrap_or(rest);
    if path_part.is_empty() {
        return None;
    }
    let mut dir = record.parent().unwrap_or(Path::new(""));
    // `@/documentation/adrs/x.md`: Zola's link from its `content` folder (vmware-tanzu/
    // secrets-manager); outside one, a path nothing here can check.
    let path_part = match path_part.strip_prefix("@/") {
        Some(in_content) => {
            dir = dir
                .ancestors()
                .find(|folder| folder.file_name().is_some_and(|name| name == "content"))?;
            in_content
        }
        None => path_part,
    };
    Some(LinkTarget {
        path: crate::log_path::normalize(
            &dir.join(crate::log_path::percent_decode_path(path_part)),
        ),
        fragment: fragment.filter(|fragment| !fragment.is_empty()),
    })
}

/// The path of a root-relative link (`/adr/ADR-216?x=1#y` → `/adr/ADR-216`); `None` for
/// any other link, and for `//host` links.
pub(crate) fn root_relative_path(link: &Link) -> Option<&str> {
    let target = link.target.trim();
    if !target.starts_with('/') || target.starts_with("//") {
        return None;
    }
    let path = target.split(['?', '#']).next().unwrap_or(target);
    (path.len() > 1).then_some(path)
}

/// Where a root-relative link may point: under `[lint] site-prefix`, the file in the log
/// (as written, with `.md`, or a folder's `README.md`/`index.md`); otherwise the path from
/// the project root. `None` when the link is under no prefix and there is no root.
pub(crate) fn root_relative_candidates(
    path: &str,
    log_dir: &Path,
    root: Option<&Path>,
    site_prefix: Option<&str>,
) -> Option<(bool, Vec<PathBuf>)> {
    let decoded = crate::log_path::percent_decode(path);
    let prefix = site_prefix.map(|prefix| format!("/{}/", prefix.trim_matches('/')));
    let (base, under_prefix) = match prefix
        .as_deref()
        .and_then(|prefix| decoded.strip_prefix(prefix))
    {
        Some(rest) => (log_dir.join(rest), true),
        None => (root?.join(decoded.trim_start_matches('/')), false),
    };
    let base = crate::log_path::normalize(&base);
    let mut candidates = vec![base.clone()];
    if base.extension().is_none() {
        candidates.push(base.with_extension("md"));
        candidates.push(base.join("README.md"));
        candidates.push(base.join("index.md"));
    }
    Some((under_prefix, candidates))
}

#[cfg(test)]
mod tests {
    #[test]
    fn percent_decoding() {
        assert_eq!(
            crate::log_path::percent_decode("my%20file.md"),
            "my file.md"
        );
    }
}
