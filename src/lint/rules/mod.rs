//! One file per rule. Each declares its documentation with `declare_rule!` and exposes
//! `check` (or `check_record`/`check_failures`); `registry` lists them.

pub(crate) mod chosen_option_unknown;
pub(crate) mod date_format;
pub(crate) mod date_future;
pub(crate) mod date_invalid;
pub(crate) mod date_missing;
pub(crate) mod date_unreadable;
pub(crate) mod decision_drivers_missing;
pub(crate) mod decision_empty;
pub(crate) mod file_not_a_record;
pub(crate) mod file_skipped;
pub(crate) mod file_unreadable;
pub(crate) mod filename_format;
pub(crate) mod front_matter_delimiter;
pub(crate) mod front_matter_syntax;
pub(crate) mod link_broken;
pub(crate) mod link_root_relative;
pub(crate) mod number_duplicate;
pub(crate) mod number_gap;
pub(crate) mod option_without_pros_cons;
pub(crate) mod placeholder_left;
pub(crate) mod relation_not_reciprocal;
pub(crate) mod section_empty;
pub(crate) mod section_missing;
pub(crate) mod status_case;
pub(crate) mod status_invalid;
pub(crate) mod status_missing;
pub(crate) mod status_undeclared;
pub(crate) mod supersede_conflict;
pub(crate) mod supersede_not_reciprocal;
pub(crate) mod supersede_target_missing;
pub(crate) mod superseded_without_successor;
pub(crate) mod title_duplicate;
pub(crate) mod title_duplicate_h1;
pub(crate) mod title_missing;
pub(crate) mod title_number_mismatch;
