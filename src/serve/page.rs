//! What `adr serve` changes in the HTML it serves, and the pages it makes itself. A page of
//! the site is served as `adr render` wrote it but for two things: the reload script before
//! `</body>`, and `connect-src 'self'` in its Content-Security-Policy, without which the
//! site's strict policy (`default-src 'none'`) would refuse the script its event stream.
//! The files on disk are never changed.

#![deny(clippy::string_slice)]

use crate::site::escape_html;

/// Where the script that reloads pages is served.
pub const SCRIPT_PATH: &str = "/__adr/reload.js";

/// Where the script listens for rebuilds (server-sent events).
pub const EVENTS_PATH: &str = "/__adr/reload";

/// The reload script.
pub const SCRIPT: &str = include_str!("reload.js");

/// What the policy's attribute starts with in the site's layout.
const POLICY_START: &str = "http-equiv=\"Content-Security-Policy\" content=\"";

/// The element that loads the reload script, told which build the page comes from (so a
/// rebuild finishing between the page and its event stream still reloads it).
pub fn reload_snippet(generation: u64) -> String {
    format!("<script src=\"{SCRIPT_PATH}?since={generation}\"></script>")
}

/// `page` (a page of the site) as served: its policy allowing the event stream, and the
/// reload snippet before its last `</body>` (at its end when it has none).
pub fn served_html(page: &[u8], generation: u64) -> Vec<u8> {
    let text = String::from_utf8_lossy(page);
    let mut served = with_event_stream_allowed(&text);
    let snippet = reload_snippet(generation);
    match served.rfind("</body>") {
        Some(at) => served.insert_str(at, &snippet),
        None => served.push_str(&snippet),
    }
    served.into_bytes()
}

/// `page` with `connect-src 'self'` in its Content-Security-Policy meta element, if it has
/// one (a page from a user's template may not).
fn with_event_stream_allowed(page: &str) -> String {
    let Some((head, rest)) = page.split_once(POLICY_START) else {
        return page.to_string();
    };
    let Some((policy, tail)) = rest.split_once('"') else {
        return page.to_string();
    };
    format!("{head}{POLICY_START}{}\"{tail}", allow_connect_self(policy))
}

/// A policy that also allows connections to the page's own origin.
fn allow_connect_self(policy: &str) -> String {
    let mut found = false;
    let mut directives: Vec<String> = policy
        .split(';')
        .map(str::trim)
        .filter(|directive| !directive.is_empty())
        .map(|directive| {
            let mut words = directive.split_ascii_whitespace();
            if !words
                .next()
                .is_some_and(|name| name.eq_ignore_ascii_case("connect-src"))
            {
                return directive.to_string();
            }
            found = true;
            let sources: Vec<&str> = words.filter(|source| *source != "'none'").collect();
            if sources.contains(&"'self'") {
                directive.to_string()
            } else {
                format!("connect-src 'self' {}", sources.join(" "))
                    .trim_end()
                    .to_string()
            }
        })
        .collect();
    if !found {
        directives.push("connect-src 'self'".to_string());
    }
    directives.join("; ")
}

/// A page of `adr serve`'s own (not found, build failed): `heading`, then `text` as
/// preformatted text, with the reload snippet so that it is replaced as soon as the site
/// is rebuilt.
pub fn notice_page(heading: &str, text: &str, generation: u64) -> Vec<u8> {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'\">\n\
         <title>{heading}</title>\n<link rel=\"stylesheet\" href=\"/assets/style.css\">\n</head>\n<body>\n\
         <main class=\"container\">\n<h1>{heading}</h1>\n<pre>{}</pre>\n<p><a href=\"/\">The index</a></p>\n</main>\n{}\n</body>\n</html>\n",
        escape_html(text),
        reload_snippet(generation)
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_gains_connect_src_and_nothing_else_changes() {
        let page = "<head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self'\"></head><body><p>x</p></body></html>";
        assert_eq!(
            String::from_utf8(served_html(page.as_bytes(), 3)).unwrap_or_default(),
            "<head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self'; connect-src 'self'\"></head><body><p>x</p><script src=\"/__adr/reload.js?since=3\"></script></body></html>"
        );
    }

    #[test]
    fn an_existing_connect_src_gains_self() {
        assert_eq!(
            allow_connect_self("default-src 'none'; connect-src 'none'"),
            "default-src 'none'; connect-src 'self'"
        );
        assert_eq!(
            allow_connect_self("connect-src https://example.org; img-src 'self'"),
            "connect-src 'self' https://example.org; img-src 'self'"
        );
        assert_eq!(
            allow_connect_self("connect-src 'self'"),
            "connect-src 'self'"
        );
    }

    #[test]
    fn a_page_without_body_or_policy_gets_the_snippet_at_its_end() {
        assert_eq!(
            String::from_utf8(served_html("<p>é</p>".as_bytes(), 1)).unwrap_or_default(),
            "<p>é</p><script src=\"/__adr/reload.js?since=1\"></script>"
        );
    }

    #[test]
    fn a_notice_escapes_its_text() {
        let page =
            String::from_utf8(notice_page("Build failed", "<script>", 2)).unwrap_or_default();
        assert!(page.contains("<pre>&lt;script&gt;</pre>"), "{page}");
    }
}
