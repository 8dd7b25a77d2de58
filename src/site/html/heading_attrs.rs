//! A heading's attributes written after its text (`### Heading {#custom-id}`, kramdown,
//! Pandoc, markdown-it-attrs): CommonMark leaves them in the text, where the page showed
//! them, and the id a link names was not the heading's.

use pulldown_cmark::{CowStr, Event};

/// The heading's words, one space apart, without its attributes, and the id they give it,
/// with the heading's last text event in `buffer` cut the same way.
pub(super) fn taken_off(buffer: &mut [Event<'_>], text: &str) -> (String, Option<String>) {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let Some(id) = crate::parse::heading_id::explicit_id(&text).map(String::from) else {
        return (text, None);
    };
    let kept = crate::parse::heading_id::without_heading_id(&text).to_string();
    if let Some(Event::Text(last)) = buffer.last_mut()
        && let Some(open) = last.rfind('{')
    {
        let cut = last.get(..open).unwrap_or_default().trim_end().to_string();
        *last = CowStr::from(cut);
    }
    (kept, Some(id))
}
