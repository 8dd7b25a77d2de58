//! The status a misspelt one was meant to be (`acepted` → `accepted`), for help texts.

/// The allowed status closest to a misspelt one (`acepted` → `accepted`), if any is close:
/// one edit away for short words, two for words of six letters or more.
pub fn closest_status<'a>(
    value: &str,
    allowed: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let value = value.to_lowercase();
    let length = value.chars().count();
    allowed
        .into_iter()
        // No more than two edits apart, so no more than two letters longer or shorter: a
        // long status (`IMPLEMENTED - Phase 1 + …`) is not measured against every word the
        // vocabulary knows (a quarter of linting a 758-record log).
        .filter(|candidate| candidate.chars().count().abs_diff(length) <= 2)
        .map(|candidate| (edit_distance(&value, candidate), candidate))
        .filter(|(distance, candidate)| *distance <= (candidate.len() / 3).clamp(1, 2))
        // `incomplete` is not a misspelt `complete`, nor `unapproved` of `approved`: a word
        // that ends in the candidate adds a prefix, which most often turns its meaning round.
        .filter(|(_, candidate)| !(value.ends_with(candidate) && value.len() > candidate.len()))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod suggestion_tests {
    use super::*;
    use crate::model::BUILTIN_STATUSES;

    #[test]
    fn suggests_the_closest_status() {
        assert_eq!(
            closest_status("acepted", BUILTIN_STATUSES),
            Some("accepted")
        );
        assert_eq!(
            closest_status("Propsed", BUILTIN_STATUSES),
            Some("proposed")
        );
        assert_eq!(closest_status("done", BUILTIN_STATUSES), None);
        assert_eq!(closest_status("incomplete", ["complete"]), None);
        assert_eq!(closest_status("unaccepted", BUILTIN_STATUSES), None);
        assert_eq!(
            closest_status("acceptedd", BUILTIN_STATUSES),
            Some("accepted")
        );
    }
}
