//! Fault injection: corrupts chosen records the ways real logs go wrong, and says where.

use super::words::{Random, TECH, UNKNOWN_STATUSES, capitalised};
use super::{FAULT_KINDS, Fault, FaultKind, Plan, Style};

impl Plan {
    /// Corrupts `count` records not part of a supersession, one fault each, the kinds taken
    /// in turn (those the log's style allows).
    pub(super) fn inject(
        &self,
        count: usize,
        names: &mut [String],
        texts: &mut [String],
    ) -> Vec<Fault> {
        let mut random = Random::new(self.seed, u64::MAX);
        let total = self.records.len();
        let linked: std::collections::BTreeSet<usize> = self
            .records
            .iter()
            .flat_map(|record| record.links.iter().copied())
            .collect();
        let mut plain: Vec<usize> = self
            .records
            .iter()
            .filter(|r| r.supersedes.is_none() && r.superseded_by.is_none())
            .map(|r| r.n)
            .collect();
        for i in (1..plain.len()).rev() {
            plain.swap(i, random.below(i + 1));
        }
        let kinds: Vec<FaultKind> = FAULT_KINDS
            .into_iter()
            .filter(|kind| self.style == Style::Mixed || kind.applies_to(self.style))
            .collect();
        let mut taken = std::collections::BTreeSet::new();
        let mut duplicate_targets = std::collections::BTreeSet::new();
        let mut faults = Vec::new();
        for i in 0..count {
            let kind = kinds[i % kinds.len()];
            let Some(victim) = plain.iter().copied().find(|&n| {
                let renamed_but_linked = kind == FaultKind::DuplicateNumber && linked.contains(&n);
                !taken.contains(&n)
                    && !duplicate_targets.contains(&n)
                    && kind.applies_to(self.record(n).style)
                    && !renamed_but_linked
            }) else {
                panic!("cannot inject {count} faults into {total} records: generate more records");
            };
            taken.insert(victim);
            let record = self.record(victim);
            let text = &mut texts[victim - 1];
            let mut fault = Fault {
                file: String::new(),
                kind,
                line: 1,
                duplicate_of: None,
            };
            let replace_line = |text: &mut String, starts: &str, new: &dyn Fn(&str) -> String| {
                let line = text
                    .lines()
                    .find(|line| line.starts_with(starts))
                    .expect("the line to corrupt")
                    .to_string();
                *text = text.replacen(&line, &new(&line), 1);
                line_of(text, &new(&line))
            };
            match kind {
                FaultKind::BrokenYaml => {
                    fault.line = match random.below(3) {
                        0 => replace_line(text, "date: ", &|_| format!("date: \"{}", record.date)),
                        1 => replace_line(text, "status: ", &|line| {
                            format!("{line}\n  owner: Platform team")
                        }),
                        _ => replace_line(text, "tags:", &|_| {
                            format!("tags: [{}", record.tags.join(", "))
                        }),
                    };
                }
                FaultKind::UnknownStatus => {
                    let bad = *random.pick(&UNKNOWN_STATUSES);
                    fault.line = match record.style {
                        Style::Madr2 => {
                            replace_line(text, "* Status: ", &|_| format!("* Status: {bad}"))
                        }
                        Style::Nygard => {
                            let old = format!("## Status\n\n{}\n", capitalised(record.status));
                            let new = format!("## Status\n\n{}\n", capitalised(bad));
                            *text = text.replacen(&old, &new, 1);
                            line_of(text, &new) + 2
                        }
                        _ => replace_line(text, "status: ", &|_| format!("status: {bad}")),
                    };
                }
                FaultKind::ChosenOptionNotInList => {
                    let other = TECH
                        .iter()
                        .find(|tech| !record.options.contains(tech))
                        .expect("a technology not considered");
                    let new = format!("Chosen option: \"{other}\"");
                    *text =
                        text.replacen(&format!("Chosen option: \"{}\"", record.chosen), &new, 1);
                    fault.line = line_of(text, &new);
                }
                FaultKind::BrokenLink => {
                    let missing = self.number(total + 1 + victim % 7);
                    if let Some(&first) = record.links.first() {
                        let target = self.file_name(first);
                        let bad = if random.chance(50) {
                            target.replacen(".md", "x.md", 1)
                        } else {
                            format!("{missing}-{}.md", self.record(first).slug)
                        };
                        *text = text
                            .replacen(&format!("({target})"), &format!("({bad})"), 1)
                            .replacen(&format!("(./{target})"), &format!("(./{bad})"), 1);
                        fault.line = line_of(text, &bad);
                    } else {
                        let bad = format!("{missing}-{}-followup.md", record.slug);
                        let link = format!("Follow-up: [ADR-{missing}]({bad})");
                        let trimmed = text.trim_end_matches('\n').to_string();
                        *text = match record.style {
                            Style::Madr2 if text.contains("\n## Links\n") => {
                                format!("{trimmed}\n* {link}\n")
                            }
                            Style::Madr2 => format!("{trimmed}\n\n## Links\n\n* {link}\n"),
                            _ => format!("{trimmed}\n\n{link}\n"),
                        };
                        fault.line = line_of(text, &bad);
                    }
                }
                FaultKind::DuplicateNumber => {
                    let others: Vec<usize> = (1..=total)
                        .filter(|&n| n != victim && !taken.contains(&n))
                        .collect();
                    let other = *random.pick(&others);
                    duplicate_targets.insert(other);
                    if record.style == Style::Nygard {
                        *text = text.replacen(&format!("# {victim}. "), &format!("# {other}. "), 1);
                    }
                    names[victim - 1] = format!("{}-{}.md", self.number(other), record.slug);
                    fault.duplicate_of = Some(format!("docs/adr/{}", names[other - 1]));
                }
            }
            fault.file = format!("docs/adr/{}", names[victim - 1]);
            faults.push(fault);
        }
        faults.sort_by(|a, b| a.file.cmp(&b.file));
        faults
    }
}

/// The 1-based line on which `needle` first occurs in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    let at = text.find(needle).expect("the corrupted text");
    text.get(..at).unwrap_or("").matches('\n').count() + 1
}
