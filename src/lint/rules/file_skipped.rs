use crate::discover::{FileName, SkipReason};
use crate::lint::prelude::*;

declare_rule! {
    /// ## What it does
    /// Names the Markdown files of the log that look like records but are not read as
    /// records, and says why: a template recognised by its name while it is also named like a
    /// record (`0000-template.md`, `ODH-ADR-0000-template.md`), a file that is mostly
    /// placeholders (read as the log's template), a file named like a record inside a
    /// record's folder (a part of that record), one hidden by a leading `_` or `.` in
    /// its name or a folder above (`_drafts/0005-x.md`), one in a folder of examples
    /// (`examples/0002-x.md`, `exemplos/`, `Beispiele/`), or one whose name is not UTF-8
    /// (Latin-1 from an older system: a record's number, slug and links are text). More
    /// than three files hidden in one folder (`_index_fragments/`) are one finding, on the
    /// folder.
    ///
    /// Templates are recognised by exact names in several languages (`template.md`,
    /// `adr-template.md`, `.TEMPLATE.md`, `XXX-0000-template.md`, `0000-modele-adr.md`,
    /// `vorlage.md`, `plantilla.md`, `modelo.md`, `模板.md`, a sample to copy such as
    /// `000-sample-example.md`, …), by a placeholder where the
    /// number goes (`adr-NNN.md`, `XXXX-title.md`), or by content. A slug that merely holds
    /// `xxx` (`0002-support-xxx-tokens.md`) is a record. `adr list --verbose` lists every
    /// skipped file.
    ///
    /// ## Why is this bad?
    /// A decision in a file `adr` skips is missing from the index, the site and every check,
    /// and `adr new` may reuse its number. When the skip is right, the finding says so once;
    /// when it is wrong, rename the file.
    ///
    /// ## Example
    /// A record whose name reads like a template's:
    /// ```markdown
    /// <!-- docs/adr/0000-template.md -->
    /// # Use a template engine for e-mails
    /// ```
    ///
    /// Use instead: a name that says what was decided (`0007-use-a-template-engine-for-e-mails.md`):
    /// ```markdown
    /// # Use a template engine for e-mails
    /// ```
    pub(crate) struct FileSkipped { id: "file-skipped", severity: Info, fixable: false, enabled: true, log: check }
}

/// More hidden files than this in one hidden folder are one finding, on the folder (vmaf's
/// `_index_fragments/` held 364: their findings hid the log's own 140).
const HIDDEN_FILES_NAMED_ONE_BY_ONE: usize = 3;

/// The hidden folder (`_drafts`, `.archive`, as a log-relative path) `rel_path` is in.
fn hidden_folder(rel_path: &str) -> Option<&str> {
    let (folders, _) = rel_path.rsplit_once('/')?;
    let mut end = 0;
    for part in folders.split('/') {
        end += part.len();
        if part.starts_with(['_', '.']) {
            return folders.get(..end);
        }
        end += 1;
    }
    None
}

pub(crate) fn check(log: &LogFacts, ctx: &mut RuleContext) {
    let mut hidden_in: std::collections::BTreeMap<&str, Vec<&crate::discover::Skipped>> =
        std::collections::BTreeMap::new();
    for skipped in &log.skipped {
        if skipped.reason == SkipReason::Hidden
            && let Some(folder) = hidden_folder(&skipped.rel_path)
        {
            hidden_in.entry(folder).or_default().push(skipped);
        }
    }
    let folded: Vec<&str> = hidden_in
        .iter()
        .filter(|(_, files)| files.len() > HIDDEN_FILES_NAMED_ONE_BY_ONE)
        .map(|(folder, _)| *folder)
        .collect();
    for folder in &folded {
        let files = &hidden_in[folder];
        let hidden_part = folder.rsplit('/').next().unwrap_or(folder);
        ctx.report(
            &FileSkipped::META,
            &files[0].path,
            None,
            format!(
                "`{folder}/` holds {} files named like records, hidden by the leading `{}` of `{hidden_part}`, so none is read",
                files.len(),
                hidden_part.chars().next().unwrap_or('_'),
            ),
        )
        .help("if they are decisions, move them into the log under plain names; drafts may stay");
    }
    for skipped in &log.skipped {
        if skipped.reason == SkipReason::Hidden
            && hidden_folder(&skipped.rel_path).is_some_and(|folder| folded.contains(&folder))
        {
            continue;
        }
        let name = skipped
            .rel_path
            .rsplit('/')
            .next()
            .unwrap_or(&skipped.rel_path);
        let named_like_a_record = FileName::parse(name).is_some();
        let (message, help) = match &skipped.reason {
            SkipReason::TemplateByName if named_like_a_record => (
                format!("`{name}` is named like a template, so it is not read as a record"),
                "if it is a decision, rename it after what it decides".to_string(),
            ),
            SkipReason::TemplateByContent => (
                format!(
                    "`{name}` is mostly placeholders, so it is read as a template, not as a record"
                ),
                "if it is a decision, fill it in and name it like the log's records".to_string(),
            ),
            SkipReason::RecordPart { record } if named_like_a_record => (
                format!(
                    "`{name}` is inside the folder of the record `{record}`, so it is read as part of it"
                ),
                "move it out of the record's folder if it is a decision of its own".to_string(),
            ),
            SkipReason::Hidden => (
                format!(
                    "`{name}` is named like a record but hidden by a leading `_` or `.` in its path, so it is not read"
                ),
                "if it is a decision, move it into the log under a plain name; a draft may stay"
                    .to_string(),
            ),
            SkipReason::Example if named_like_a_record => (
                format!("`{}` is in a folder of examples, so it is not read as a record", skipped.rel_path),
                "if it is a decision of the log, move it out of the examples folder".to_string(),
            ),
            SkipReason::NameNotUtf8 => (
                format!(
                    "the name of `{name}` is not UTF-8 (each `\u{FFFD}` stands for a byte that is not), so it is not read as a record"
                ),
                "rename it in UTF-8 (`convmv -f latin1 -t utf-8 --notest FILE` converts a Latin-1 name)"
                    .to_string(),
            ),
            _ => continue,
        };
        ctx.report(&FileSkipped::META, &skipped.path, None, message)
            .help(help);
    }
}
