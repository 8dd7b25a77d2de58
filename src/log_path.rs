//! Paths inside the log as `/`-separated strings relative to the log directory, the way
//! records link to each other: joining a link onto the linking file's folder, the link
//! from one record to another, and percent-decoding link targets. Lint, the site and
//! renumber all resolve links; they share these so a link means the same thing to each.

/// The last part of a `/`-separated path relative to the log: `0007-b.md` of
/// `sub/0007-b.md`. Records are looked up, named and renamed by it.
pub fn file_name(rel_path: &str) -> &str {
    rel_path.rsplit('/').next().unwrap_or(rel_path)
}

/// `dir` + `path`, both `/`-separated and relative to the log; `None` when the result
/// leaves the log directory.
pub fn join(dir: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|part| !part.is_empty()).collect();
    for part in path.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

/// The log-relative path a relative link target (`../0007-b.md#why`) points at, from the
/// file at `from` (log-relative); `None` for an empty path or one leaving the log.
pub fn link_target(from: &str, target: &str) -> Option<String> {
    let path = target.split(['#', '?']).next().unwrap_or(target);
    if path.is_empty() {
        return None;
    }
    let dir = from.rsplit_once('/').map_or("", |(dir, _)| dir);
    join(dir, path)
}

/// The link from `from` (a record's path relative to the log) to `to`.
pub fn relative_link(from: &str, to: &str) -> String {
    let from_dir: Vec<&str> = from
        .split('/')
        .collect::<Vec<_>>()
        .split_last()
        .map_or(Vec::new(), |(_, dir)| dir.to_vec());
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut parts: Vec<&str> = std::iter::repeat_n("..", from_dir.len() - common).collect();
    parts.extend(&to_parts[common..]);
    parts.join("/")
}

/// `path` with every byte but RFC 3986's unreserved characters, `/` and those in
/// `also_keep` percent-encoded (UTF-8): `a b#1.png` → `a%20b%231.png`.
pub fn percent_encode(path: &str, also_keep: &[u8]) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        let keep = byte.is_ascii_alphanumeric()
            || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/')
            || also_keep.contains(&byte);
        if keep {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// `%20` → ` `; malformed escapes are kept as written.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] == b'%'
            && let Some(hex) = text.get(at + 1..at + 3)
            && let Ok(byte) = u8::from_str_radix(hex, 16)
        {
            out.push(byte);
            at += 3;
            continue;
        }
        out.push(bytes[at]);
        at += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links() {
        assert_eq!(relative_link("0001-a.md", "0002-b.md"), "0002-b.md");
        assert_eq!(
            relative_link("archived/0001-a.md", "0002-b.md"),
            "../0002-b.md"
        );
        assert_eq!(
            relative_link("0001-a.md", "archived/0002-b.md"),
            "archived/0002-b.md"
        );
    }

    #[test]
    fn joins_stay_inside_the_log() {
        assert_eq!(join("", "./0002-b.md").as_deref(), Some("0002-b.md"));
        assert_eq!(join("sub", "../0002-b.md").as_deref(), Some("0002-b.md"));
        assert_eq!(join("", "../img/x.png"), None);
        assert_eq!(
            link_target("old/0001-a.md", "../0007-b.md#why").as_deref(),
            Some("0007-b.md")
        );
        assert_eq!(link_target("0001-a.md", "#only-an-anchor"), None);
        assert_eq!(percent_decode("a%20b%zz"), "a b%zz");
    }

    #[test]
    fn link_targets_resolve_from_the_linking_file() {
        assert_eq!(
            link_target("0001-a.md", "0007-b.md#why").as_deref(),
            Some("0007-b.md")
        );
        assert_eq!(
            link_target("old/0001-a.md", "../0007-b.md").as_deref(),
            Some("0007-b.md")
        );
        assert_eq!(
            link_target("0001-a.md", "./sub/0007-b.md").as_deref(),
            Some("sub/0007-b.md")
        );
        assert_eq!(link_target("0001-a.md", "../../x.md"), None);
    }
}
