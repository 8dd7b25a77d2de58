//! One file per rule. Each declares its documentation and its checks with `declare_rule!`;
//! the one list of rules is the module list below, which also makes the registry.

/// Declares each rule's module and [`RULES`], every rule in the order given (sorted by
/// id, which a test checks).
macro_rules! rules {
    ($($rule:ident),+ $(,)?) => {
        $(pub(crate) mod $rule;)+

        /// Every rule, sorted by id.
        pub static RULES: &[crate::lint::Rule] = &[$($rule::RULE),+];
    };
}

rules! {
    chosen_option_unknown,
    date_format,
    date_future,
    date_invalid,
    date_missing,
    date_unreadable,
    decision_drivers_missing,
    decision_empty,
    file_not_a_record,
    file_skipped,
    file_unreadable,
    filename_format,
    front_matter_delimiter,
    front_matter_syntax,
    link_broken,
    link_root_relative,
    number_duplicate,
    number_gap,
    option_without_pros_cons,
    placeholder_left,
    relation_not_reciprocal,
    section_empty,
    section_missing,
    status_case,
    status_conflict,
    status_invalid,
    status_missing,
    status_undeclared,
    supersede_conflict,
    supersede_not_reciprocal,
    supersede_target_missing,
    superseded_without_successor,
    title_duplicate,
    title_duplicate_h1,
    title_missing,
    title_number_mismatch,
}
