//! section-missing's log-wide pass: what every checked record lacks, so that a section
//! most of the log's records lack is one finding (see [`collapse`]).

use super::*;

/// What a checked record lacks, kept for the whole log: a section most records lack is
/// one log-wide finding (see [`collapse`]).
#[derive(Debug, Clone)]
struct Gaps {
    path: std::path::PathBuf,
    title: Span,
    style: Style,
    required: Vec<String>,
    missing: Vec<String>,
    /// Each of `missing` as the record would name it.
    shown: Vec<String>,
    why: Why,
    /// The record's own headings, when it has none of the required ones ([`own_headings`]).
    own: Vec<String>,
}

/// At least this many records lacking the same section, and more than half of the records
/// checked, make it a section the log does not keep.
const LOG_WITHOUT_SECTION_MIN: usize = 3;

/// What every record lacks, selected or not, when the rule runs: whether a section is one
/// the log does not keep is a question about the whole log ([`collapse`]). Filled from the
/// load's parallel workers.
pub(crate) struct LogGaps {
    active: bool,
    /// The records that lack a section, by path.
    gaps: std::sync::Mutex<std::collections::HashMap<std::path::PathBuf, Gaps>>,
    /// The other records checked, by a hash of their path: they are only counted. Held as
    /// [`Gaps`] too (a path and the required sections each), they were 55 MB of `adr
    /// lint`'s peak at 99,999 records, over its budget of 256 MiB.
    complete: std::sync::Mutex<std::collections::HashSet<u128>>,
}

impl LogGaps {
    pub(crate) fn new(active: &[(&crate::lint::Rule, crate::diagnostic::Severity)]) -> LogGaps {
        LogGaps {
            active: active
                .iter()
                .any(|(rule, _)| rule.meta.id == SectionMissing::META.id),
            gaps: std::sync::Mutex::default(),
            complete: std::sync::Mutex::default(),
        }
    }

    /// Notes what `record` lacks, and leaves it in `ctx` for the rule's own check.
    pub(crate) fn add(&self, record: &Record, ctx: &mut RuleContext) {
        if !self.active {
            return;
        }
        let Some(style) = checked(record) else {
            return;
        };
        let (required, missing) = missing_sections(record, style, ctx);
        let missing: Vec<String> = missing.into_iter().cloned().collect();
        if missing.is_empty() {
            crate::lint::texts::locked(&self.complete).insert(path_hash(record.path()));
        } else {
            let gaps = Gaps {
                path: record.path().clone(),
                title: title_span(record),
                style,
                required: required.to_vec(),
                shown: shown_names(record, &missing),
                own: own_headings(record, required.len(), missing.len()),
                missing: missing.clone(),
                why: Why::of(record, style, ctx),
            };
            crate::lint::texts::locked(&self.gaps).insert(gaps.path.clone(), gaps);
        }
        ctx.missing_sections = Some(missing);
    }

    /// [`collapse`] over the records at `paths`, in that (the log's) order.
    pub(crate) fn collapse<'p>(
        self,
        paths: impl Iterator<Item = &'p std::path::PathBuf>,
        findings: &mut Vec<crate::diagnostic::Diagnostic>,
    ) {
        let mut by_path = self
            .gaps
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut complete = self
            .complete
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut checked = 0;
        let in_order: Vec<Gaps> = paths
            .filter_map(|path| {
                let gaps = by_path.remove(path);
                if gaps.is_some() || complete.remove(&path_hash(path)) {
                    checked += 1;
                }
                gaps
            })
            .collect();
        collapse(&in_order, checked, findings);
    }
}

fn path_hash(path: &std::path::Path) -> u128 {
    xxhash_rust::xxh3::xxh3_128(path.as_os_str().as_encoded_bytes())
}

/// A section most records lack (more than half of those checked, three at least) is one the
/// log does not keep: it is one finding, on the first record lacking it, with the count and
/// the setting that drops it, instead of an error on every record (tdr: 36 of 39 records
/// without `Consequences`). Several such sections are one finding, whose setting drops them
/// all (CometBFT: `Alternative Approaches` and `Detailed Design`). The records' own findings
/// leave those sections out: one that named only them goes, one that names others too keeps
/// the others. `gaps` is every checked record's, in log order; `findings` are the records'.
fn collapse(gaps: &[Gaps], checked: usize, findings: &mut Vec<crate::diagnostic::Diagnostic>) {
    let mut counts: Vec<(&String, usize)> = Vec::new();
    for name in gaps.iter().flat_map(|gap| &gap.missing) {
        match counts.iter_mut().find(|(counted, _)| *counted == name) {
            Some((_, count)) => *count += 1,
            None => counts.push((name, 1)),
        }
    }
    let common: Vec<(&String, usize)> = counts
        .into_iter()
        .filter(|(_, count)| *count >= LOG_WITHOUT_SECTION_MIN && count * 2 > checked)
        .collect();
    if common.is_empty() {
        return;
    }
    let is_common = |name: &String| common.iter().any(|(common, _)| *common == name);
    // By path: at 99,999 records a list searched for each finding was quadratic.
    let by_path: std::collections::HashMap<&std::path::Path, &Gaps> = gaps
        .iter()
        .filter(|gap| gap.missing.iter().any(is_common))
        .map(|gap| (gap.path.as_path(), gap))
        .collect();
    findings.retain_mut(|finding| {
        if finding.rule.id != SectionMissing::META.id {
            return true;
        }
        let Some(gap) = by_path.get(finding.path.as_path()) else {
            return true;
        };
        let (missing, shown): (Vec<String>, Vec<String>) = gap
            .missing
            .iter()
            .zip(&gap.shown)
            .filter(|(name, _)| !is_common(name))
            .map(|(name, shown)| (name.clone(), shown.clone()))
            .unzip();
        if missing.is_empty() {
            return false;
        }
        let (message, help) = finding_texts(gap.style, &gap.why, (&missing, &shown), &[]);
        finding.message = message;
        finding.help = Some(help);
        true
    });
    let Some(first) = gaps.iter().find(|gap| gap.missing.iter().any(is_common)) else {
        return;
    };
    let kept: Vec<String> = first
        .required
        .iter()
        .filter(|required| !is_common(required))
        .map(|required| format!("\"{}\"", required.replace(['"', '\\'], "")))
        .collect();
    let names: Vec<&String> = common.iter().map(|(name, _)| *name).collect();
    let (message, label, add, them) = match common.as_slice() {
        [(name, count)] => (
            format!("section `{name}` is missing in {count} of the log's {checked} records"),
            format!("missing here and in {} other records", count.saturating_sub(1)),
            format!("a `## {name}` heading"),
            "it",
        ),
        _ => {
            let mut counts: Vec<String> =
                common.iter().map(|(_, count)| count.to_string()).collect();
            if counts.iter().all(|count| *count == counts[0]) {
                counts.truncate(1);
            }
            let counts: Vec<&String> = counts.iter().collect();
            (
                format!(
                    "sections {} are missing in {} of the log's {checked} records",
                    listed(&names, "`", "`"),
                    listed(&counts, "", "")
                ),
                "missing here and in other records".to_string(),
                format!("{} headings", listed(&names, "`## ", "`")),
                "them",
            )
        }
    };
    let mut finding = crate::diagnostic::Diagnostic::new(
        &SectionMissing::META,
        first.path.clone(),
        Some(first.title),
        message,
    );
    finding.label(label).help(format!(
        "add {add} to each, or, if the log does not keep {them}, leave {them} out of the list in \
         .adr.toml: `[lint.required-sections]` `{} = [{}]`{}",
        first.style.name(),
        kept.join(", "),
        alias_hint(&first.own, &first.missing)
    ));
    findings.push(finding);
}
