use crate::lint::links;
use crate::lint::prelude::*;

declare_rule! {
    /// ## What it does
    /// Reports, once per log, the root-relative links (`/adr/ADR-216`,
    /// `/images/flow.png`) that cannot be resolved: they are not under `[lint] site-prefix`
    /// and no such file is in the project (looked up from the project root, as GitHub does).
    ///
    /// Such links work on the site the log is published to, where `/` is the site's root,
    /// but `adr` cannot tell where that is. The finding lists the first of them and the
    /// setting that makes them checkable.
    ///
    /// ## Why is this bad?
    /// Links nobody can check rot unnoticed: a renamed record leaves a 404 on the site.
    /// Telling `adr` the site's prefix turns them into links `link-broken` checks.
    ///
    /// ## Example
    /// ```markdown
    /// This replaces [ADR-216](/adr/ADR-216).
    /// ```
    ///
    /// Use instead:
    /// a relative link, or `site-prefix = "/adr/"` under `[lint]` in `.adr.toml`.
    /// ```markdown
    /// This replaces [ADR-216](ADR-216.md).
    /// ```
    ///
    /// ## Options
    /// `[lint] site-prefix`: the URL path the log is published under (`"/adr/"`).
    pub(crate) struct LinkRootRelative { id: "link-root-relative", severity: Info, fixable: false, enabled: true }
}

pub(crate) fn check(log: &LogFacts, ctx: &mut RuleContext) {
    let mut unresolved: Vec<(&RecordFacts, &crate::model::Link, &str)> = Vec::new();
    let root = ctx.options.root.clone();
    for record in &log.records {
        for link in &record.links {
            let Some(path) = links::root_relative_path(link) else {
                continue;
            };
            let resolved = match links::root_relative_candidates(
                path,
                &log.dir,
                root.as_deref(),
                ctx.options.site_prefix.as_deref(),
            ) {
                // Under the prefix: `link-broken` checks it.
                Some((true, _)) => true,
                Some((false, candidates)) => candidates
                    .iter()
                    .any(|candidate| ctx.path_exists(candidate)),
                None => false,
            };
            if !resolved {
                unresolved.push((record, link, path));
            }
        }
    }
    let Some((first_record, first_link, first_path)) = unresolved.first().copied() else {
        return;
    };
    let shown: Vec<String> = unresolved
        .iter()
        .take(3)
        .map(|(_, link, _)| format!("`{}`", link.target))
        .collect();
    let more = match unresolved.len() {
        count if count > 3 => format!(" and {} more", count - 3),
        _ => String::new(),
    };
    let count = unresolved.len();
    let links = if count == 1 { "link" } else { "links" };
    let prefix = first_path
        .trim_start_matches('/')
        .split_once('/')
        .map_or_else(|| "/".to_string(), |(first, _)| format!("/{first}/"));
    let help = match &ctx.options.site_prefix {
        Some(current) => format!(
            "they are neither under `site-prefix = \"{current}\"` nor files of the project: fix the prefix under `[lint]` in .adr.toml, or make the links relative"
        ),
        None if prefix == "/" => "if the log is published on a site, add `site-prefix = \"/<the log's URL path>/\"` under `[lint]` in .adr.toml; else make the links relative".to_string(),
        None => format!(
            "if the log is published under `{prefix}`, add `site-prefix = \"{prefix}\"` under `[lint]` in .adr.toml; else make the links relative"
        ),
    };
    ctx.report(
        &LinkRootRelative::META,
        first_record.path(),
        Some(first_link.span),
        format!(
            "{count} root-relative {links} cannot be resolved: {}{more}",
            shown.join(", ")
        ),
    )
    .label("relative to a site root adr does not know")
    .help(help);
}
