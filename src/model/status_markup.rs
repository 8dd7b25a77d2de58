//! A status as records dress it, undressed for reading: a badge (`![Accepted](…)`, the
//! message of a badge that says nothing in its alt text), a link or a template's brackets
//! around one word, an HTML tag's attribute (`<adr-status status='accepted'>`), struck-out
//! old statuses (`~~Proposed~~ Accepted`). [`super::Status::read`] reads what is left.

/// The value of `attribute` in an HTML tag (`<adr-status status='accepted'></adr-status>`,
/// a Vue component some logs render the status with).
pub(super) fn tag_attribute<'a>(raw: &'a str, attribute: &str) -> Option<&'a str> {
    raw.get(tag_attribute_range(raw, attribute)?)
}

/// Where the value of `attribute` is in `raw` when `raw` is an HTML tag
/// (`<adr-status status='accepted'>`): the bytes between its quotes.
pub fn tag_attribute_range(raw: &str, attribute: &str) -> Option<std::ops::Range<usize>> {
    if !raw.trim_start().starts_with('<') {
        return None;
    }
    let key = format!("{attribute}=");
    let quote_at = raw.find(&key)? + key.len();
    let quote = raw
        .get(quote_at..)?
        .chars()
        .next()
        .filter(|c| matches!(c, '"' | '\''))?;
    let start = quote_at + 1;
    let len = raw.get(start..)?.find(quote)?;
    Some(start..start + len)
}

/// `~~Proposed~~ Accepted` → `Accepted`: the struck-through word is the old status.
pub(super) fn without_struck_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some((before, after)) = rest.split_once("~~") {
        let Some((_, after_close)) = after.split_once("~~") else {
            break;
        };
        out.push_str(before);
        rest = after_close;
    }
    out.push_str(rest);
    out.trim().to_string()
}

/// The text of a status written as a badge and nothing else:
/// `![Accepted](https://img.shields.io/badge/adr-accepted-green)`, or such a badge in a
/// link (`[![Accepted](…)](…)`).
pub(super) fn badge_text(value: &str) -> Option<&str> {
    badge_parts(value).map(|(alt, _)| alt)
}

/// The text of a status written as a link and nothing else (`[Migrated](https://…)`, Zarf),
/// or as one word left in a template's brackets (`[Aceptado]`): the status is the text.
pub(super) fn bracketed_text(value: &str) -> Option<&str> {
    let value = value.trim();
    let inner = value.strip_prefix('[')?;
    let (text, rest) = match inner.split_once("](") {
        Some((text, rest)) => {
            let url_end = rest.find(')')?;
            (text, rest.get(url_end + 1..)?)
        }
        None => (inner.strip_suffix(']')?, ""),
    };
    let text = text.trim();
    let is_one = !text.is_empty() && !text.contains(['[', ']', '|', '/', ',']);
    (is_one && rest.trim().is_empty()).then_some(text)
}

/// A badge's alt text and image URL ([`badge_text`]).
pub(super) fn badge_parts(value: &str) -> Option<(&str, &str)> {
    let value = value.trim();
    let linked = value.starts_with("[![");
    let inner = if linked { value.get(1..)? } else { value };
    let (alt, rest) = inner.strip_prefix("![")?.split_once("](")?;
    let url_end = rest.find(')')?;
    let url = rest.get(..url_end)?;
    let after = rest.get(url_end + 1..)?;
    let whole = match linked {
        true => after.starts_with("](") && after.ends_with(')'),
        false => after.is_empty(),
    };
    (whole && !alt.trim().is_empty() && !alt.contains(['[', ']'])).then_some((alt.trim(), url))
}

/// The message a badge's URL shows, for a badge whose alt text says nothing
/// (`![Generic badge](https://badgen.net/badge/ADR/approved/green/)`, UK Trade's log):
/// badgen's `/badge/LABEL/MESSAGE/COLOUR`, shields.io's `/badge/LABEL-MESSAGE-COLOUR` (`--`
/// a dash, `_` a space) or its `message=` parameter.
pub(super) fn badge_message(url: &str) -> Option<String> {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    if let Some(message) = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("message="))
    {
        return Some(crate::log_path::percent_decode(message).replace('+', " "));
    }
    let (_, after) = path.split_once("/badge/")?;
    let parts: Vec<&str> = after.trim_end_matches('/').split('/').collect();
    let message = match parts.as_slice() {
        [_, message, ..] => (*message).to_string(),
        [shields] => {
            // `adr-accepted-green`: the dashes that are not doubled split it.
            let fields: Vec<String> = shields
                .replace("--", "\u{0}")
                .split('-')
                .map(|field| field.replace('\u{0}', "-"))
                .collect();
            match fields.as_slice() {
                [_, message, _] => message.clone(),
                [message, _] => message.clone(),
                _ => return None,
            }
        }
        [] => return None,
    };
    let message = crate::log_path::percent_decode(&message).replace('_', " ");
    (!message.trim().is_empty()).then_some(message)
}
