//! Norwegian (Bokmål): the headings Norwegian logs write and their status words.

use super::{Kind::*, Label, Language};

pub(super) const TABLE: Language = Language {
    code: "nb",
    name: "Norwegian",
    headings: &[
        ("Kontekst", "Context"),
        (
            "Kontekst og problemstilling",
            "Context and Problem Statement",
        ),
        // svv-kos/driftsportal's log4brains template: `problembeskrivelse`, `Besluttning`
        // (so spelt in its template, and so in every record made from it).
        (
            "Kontekst og problembeskrivelse",
            "Context and Problem Statement",
        ),
        ("Beslutningsfaktorer", "Decision Drivers"),
        ("Beslutningsdrivere", "Decision Drivers"),
        ("Besluttningsdrivere", "Decision Drivers"),
        ("Besluttning", "Decision"),
        (
            "Fordeler og ulemper med mulighetene",
            "Pros and Cons of the Options",
        ),
        ("Vurderte alternativer", "Considered Options"),
        ("Alternativer", "Considered Options"),
        ("Utfall av beslutningen", "Decision Outcome"),
        ("Beslutning", "Decision"),
        ("Konsekvenser", "Consequences"),
        (
            "Fordeler og ulemper ved alternativene",
            "Pros and Cons of the Options",
        ),
        ("Mer informasjon", "More Information"),
        ("Lenker", "Links"),
        ("Bekreftelse", "Confirmation"),
    ],
    labels: &[
        ("dato", Label::Date),
        ("beslutningstakere", Label::Deciders),
    ],
    statuses: &[
        ("utkast", Draft),
        ("foreslått", Proposed),
        ("akseptert", Accepted),
        ("godkjent", Accepted),
        ("vedtatt", Accepted),
        ("avvist", Rejected),
        ("utgått", Deprecated),
        ("foreldet", Deprecated),
        ("erstattet", Superseded),
    ],
    months: &[
        "januar",
        "februar",
        "mars",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "desember",
    ],
    date_filler: &[],
    superseded_connectors: &["av"],
    successor_before: &[],
    supersedes_labels: &["erstatter"],
    placeholders: &["Beskriv konteksten"],
};
