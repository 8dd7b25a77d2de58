use crate::lint::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks that the front matter's `---` lines have nothing after the dashes.
    ///
    /// Not even spaces or tabs.
    ///
    /// ## Why is this bad?
    /// `adr` tolerates `--- ` with trailing blanks, but tools that match the fence line
    /// exactly (static-site generators, editors, scripts using `^---$`) then see no front
    /// matter at all and show the YAML as text. The blanks are invisible in review.
    ///
    /// ## Example
    /// ```markdown
    /// ---␠␠
    /// status: accepted
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
    /// The fix deletes the trailing blanks of the fence lines and nothing else.
    pub(crate) struct FrontMatterDelimiter { id: "front-matter-delimiter", severity: Warning, fixable: true, enabled: true, record: check }
}

pub(crate) fn check(record: &Record, ctx: &mut RuleContext) {
    let Some(front_matter) = &record.front_matter else {
        return;
    };
    let source = &record.source;
    let opening = source.line_of(front_matter.span.start);
    let closing = source.last_line_of(front_matter.span);
    for line in [opening, closing] {
        let mut span = source.line_span(line);
        if line == 1 {
            span.start = span.start.max(source.bom_len());
        }
        let text = source.slice(span);
        let fence = text.trim_end_matches([' ', '\t']);
        if fence.len() == text.len() {
            continue;
        }
        let blanks = Span::new(span.start + fence.len(), span.end);
        let place = if line == opening {
            "opening"
        } else {
            "closing"
        };
        ctx.report(
            &FrontMatterDelimiter::META,
            record.path(),
            Some(blanks),
            format!("the {place} front-matter fence `{fence}` has trailing whitespace"),
        )
        .label("trailing whitespace")
        .help(format!("end the line right after `{fence}`"))
        .fix(Fix {
            path: record.path().clone(),
            edits: vec![Edit::replace(blanks, "")],
            description: format!("removed trailing whitespace after the {place} `{fence}`"),
        });
    }
}
