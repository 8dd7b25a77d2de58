//! Words compared across the ways they are written: case, accents, trailing punctuation.

/// Lowercase, accents folded for Latin letters (`Accepté`, `accepte` and `ACCEPTÉ` are one
/// word), whitespace collapsed, trailing `.`/`:` dropped. Non-Latin scripts pass through
/// lowercased.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars().flat_map(char::to_lowercase) {
            out.push(fold_accent(c));
        }
    }
    while out.ends_with(['.', ':', '：', '。']) {
        out.pop();
    }
    out
}

pub(super) fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        'ß' => 's',
        // Czech, Slovak and Polish words written without their marks (`Prijato`).
        'č' | 'ć' => 'c',
        'ď' => 'd',
        'ě' | 'ę' => 'e',
        'ł' => 'l',
        'ň' | 'ń' => 'n',
        'ř' => 'r',
        'š' | 'ś' => 's',
        'ť' => 't',
        'ů' => 'u',
        'ž' | 'ź' | 'ż' => 'z',
        'ą' => 'a',
        // Russian writers drop the diaeresis as often as not.
        'ё' => 'е',
        other => other,
    }
}
