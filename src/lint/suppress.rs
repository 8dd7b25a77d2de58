//! Suppression written in a record: `<!-- adr-lint-disable rule-id -->` (from that line on,
//! until `<!-- adr-lint-enable rule-id -->`), `<!-- adr-lint-disable-next-line rule-id -->`,
//! and the front-matter key `lint-ignore: [rule-id]` for the whole file. Without ids a
//! directive covers every rule.

use crate::model::Record;

#[derive(Debug)]
enum Scope {
    /// From this line to the end, or to a matching enable.
    From(usize),
    Until(usize),
    Line(usize),
    File,
}

#[derive(Debug)]
struct Directive {
    scope: Scope,
    /// Empty: every rule.
    rules: Vec<String>,
}

impl Directive {
    fn names(&self, rule: &str) -> bool {
        self.rules.is_empty() || self.rules.iter().any(|id| id == rule)
    }
}

/// The suppression directives of one record, in file order.
#[derive(Debug, Default)]
pub(crate) struct Directives {
    directives: Vec<Directive>,
}

impl Directives {
    pub(crate) fn of(record: &Record) -> Directives {
        let mut directives = Vec::new();
        if let Some(entry) = record
            .front_matter
            .as_ref()
            .and_then(|front_matter| front_matter.get("lint-ignore"))
        {
            let rules = match &entry.value {
                yaml_serde::Value::Sequence(items) => items
                    .iter()
                    .filter_map(|item| item.as_str().map(|id| id.trim().to_string()))
                    .collect(),
                yaml_serde::Value::String(text) => text
                    .split([',', ' '])
                    .map(str::trim)
                    .filter(|id| !id.is_empty())
                    .map(String::from)
                    .collect(),
                _ => Vec::new(),
            };
            if !rules.is_empty() {
                directives.push(Directive {
                    scope: Scope::File,
                    rules,
                });
            }
        }
        for comment in &record.comments {
            let text = comment.value.trim();
            let end_line = record.source.last_line_of(comment.span);
            let (scope, rest) = if let Some(rest) = text.strip_prefix("adr-lint-disable-next-line")
            {
                (Scope::Line(end_line + 1), rest)
            } else if let Some(rest) = text.strip_prefix("adr-lint-disable") {
                (Scope::From(comment.line), rest)
            } else if let Some(rest) = text.strip_prefix("adr-lint-enable") {
                (Scope::Until(comment.line), rest)
            } else {
                continue;
            };
            if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
                continue;
            }
            let rules = rest
                .split([',', ' ', '\t', '\n'])
                .map(str::trim)
                .filter(|id| !id.is_empty())
                .map(String::from)
                .collect();
            directives.push(Directive { scope, rules });
        }
        Directives { directives }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.directives.is_empty()
    }

    /// Whether a finding of `rule` on `line` (`None`: the file as a whole) is suppressed.
    pub(crate) fn suppresses(&self, rule: &str, line: Option<usize>) -> bool {
        let mut disabled = false;
        for directive in &self.directives {
            if !directive.names(rule) {
                continue;
            }
            match directive.scope {
                Scope::File => return true,
                Scope::Line(target) => {
                    if line == Some(target) {
                        return true;
                    }
                }
                Scope::From(start) => {
                    if line.is_none_or(|line| line >= start) {
                        disabled = true;
                    }
                }
                Scope::Until(start) => {
                    if line.is_some_and(|line| line >= start) {
                        disabled = false;
                    }
                }
            }
        }
        disabled
    }
}
