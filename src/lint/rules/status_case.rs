use crate::lint::prelude::*;
use crate::model::StatusOrigin;

declare_rule! {
    /// ## What it does
    /// Checks that a status in front matter or a `* Status:` bullet is lowercase.
    ///
    /// MADR writes `accepted`, `superseded by …`. adr-tools' `## Status` sections, which
    /// capitalise (`Accepted`), are left alone.
    ///
    /// Off by default: `Accepted` reads fine and `adr` understands it. Turn it on with
    /// `status-case = "warning"` under `[lint.rules]` to keep a log uniform.
    ///
    /// ## Why is this bad?
    /// Tools that compare statuses as strings (filters, dashboards, other ADR tools) treat
    /// `Accepted` and `accepted` as two statuses.
    ///
    /// ## Example
    /// ```markdown
    /// ---
    /// status: Accepted
    /// ---
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ---
    /// status: accepted
    /// ---
    /// ```
    ///
    /// ## Fix safety
    /// The fix lowercases the status word and changes no other byte.
    pub(crate) struct StatusCase { id: "status-case", severity: Warning, fixable: true, enabled: false, record: check }
}

pub(crate) fn check(record: &Record, ctx: &mut RuleContext) {
    let Some(status) = &record.status else {
        return;
    };
    if !matches!(
        status.origin,
        StatusOrigin::FrontMatter | StatusOrigin::Bullet
    ) {
        return;
    }
    // A log's own word (`Approved`, `Accepté`) is written as the log writes it.
    if matches!(status.kind, StatusKind::Other(_)) || status.word.is_some() {
        return;
    }
    let keyword = status.keyword();
    let written = record.source.slice(status.span);
    let lower = written.to_ascii_lowercase();
    let Some(at) = lower.find(keyword) else {
        return;
    };
    let word_span = Span::new(
        status.span.start + at,
        status.span.start + at + keyword.len(),
    );
    let word = record.source.slice(word_span);
    if word == keyword {
        return;
    }
    ctx.report(
        &StatusCase::META,
        record.path(),
        Some(word_span),
        format!("status `{word}` is not lowercase"),
    )
    .help(format!("write `{keyword}`"))
    .fix(Fix {
        path: record.path().clone(),
        edits: vec![Edit::replace(word_span, keyword)],
        description: format!("status `{word}` → `{keyword}`"),
    });
}
