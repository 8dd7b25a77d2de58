//! Text a template puts where the writer is to write: adr-tools' prompts and the date
//! prompts of templates in several languages.

/// adr-tools' template prompts, which are plain sentences.
pub const ADR_TOOLS_PROMPTS: [&str; 3] = [
    "The issue motivating this decision, and any context that influences or constrains the decision.",
    "The change that we're proposing or have agreed to implement.",
    "What becomes easier or more difficult to do and any risks introduced by the change that will need to be mitigated.",
];

/// Whether `text` (a paragraph) is a template's prompt rather than the record's own text:
/// one of adr-tools' prompts, or a placeholder of a template the vocabulary knows.
pub fn is_template_prompt(text: &str) -> bool {
    let text = text.trim();
    ADR_TOOLS_PROMPTS.contains(&text) || super::is_placeholder(text)
}

/// Templates' prompts for a date, in the languages of their templates (`JJJJ-MM-TT` in
/// German, `AAAA-MM-JJ` in French); matched without regard to ASCII case.
pub const DATE_PROMPTS: [&str; 5] = [
    "YYYY-MM-DD",
    "JJJJ-MM-TT",
    "AAAA-MM-JJ",
    "JJJJ-MM-DD",
    "ÅÅÅÅ-MM-DD",
];

/// `text` with each date prompt in it (`YYYY-MM-DD`, `yyyy-mm-dd`, `ÅÅÅÅ-MM-DD`) replaced
/// by `date`: a template's date filled in.
pub fn fill_date_prompts(text: &str, date: &str) -> String {
    DATE_PROMPTS
        .iter()
        .flat_map(|prompt| [prompt.to_string(), prompt.to_lowercase()])
        .fold(text.to_string(), |text, prompt| text.replace(&prompt, date))
}

/// Whether `text` holds a date prompt, in any case.
pub fn has_date_prompt(text: &str) -> bool {
    let upper = text.to_uppercase();
    DATE_PROMPTS
        .iter()
        .any(|prompt| upper.contains(&prompt.to_uppercase()))
}
