use std::collections::HashMap;
use std::path::Path;

use crate::discover::FileName;
use crate::lint::links;
use crate::lint::prelude::*;

declare_rule! {
    /// ## What it does
    /// Checks that relative links and images point at files that exist.
    ///
    /// On a link to another record, a `#fragment` must name one of its headings (as GitHub
    /// builds heading anchors) or an HTML `id`/`name`.
    ///
    /// Web links (`https://…`), `mailto:` links, links within the same page (`#top`) and
    /// templated links (`{{ site.baseurl }}/…`) are not checked; nothing is fetched. Nor are
    /// links that leave the project: the directory holding `.adr.toml`, else the git work
    /// tree holding the log, else the log directory itself (a log copied out of its
    /// repository links to files only the repository has). Links are resolved against the record,
    /// never the working directory, so `adr --dir X lint` finds the same from anywhere; a
    /// query (`diagram.png?raw=true`) is not part of the path.
    ///
    /// A link whose target is a GitHub mention (`[Ada](@ada)`, as some templates write
    /// authors) is a path to a missing file on GitHub too; the log's mentions are one
    /// finding, at the first, that counts the others.
    ///
    /// A root-relative link under `[lint] site-prefix` (`/adr/ADR-216` with
    /// `site-prefix = "/adr/"`) must name a file of the log (as written, with `.md`, or a
    /// folder with `README.md` or `index.md`); other root-relative links are left to
    /// `link-root-relative`.
    ///
    /// ## Why is this bad?
    /// Records link to the records they build on and to diagrams and documents; a renamed
    /// or mistyped target leaves readers at a 404, usually noticed years later.
    ///
    /// ## Example
    /// ```markdown
    /// See [ADR-0012](0012-use-kafak.md#decision-outcome).
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// See [ADR-0012](0012-use-kafka.md#decision-outcome).
    /// ```
    ///
    /// ## Options
    /// `[lint] site-prefix` in `.adr.toml`: the URL path the log is published under.
    ///
    /// ```toml
    /// [lint]
    /// site-prefix = "/adr/"
    /// ```
    pub(crate) struct LinkBroken { id: "link-broken", severity: Error, fixable: false, enabled: true, log: check }
}

pub(crate) fn check(log: &LogFacts, ctx: &mut RuleContext) {
    let records_by_path: HashMap<&Path, &RecordFacts> = log
        .records
        .iter()
        .map(|record| (record.path().as_path(), record))
        .collect();
    // `[Ada](@ada)` links, reported together after the walk: a log whose template writes
    // authors that way has one on every record, and one edit (in the template, then a
    // search for `](@`) fixes them all.
    let mut mentions: Vec<(&RecordFacts, &crate::model::Link)> = Vec::new();
    for record in &log.records {
        for link in &record.links {
            // `/adr/ADR-216` under `[lint] site-prefix`: a file of the log, or broken.
            if let Some(path) = links::root_relative_path(link)
                && let Some((true, candidates)) = links::root_relative_candidates(
                    path,
                    &log.dir,
                    None,
                    ctx.options.site_prefix.as_deref(),
                )
            {
                if !candidates
                    .iter()
                    .any(|candidate| ctx.path_exists(candidate))
                {
                    ctx.report(
                        &LinkBroken::META,
                        record.path(),
                        Some(link.span),
                        format!("link target `{}` is not a file of the log", link.target),
                    )
                    .label("no such record")
                    .help("fix the path after the `site-prefix`, or remove the link");
                }
                continue;
            }
            let Some(target) = links::resolve(&record.path, link) else {
                continue;
            };
            let what = match link.kind {
                crate::model::LinkKind::Image => "image",
                crate::model::LinkKind::Link => "link",
            };
            match records_by_path.get(target.path.as_path()) {
                Some(linked) => {
                    let Some(fragment) = &target.fragment else {
                        continue;
                    };
                    if std::ptr::eq(*linked, record) {
                        continue;
                    }
                    if linked.anchors.contains(fragment) {
                        continue;
                    }
                    ctx.report(
                        &LinkBroken::META,
                        record.path(),
                        Some(link.span),
                        format!(
                            "{what} target `#{fragment}` is not a heading of `{}`",
                            linked.rel_path
                        ),
                    )
                    .label("no such heading")
                    .help("link to one of the record's headings, or drop the `#…` part");
                }
                None if ctx.path_exists(&target.path) => {}
                None if is_page_of_a_record(&link.target, &target.path, &records_by_path) => {}
                // Outside the repository (a partial checkout, a vendored log): nothing to check against.
                None if ctx
                    .options
                    .root
                    .as_ref()
                    .is_some_and(|root| !target.path.starts_with(root)) => {}
                // `@/…` is a Zola link from its `content` folder, not a mention.
                None if link.target.trim().starts_with('@')
                    && !link.target.trim().starts_with("@/") =>
                {
                    mentions.push((record, link))
                }
                None => {
                    // `[Ada](ada@example.com)` is read as a file path by GitHub too, and
                    // leads to a 404: say what it was meant to be.
                    let written = link.target.trim();
                    let help = if written.contains('@') && !written.contains('/') {
                        format!("an e-mail address needs `mailto:`: use `mailto:{written}`")
                    } else {
                        suggestion(log, &target.path).map_or_else(
                            || "fix the path, or remove the link".to_string(),
                            |name| format!("did you mean `{name}`?"),
                        )
                    };
                    ctx.report(
                        &LinkBroken::META,
                        record.path(),
                        Some(link.span),
                        format!("{what} target `{}` does not exist", link.target),
                    )
                    .label("no such file")
                    .help(help);
                }
            }
        }
    }
    report_mentions(&mentions, ctx);
}

/// GitHub reads `[Ada](@ada)` as a path to a file named `@ada`: a 404. One mention is one
/// finding; more are one finding at the first, counting them and the records they are in.
fn report_mentions(mentions: &[(&RecordFacts, &crate::model::Link)], ctx: &mut RuleContext) {
    let Some((first_record, first_link)) = mentions.first() else {
        return;
    };
    let user = first_link.target.trim().trim_start_matches('@');
    let profile = if user.is_empty() { "<user>" } else { user };
    let message = match mentions.len() {
        1 => format!("link target `{}` does not exist", first_link.target),
        count => {
            let mut records: Vec<&Path> = mentions
                .iter()
                .map(|(record, _)| record.path().as_path())
                .collect();
            records.dedup();
            let in_records = match records.len() {
                1 => "this record".to_string(),
                many => format!("{many} records"),
            };
            format!(
                "link target `{}` and {} more `(@user)` links in {in_records} do not exist",
                first_link.target,
                count - 1
            )
        }
    };
    let help = if mentions.len() == 1 {
        format!("a mention is not a link target: use `https://github.com/{profile}`")
    } else {
        format!(
            "a mention is not a link target: use the profile URL (`https://github.com/{profile}`) \
             in each link written `](@` (and in the template, if it writes authors that way)"
        )
    };
    ctx.report(
        &LinkBroken::META,
        first_record.path(),
        Some(first_link.span),
        message,
    )
    .label("no such file")
    .help(help);
}

/// The record the missing file was meant to be, when the link names a record: the one of
/// its slug (a renumbered record keeps it; Brighter's `0034-provide-dlq-where-missing.md` is
/// `0045-…`, where the site's link leads too), else the one of its number.
fn suggestion(log: &LogFacts, missing: &Path) -> Option<String> {
    let name = missing.file_name()?.to_str()?;
    // `(0066-release-factory)` for `0066-release-factory.md`: GitHub adds no `.md`.
    if missing.extension().is_none() {
        let with_md = missing.with_extension("md");
        if log.records.iter().any(|record| record.path() == &with_md) {
            return Some(format!("{name}.md"));
        }
    }
    let file = FileName::parse(name)?;
    let by_slug = (!file.slug.is_empty())
        .then(|| log.lookup().by_slug(&file.slug))
        .flatten()
        .and_then(|index| log.records.get(index));
    let record = match by_slug {
        Some(record) => record,
        None => log.by_number(file.number?).next()?,
    };
    Some(record.rel_path.clone())
}

/// Whether `written`, resolved to `path`, is a docs site's address of a record's page
/// (`0019-slug/`, `0019-slug.html`), which the site makes from the record's file
/// (cameronraysmith/vanixiets links its records so: 24 false findings in review K).
fn is_page_of_a_record<T>(
    written: &str,
    path: &std::path::Path,
    records: &std::collections::HashMap<&std::path::Path, T>,
) -> bool {
    let written = written.split(['#', '?']).next().unwrap_or(written);
    if crate::log_path::page_address_file(written).is_none() {
        return false;
    }
    let Some(path) = path.to_str() else {
        return false;
    };
    let page = path.trim_end_matches('/');
    let page = page
        .strip_suffix(".html")
        .or_else(|| page.strip_suffix(".htm"))
        .unwrap_or(page);
    records.contains_key(std::path::Path::new(&format!("{page}.md")))
}
