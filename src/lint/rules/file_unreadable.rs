use crate::lint::prelude::*;
use crate::model::FailureKind;

declare_rule! {
    /// ## What it does
    /// Reports files named like records that cannot be read as text.
    ///
    /// That is: not UTF-8, over the 8 MiB size cap, unreadable (permissions), or a directory
    /// named like a record.
    ///
    /// ## Why is this bad?
    /// Every tool that reads the log skips or chokes on such a file, so the decision it
    /// holds is invisible to indexes, sites and searches.
    ///
    /// ## Example
    /// A record saved as Latin-1 by an old editor:
    /// ```markdown
    /// # Use the café's Wi-Fi   ← the é is byte 0xE9, not UTF-8
    /// ```
    ///
    /// Use instead: the same record saved as UTF-8 (`iconv -f latin1 -t utf-8`):
    /// ```markdown
    /// # Use the café's Wi-Fi
    /// ```
    pub(crate) struct FileUnreadable { id: "file-unreadable", severity: Error, fixable: false, enabled: true }
}

pub(crate) fn check(log: &LogFacts, ctx: &mut RuleContext) {
    for failure in &log.failures {
        if failure.kind == FailureKind::FrontMatterSyntax {
            continue;
        }
        let (message, help) = match failure.message.split_once(": ") {
            Some((what, todo)) if failure.kind != FailureKind::Unreadable => {
                (what.to_string(), Some(todo.to_string()))
            }
            _ => (failure.message.clone(), None),
        };
        let diagnostic = ctx.report(&FileUnreadable::META, &failure.path, None, message);
        if let Some(help) = help {
            diagnostic.help(help);
        }
        if let Some(line) = failure.line {
            diagnostic.position(line, failure.column.unwrap_or(1));
        }
    }
}
