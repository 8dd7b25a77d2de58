//! Finnish: the MADR headings Finnish logs write and their status words.

use super::{Kind::*, Label, Language};

pub(super) const TABLE: Language = Language {
    code: "fi",
    name: "Finnish",
    headings: &[
        ("Konteksti", "Context"),
        ("Tausta", "Context"),
        ("Konteksti ja ongelma", "Context and Problem Statement"),
        (
            "Konteksti ja ongelman kuvaus",
            "Context and Problem Statement",
        ),
        ("Päätökseen vaikuttavat tekijät", "Decision Drivers"),
        ("Päätöksen ajurit", "Decision Drivers"),
        ("Harkitut vaihtoehdot", "Considered Options"),
        ("Vaihtoehdot", "Considered Options"),
        ("Päätöksen tulos", "Decision Outcome"),
        ("Päätös", "Decision"),
        ("Seuraukset", "Consequences"),
        ("Päätöksen seuraukset", "Consequences"),
        ("Vaikutukset", "Consequences"),
        (
            "Vaihtoehtojen hyvät ja huonot puolet",
            "Pros and Cons of the Options",
        ),
        ("Tila", "Status"),
        ("Lisätietoja", "More Information"),
        ("Linkit", "Links"),
        ("Vahvistus", "Confirmation"),
    ],
    labels: &[
        ("tila", Label::Status),
        ("päiväys", Label::Date),
        ("päivämäärä", Label::Date),
        ("pvm", Label::Date),
        ("päättäjät", Label::Deciders),
    ],
    statuses: &[
        ("luonnos", Draft),
        ("ehdotettu", Proposed),
        ("ehdotus", Proposed),
        ("hyväksytty", Accepted),
        ("hylätty", Rejected),
        ("vanhentunut", Deprecated),
        ("poistettu käytöstä", Deprecated),
        ("korvattu", Superseded),
    ],
    // Finnish dates are written in numbers (`3.1.2026`); the month names' prefixes
    // (`marraskuuta`, November) would make English abbreviations (`Mar`) ambiguous.
    months: &[],
    date_filler: &[],
    superseded_connectors: &[],
    successor_before: &[],
    supersedes_labels: &["korvaa"],
    placeholders: &["Kuvaa konteksti"],
};
