//! The statuses a command may write (`adr new --status`, `adr status N WORD`): the ones
//! lint allows for the record, so no command writes what lint would then report.

use crate::config::Project;
use crate::error::{Error, Result};
use crate::model::{BUILTIN_STATUSES, StatusKind, closest_status};

/// Every status the project allows for the record at `rel_path` (relative to the log
/// directory): the built-in ones, `statuses` from its config, and its own log's.
pub(crate) fn allowed_statuses(project: &Project, rel_path: Option<&str>) -> Vec<String> {
    let own_log = rel_path
        .and_then(|rel_path| project.layout.named_log_of(rel_path))
        .map_or(&[][..], |part| part.statuses.as_slice());
    BUILTIN_STATUSES
        .iter()
        .map(|status| (*status).to_string())
        .chain(
            project
                .config
                .statuses
                .iter()
                .map(|status| status.to_lowercase()),
        )
        .chain(own_log.iter().cloned())
        .collect()
}

/// Checks a status given on the command line for the record at `rel_path` (a new record:
/// `None`); `superseded` needs its record named elsewhere.
pub(crate) fn check_status_argument(
    project: &Project,
    rel_path: Option<&str>,
    kind: &StatusKind,
    raw: &str,
) -> Result<()> {
    let StatusKind::Other(value) = kind else {
        return Ok(());
    };
    // A status word of the language tables (`approved`, `accepté`) is allowed as lint
    // allows it.
    if !matches!(crate::model::Status::read(raw).0, StatusKind::Other(_)) {
        return Ok(());
    }
    let allowed = allowed_statuses(project, rel_path);
    if allowed.iter().any(|status| status == value) {
        return Ok(());
    }
    let suggestion = closest_status(value, allowed.iter().map(String::as_str))
        .map(|closest| format!("did you mean `{closest}`? "))
        .unwrap_or_default();
    Err(Error::usage(format!(
        "unknown status `{raw}`: {suggestion}allowed: {}, superseded by N (add more with `statuses` in .adr.toml)",
        allowed
            .iter()
            .filter(|status| *status != "superseded")
            .cloned()
            .collect::<Vec<_>>()
            .join(", ")
    )))
}
