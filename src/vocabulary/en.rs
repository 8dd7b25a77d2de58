//! English: MADR's and adr-tools' own words, and the status words real logs use beside
//! them (EIP-style `Final`, `Living`, `Stagnant`; `Approved`, `Implemented`, `on hold`).

use super::{Kind::*, Label, Language};

pub(super) const TABLE: Language = Language {
    code: "en",
    name: "English",
    headings: &[
        ("Problem Statement", "Context and Problem Statement"),
        ("Context and Problem", "Context and Problem Statement"),
        ("Options Considered", "Considered Options"),
        ("Considered Option", "Considered Options"),
        ("Alternatives Considered", "Considered Options"),
        ("Considered Alternatives", "Considered Options"),
        ("Consequence", "Consequences"),
        // What follows from the decision, under the names some templates give it
        // (CDCgov/trusted-intermediary's `## Impact` in all 27 records).
        ("Impact", "Consequences"),
        ("Impacts", "Consequences"),
        ("Implications", "Consequences"),
        ("Decision Driver", "Decision Drivers"),
    ],
    labels: &[
        ("status", Label::Status),
        ("state", Label::Status),
        ("date", Label::Date),
        ("decision date", Label::Date),
        ("initial date", Label::Date),
        ("date of decision", Label::Date),
        ("date created", Label::Date),
        ("created", Label::Date),
        ("last updated", Label::Date),
        ("deciders", Label::Deciders),
        ("decision-makers", Label::Deciders),
        ("decision makers", Label::Deciders),
        ("tags", Label::Tags),
    ],
    statuses: &[
        ("proposed", Proposed),
        ("accepted", Accepted),
        ("rejected", Rejected),
        ("deprecated", Deprecated),
        ("superseded", Superseded),
        ("draft", Draft),
        ("drafting", Draft),
        ("wip", Draft),
        ("work in progress", Draft),
        ("idea", Draft),
        ("stagnant", Draft),
        ("proposal", Proposed),
        ("pending", Proposed),
        ("review", Proposed),
        ("in review", Proposed),
        ("under review", Proposed),
        ("last call", Proposed),
        ("rfc", Proposed),
        ("open", Proposed),
        ("on hold", Proposed),
        ("in discussion", Proposed),
        ("under discussion", Proposed),
        ("discussing", Proposed),
        ("postponed", Proposed),
        ("deferred", Proposed),
        ("under consideration", Proposed),
        ("discussion", Proposed),
        ("approved", Accepted),
        ("agreed", Accepted),
        ("adopted", Accepted),
        ("active", Accepted),
        ("implemented", Accepted),
        ("partially implemented", Accepted),
        ("accepted-provisional", Accepted),
        ("provisionally accepted", Accepted),
        ("decided", Accepted),
        ("done", Accepted),
        ("complete", Accepted),
        ("completed", Accepted),
        ("final", Accepted),
        ("living", Accepted),
        ("in effect", Accepted),
        ("ratified", Accepted),
        ("resolved", Accepted),
        ("declined", Rejected),
        ("withdrawn", Rejected),
        ("abandoned", Rejected),
        ("refused", Rejected),
        ("not accepted", Rejected),
        ("cancelled", Rejected),
        ("canceled", Rejected),
        ("denied", Rejected),
        ("reverted", Deprecated),
        ("obsolete", Deprecated),
        ("retired", Deprecated),
        ("archived", Deprecated),
        ("outdated", Deprecated),
        ("replaced", Superseded),
    ],
    months: &[
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    date_filler: &[],
    superseded_connectors: &["by"],
    successor_before: &[],
    supersedes_labels: &["supersedes", "supercedes", "replaces"],
    placeholders: &[],
};

/// Whether the clause that ends `before` (text up to a verb: `while this does not directly`
/// before `supersede [ADR 23]`) negates that verb: `not`, `never`, `nor`, `cannot` or a
/// `-n't` word since the clause began (a sentence break, `;`, `:` or `,`). cardano-scaling/
/// hydra's `This does not directly supersede [ADR23](/adr/23)` was read as superseding it.
pub fn ends_negated(before: &str) -> bool {
    let clause = before
        .rsplit(['.', ';', ':', ',', '!', '?', '(', ')'])
        .next()
        .unwrap_or(before);
    clause
        .split(|c: char| !(c.is_alphabetic() || c == '\'' || c == '’'))
        .any(|word| {
            let word = word.to_lowercase();
            matches!(word.as_str(), "not" | "never" | "nor" | "cannot")
                || word.ends_with("n't")
                || word.ends_with("n’t")
        })
}
