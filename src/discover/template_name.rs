//! Whether a Markdown file's name says it is the log's template (`template.md`,
//! `0000-modele-adr.md`, `ADRXXX-architecture-decision-record-template.md`) rather than a
//! record.

use super::markdown_stem;

/// Words that name a template, in the languages logs are written in (`vorlage.md`,
/// `0000-modele-adr.md`, `模板.md`).
const TEMPLATE_WORDS: &[&str] = &[
    "template",
    "templates",
    "tmpl",
    "modele",
    "modèle",
    "gabarit",
    "modello",
    "skabelon",
    "malli",
    "sablon",
    "şablon",
    "vorlage",
    "plantilla",
    "modelo",
    "sjabloon",
    "szablon",
    "šablona",
    "шаблон",
    "模板",
    "模版",
    "テンプレート",
    "ひな形",
    "템플릿",
];

/// Words a template's name may hold beside a template word: `adr-template-bare.md`,
/// `0000-template-madr.md`, `XXX-0000-template.md`.
const TEMPLATE_NAME_WORDS: &[&str] = &[
    "adr",
    "adrs",
    "decision",
    "record",
    "records",
    "architecture",
    "architectural",
    "madr",
    "nygard",
    "bare",
    "minimal",
    "full",
    "short",
    "long",
    "lightweight",
    "example",
    "default",
    "new",
    "de",
    "der",
    "für",
    "para",
    "pour",
    "of",
    "the",
    "and",
    "y",
    "et",
    "und",
    "record",
    "entscheidung",
    "decision",
    "decisión",
    "décision",
    "decisao",
    "decisão",
    "entscheidungen",
];

/// How many words a template's name adds to a plain one (`template.md`, `adr-template.md`,
/// `0000-template.md`: none): `adr-decision-template.md`, the template of a log's approval
/// records beside its `adr-template.md` (ctekinay/aion-ainstein), adds one, as
/// `adr-short-template.md` does. Of several templates, the plainest is the log's.
pub fn name_qualifiers(name: &str) -> usize {
    let Some(stem) = markdown_stem(name) else {
        return usize::MAX;
    };
    stem.trim_start_matches(['.', '_'])
        .split(['-', '_', '.', ' '])
        .filter(|word| !word.is_empty() && !is_placeholder_number(word))
        .filter(|word| {
            let lower = word.to_lowercase();
            !TEMPLATE_WORDS.contains(&lower.as_str())
                && !["adr", "adrs", "madr"].contains(&lower.as_str())
        })
        .count()
}

/// Whether `text` holds a word naming a template (`template`, `Vorlage`, `模板`): a tag or
/// a summary of a template's own, which a record made from it does not keep.
pub fn mentions_template(text: &str) -> bool {
    let lower = text.to_lowercase();
    TEMPLATE_WORDS.iter().any(|word| {
        if word.is_ascii() {
            lower
                .split(|c: char| !c.is_alphanumeric())
                .any(|part| part == *word)
        } else {
            lower.contains(word)
        }
    })
}

/// A placeholder in a template's name: `XXX`, `NNNN`, `0000`.
fn is_placeholder_number(word: &str) -> bool {
    let lower = word.to_lowercase();
    (lower.len() >= 2 && (lower.chars().all(|c| c == 'x') || lower.chars().all(|c| c == 'n')))
        || (!lower.is_empty() && lower.chars().all(|c| c == '0'))
}

/// Whether a Markdown file's name says it is the log's template: made only of template
/// words, placeholders (`0000`, `XXX`, `NNN`) and short upper-case prefixes (`ODH`), with
/// at least one template word (`template.md`, `ODH-ADR-0000-template.md`, `vorlage.md`), or
/// a placeholder where the number goes (`adr-NNN.md`, `XXXX-title.md`). A slug that merely
/// holds such a word (`0002-support-xxx-tokens.md`, `0003-use-a-template-engine.md`) is a
/// record.
pub fn is_template_name(name: &str) -> bool {
    let Some(stem) = markdown_stem(name) else {
        return false;
    };
    let stem = stem.trim_start_matches(['.', '_']);
    // Split again where needed rather than collected: this runs for every file of the log.
    let words = || {
        stem.split(['-', '_', '.', ' '])
            .filter(|word| !word.is_empty())
    };
    // A name starting with a record's number (`0007-template.md`) is a record's: no template
    // word holds a digit. Answered first: the words below were a fifth of a large log's discovery.
    if words().next().is_some_and(|first| {
        first.bytes().all(|b| b.is_ascii_digit()) && first.bytes().any(|b| b != b'0')
    }) {
        return false;
    }
    let is_template_word = |word: &str| {
        // Most names are ASCII: compared without making a lower-case copy of every word of
        // every file name (a few per cent of a re-render of 10,000 records). No ASCII word
        // holds a non-ASCII template word.
        if word.is_ascii() {
            return TEMPLATE_WORDS
                .iter()
                .any(|template| template.eq_ignore_ascii_case(word));
        }
        let lower = word.to_lowercase();
        TEMPLATE_WORDS.contains(&lower.as_str())
            || TEMPLATE_WORDS
                .iter()
                .any(|template| !template.is_ascii() && lower.contains(template))
    };
    // `000-sample-example.md`, `0000-example.md`: a sample to copy is the log's template.
    let is_sample_word = |word: &str| {
        [
            "sample",
            "example",
            "exemple",
            "exemplo",
            "ejemplo",
            "esempio",
            "beispiel",
            "voorbeeld",
            "예시",
        ]
        .iter()
        .any(|sample| sample.eq_ignore_ascii_case(word))
    };
    let has_template_word = words().any(|word| is_template_word(word) || is_sample_word(word));
    let only_template_words = || {
        words().all(|word| {
            is_template_word(word)
                || is_sample_word(word)
                || is_placeholder_number(word)
                || if word.is_ascii() {
                    TEMPLATE_NAME_WORDS
                        .iter()
                        .any(|name| name.eq_ignore_ascii_case(word))
                } else {
                    TEMPLATE_NAME_WORDS.contains(&word.to_lowercase().as_str())
                }
                || (word.len() <= 5 && word.bytes().all(|b| b.is_ascii_uppercase()))
                // `ddr-template.md`, `sdr-template.md` (factory-x): another kind of
                // decision record's template, in lower case.
                || (word.len() == 3
                    && word.is_ascii()
                    && word.get(1..).is_some_and(|dr| dr.eq_ignore_ascii_case("dr")))
        })
    };
    if has_template_word && only_template_words() {
        return true;
    }
    // The number's place holds a placeholder: `XXXX-title.md`, `adr-NNN.md`, `ADR-XXX-slug.md`,
    // `ADRXXX-slug.md`.
    let mut leading = words();
    let number_place = match leading.next() {
        Some(first) if first.eq_ignore_ascii_case("adr") => leading.next(),
        Some(first)
            if first.len() > 3
                && first
                    .get(..3)
                    .is_some_and(|adr| adr.eq_ignore_ascii_case("adr")) =>
        {
            first.get(3..)
        }
        first => first,
    };
    // A zero or a placeholder for the number and a name ending in a template word:
    // `0000-ladr-template.md`, `ADRXXX-architecture-decision-record-template.md`.
    if number_place.is_some_and(is_placeholder_number)
        && words().next_back().is_some_and(is_template_word)
    {
        return true;
    }
    // Only `X` and `N` lower-case to `x` and `n`: compared without a lower-case copy.
    number_place.is_some_and(|word| {
        word.len() >= 3
            && (word.bytes().all(|b| b.eq_ignore_ascii_case(&b'x'))
                || word.bytes().all(|b| b.eq_ignore_ascii_case(&b'n')))
    })
}

#[cfg(test)]
mod tests {
    use super::name_qualifiers;

    #[test]
    fn a_plain_template_name_has_no_qualifiers_and_a_variant_has_its_words() {
        for plain in [
            "template.md",
            "adr-template.md",
            "_adr-template.md",
            "0000-template.md",
            "XXX-0000-template.md",
            "模板.md",
        ] {
            assert_eq!(name_qualifiers(plain), 0, "{plain}");
        }
        assert_eq!(name_qualifiers("adr-decision-template.md"), 1);
        assert_eq!(name_qualifiers("adr-short-template.md"), 1);
        assert_eq!(
            name_qualifiers("architecture-decision-record-template.md"),
            3
        );
    }
}
