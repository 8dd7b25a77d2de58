//! Badge colours for statuses of the log's own (`[site.status-colours]` in `.adr.toml`):
//! each keyword gets a class, `status-custom-<slug>`, and a rule appended to the site's
//! stylesheet (the strict CSP allows no inline style). The text colour, black or white,
//! is whichever contrasts more with the background the config gives, in light and dark
//! mode alike (the badge carries both colours).

#![deny(clippy::string_slice)] // user text: slice with `str::get` only (issue #13)

use std::collections::BTreeMap;

use crate::error::{Error, Result};

/// Keyword (lower-case) → (class, background `#rrggbb`).
#[derive(Debug, Clone, Default)]
/// The configured status colours, each with its class.
pub struct StatusColours(BTreeMap<String, (String, String)>);

impl StatusColours {
    /// Checks the config's colours; an error names the status whose colour is not `#rgb`
    /// or `#rrggbb`.
    pub fn parse(colours: &BTreeMap<String, String>) -> Result<BTreeMap<String, String>> {
        let mut checked = BTreeMap::new();
        for (status, colour) in colours {
            let Some(hex) = normalised_hex(colour) else {
                return Err(Error::usage(format!(
                    "`site.status-colours` gives `{status}` the colour `{colour}`: write it as #rgb or #rrggbb, e.g. \"#8a5cf5\""
                )));
            };
            checked.insert(status.trim().to_lowercase(), hex);
        }
        Ok(checked)
    }

    pub(crate) fn new(colours: &BTreeMap<String, String>) -> StatusColours {
        let mut taken = std::collections::BTreeSet::new();
        StatusColours(
            colours
                .iter()
                .filter_map(|(status, colour)| {
                    let hex = normalised_hex(colour)?;
                    let base = format!("custom-{}", super::html::slug(status));
                    let mut class = base.clone();
                    let mut counter = 1;
                    while !taken.insert(class.clone()) {
                        counter += 1;
                        class = format!("{base}-{counter}");
                    }
                    Some((status.trim().to_lowercase(), (class, hex)))
                })
                .collect(),
        )
    }

    /// The class of `keyword`, when the config colours it.
    pub(crate) fn class_of(&self, keyword: &str) -> Option<&str> {
        self.0
            .get(&keyword.to_lowercase())
            .map(|(class, _)| class.as_str())
    }

    /// The stylesheet rules of the configured colours.
    pub(crate) fn css(&self) -> String {
        let mut css = String::new();
        if !self.0.is_empty() {
            css.push_str("\n/* [site.status-colours] in .adr.toml */\n");
        }
        for (class, background) in self.0.values() {
            let text = text_colour(background);
            css.push_str(&format!(
                ".status-{class} {{ background: {background}; color: {text}; }}\n.status-{class}::before {{ background: {text}; }}\n.dot.status-{class} {{ fill: {background}; }}\n"
            ));
        }
        css
    }
}

/// `#abc` → `#aabbcc`; `None` for anything else.
fn normalised_hex(colour: &str) -> Option<String> {
    let digits = colour.trim().strip_prefix('#')?;
    if !digits.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    match digits.len() {
        6 => Some(format!("#{}", digits.to_ascii_lowercase())),
        3 => Some(format!(
            "#{}",
            digits
                .chars()
                .flat_map(|c| [c, c])
                .collect::<String>()
                .to_ascii_lowercase()
        )),
        _ => None,
    }
}

/// WCAG relative luminance of `#rrggbb`.
fn luminance(hex: &str) -> f64 {
    let channel = |at: usize| {
        let value = hex
            .get(at..at + 2)
            .and_then(|digits| u8::from_str_radix(digits, 16).ok())
            .map_or(0.0, |value| f64::from(value) / 255.0);
        if value <= 0.03928 {
            value / 12.92
        } else {
            ((value + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

/// Black or white, whichever contrasts more with `background`.
fn text_colour(background: &str) -> &'static str {
    let light = luminance(background);
    let with_black = (light + 0.05) / 0.05;
    let with_white = 1.05 / (light + 0.05);
    if with_black >= with_white {
        "#000000"
    } else {
        "#ffffff"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_checked_and_get_a_readable_text_colour() {
        let config = BTreeMap::from([
            ("On Hold".to_string(), "#5B21B6".to_string()),
            ("parked".to_string(), "#ff0".to_string()),
        ]);
        let checked = StatusColours::parse(&config).unwrap();
        assert_eq!(checked["on hold"], "#5b21b6");
        assert_eq!(checked["parked"], "#ffff00");
        let colours = StatusColours::new(&config);
        assert_eq!(colours.class_of("on hold"), Some("custom-on-hold"));
        assert_eq!(colours.class_of("ON HOLD"), Some("custom-on-hold"));
        assert_eq!(colours.class_of("accepted"), None);
        let css = colours.css();
        assert!(
            css.contains(".status-custom-on-hold { background: #5b21b6; color: #ffffff; }"),
            "{css}"
        );
        assert!(
            css.contains(".status-custom-parked { background: #ffff00; color: #000000; }"),
            "{css}"
        );
        let bad = BTreeMap::from([("x".to_string(), "red; } body { display:none".to_string())]);
        let error = StatusColours::parse(&bad).unwrap_err().to_string();
        assert!(
            error.contains("`site.status-colours` gives `x` the colour"),
            "{error}"
        );
    }
}
