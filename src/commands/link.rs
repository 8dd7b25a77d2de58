//! `adr link SOURCE RELATION TARGET`: a typed relation written in both records, `Amends
//! [1. …](…)` in SOURCE and `Amended by [3. …](…)` in TARGET (adr-tools' `adr link SOURCE
//! LINK TARGET REVERSE-LINK` works too). Each record gains one line and nothing else
//! changes; both edits are proven before either file is written. Like adr-tools, it prints
//! nothing when it worked.

use crate::cli::LinkArgs;
use crate::config::Project;
use crate::edit;
use crate::error::{Error, Result};
use crate::model::{Log, Record};
use crate::relation::{self, RelationKinds};
use crate::{ExitStatus, Output};

pub fn run(args: &LinkArgs, project: &Project, output: &mut Output<'_>) -> Result<ExitStatus> {
    let log = super::load_log(project)?;
    let kinds = RelationKinds::new(&project.config.relations);
    let (source_query, forward, target_query, reverse) = read_arguments(&args.args, &log, &kinds)?;
    let source = super::find_record(project, &log, source_query)?;
    let target = super::find_record(project, &log, target_query)?;
    if std::ptr::eq(source, target) {
        return Err(Error::usage("a record cannot be linked to itself"));
    }
    let changes = relation_texts(
        &log,
        &[(source, &forward, target), (target, &reverse, source)],
    )?;
    if changes.is_empty() {
        super::note(
            output,
            format_args!(
                "{} already says `{forward}` {}, and {} says `{reverse}` back",
                project.display(source.path()),
                target.rel_path,
                project.display(target.path())
            ),
        );
        return Ok(ExitStatus::Success);
    }
    // Quiet on success, as adr-tools' `adr link` is: scripts run it for its effect.
    write_all(project, &changes)?;
    Ok(ExitStatus::Success)
}

/// `SOURCE RELATION... TARGET`, or adr-tools' `SOURCE LINK TARGET REVERSE-LINK` (four
/// arguments, the third a record and the fourth not): source, forward name, target,
/// reverse name.
fn read_arguments<'a>(
    args: &'a [String],
    log: &Log,
    kinds: &RelationKinds,
) -> Result<(&'a str, String, &'a str, String)> {
    let [source, middle @ .., target] = args else {
        return Err(Error::usage(
            "name two records and a relation: `adr link 3 amends 1`",
        ));
    };
    if let [link, adr_tools_target, reverse] = middle
        .iter()
        .chain(std::iter::once(target))
        .collect::<Vec<_>>()
        .as_slice()
        && log.find(adr_tools_target).is_some()
        && log.find(reverse).is_none()
    {
        return Ok((
            source,
            link.to_string(),
            adr_tools_target,
            reverse.to_string(),
        ));
    }
    let written = middle.join(" ");
    let unknown = || {
        Error::usage(format!(
            "unknown relation `{written}`: use one of {} (or their reverses), add it with `[[relation]]` in .adr.toml, or give both names the adr-tools way: `adr link 3 \"{written}\" 1 \"REVERSE\"`",
            kinds.names().join(", ")
        ))
    };
    let forward = kinds.canonical(&written).ok_or_else(unknown)?;
    let reverse = kinds.reverse(forward).ok_or_else(unknown)?;
    Ok((source, forward.to_string(), target, reverse.to_string()))
}

/// For each (record, name, other record) that does not state it yet: the record, its new
/// text with the relation line added (proven: nothing else changed, it parses, and the
/// relation reads back), and the line.
pub(crate) fn relation_texts<'a>(
    log: &Log,
    links: &[(&'a Record, &str, &Record)],
) -> Result<Vec<(&'a Record, String, String)>> {
    let mut changes = Vec::new();
    for (from, name, to) in links {
        let already = from.relations.iter().any(|relation| {
            relation.label.eq_ignore_ascii_case(name)
                && log
                    .resolve(&relation.target)
                    .is_some_and(|found| std::ptr::eq(found, *to))
        });
        if already {
            continue;
        }
        let line = relation::line(from, name, to);
        let text = with_line(from, &line)?;
        changes.push((*from, text, line));
    }
    Ok(changes)
}

/// `record`'s text with `line` inserted where [`relation::insertion`] puts it, proven.
pub(crate) fn with_line(record: &Record, line: &str) -> Result<String> {
    let insertion = relation::insertion(record, line);
    let text = edit::apply_record_edits(record, std::slice::from_ref(&insertion))?;
    let reparsed = edit::reparse(record, &text)?;
    let label = line.split(" [").next().unwrap_or_default();
    // `Supersedes […](…)` (adr-tools' `new -s`) reads back as a supersession, not a relation.
    let reads_back = if label == "Supersedes" {
        reparsed.supersedes.len() > record.supersedes.len()
    } else {
        reparsed
            .relations
            .iter()
            .any(|relation| relation.label == label && reparsed.source.slice(relation.span) == line)
    };
    if !reads_back {
        return Err(Error::record(
            record.path(),
            None,
            format!(
                "the line `{line}` would not read back as a relation where it would go, so the file was left as it is: add it by hand"
            ),
        ));
    }
    if reparsed.status.as_ref().map(|status| &status.raw)
        != record.status.as_ref().map(|status| &status.raw)
    {
        return Err(Error::record(
            record.path(),
            None,
            format!(
                "adding `{line}` would change how the status reads, so the file was left as it is: add it by hand"
            ),
        ));
    }
    Ok(text)
}

/// Writes every change, or none: when a later write fails, the earlier files are put back.
pub(crate) fn write_all(project: &Project, changes: &[(&Record, String, String)]) -> Result<()> {
    for (index, (record, text, _)) in changes.iter().enumerate() {
        if let Err(error) = super::rewrite(project, record.path(), &record.source.text, text) {
            for (written, text, _) in changes.iter().take(index) {
                let _ = super::rewrite(project, written.path(), text, &written.source.text);
            }
            return Err(error);
        }
    }
    Ok(())
}

/// `adr new -l TARGET:LINK:REVERSE-LINK` (adr-tools' option): each target record with the
/// name the new record uses and the one the target gets.
pub(crate) fn link_specs<'a>(
    project: &Project,
    log: &'a Log,
    specs: &[String],
) -> Result<Vec<(&'a Record, String, String)>> {
    specs
        .iter()
        .map(|spec| {
            // adr-tools splits with `cut -d : -f 1/2/3`: a fourth field is dropped.
            let mut fields = spec.split(':');
            let (Some(target), Some(forward), Some(reverse)) =
                (fields.next(), fields.next(), fields.next())
            else {
                return Err(Error::usage(format!(
                    "`-l {spec}` needs three parts, TARGET:LINK:REVERSE-LINK, e.g. `-l \"5:Amends:Amended by\"`"
                )));
            };
            let target = super::find_record(project, log, target)?;
            Ok((target, forward.to_string(), reverse.to_string()))
        })
        .collect()
}

/// The new record's text with each of `lines` added as adr-tools adds links, proven to read
/// back; `path` and `rel_path` are where it will be created.
pub(crate) fn with_lines(
    path: &std::path::Path,
    rel_path: &str,
    mut text: String,
    lines: &[String],
) -> Result<String> {
    let file = crate::discover::FileName::parse(crate::log_path::file_name(rel_path));
    let Some(file) = file else {
        return Ok(text);
    };
    for line in lines {
        let source = crate::source::SourceFile::new(path, text.clone());
        let record = crate::parse::parse_record(source, rel_path.to_string(), file.clone())
            .map_err(|failure| Error::record(path, failure.line, failure.message))?;
        text = with_line(&record, line)?;
    }
    Ok(text)
}

/// `texts` (the superseded records' new texts) and, for each `-l` link, the target's text
/// with its reverse line naming the new record, which has been created at `path`.
pub(crate) fn reverse_texts<'a>(
    path: &std::path::Path,
    rel_path: &str,
    links: &[(&'a Record, String, String)],
    mut texts: Vec<(&'a Record, String)>,
) -> Result<Vec<(&'a Record, String)>> {
    if links.is_empty() {
        return Ok(texts);
    }
    let text = crate::fs::read_text_checked(path, None, crate::parse::MAX_RECORD_BYTES)
        .map_err(|error| error.into_error("read", path))?;
    let file = crate::discover::FileName::parse(crate::log_path::file_name(rel_path))
        .ok_or_else(|| Error::record(path, None, "the new record's name is not a record's"))?;
    let new = crate::parse::parse_record(
        crate::source::SourceFile::new(path, text),
        rel_path.to_string(),
        file,
    )
    .map_err(|failure| Error::record(path, failure.line, failure.message))?;
    for (target, _, reverse) in links {
        // A target that is also superseded takes the line in its new text.
        let current = texts
            .iter()
            .position(|(record, _)| std::ptr::eq(*record, *target));
        let base = match current {
            Some(at) => edit::reparse(target, &texts[at].1)?,
            None => (*target).clone(),
        };
        let line = relation::line(&base, reverse, &new);
        let changed = with_line(&base, &line)?;
        match current {
            Some(at) => texts[at].1 = changed,
            None => texts.push((*target, changed)),
        }
    }
    Ok(texts)
}
