//! What every rule file imports.

pub(crate) use crate::diagnostic::Fix;
pub(crate) use crate::edit::Edit;
pub(crate) use crate::lint::facts::{LogFacts, RecordFacts};
pub(crate) use crate::lint::{RuleContext, declare_rule};
pub(crate) use crate::model::{Record, StatusKind, Style};
pub(crate) use crate::source::Span;
