//! The site's templates: the built-in tera templates and assets embedded in the binary,
//! the names `--templates DIR` may override, their compilation, and rendering through
//! them (by page skeleton where it makes the same bytes, with large blocks spliced in
//! after the template ran).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;
use tera::{Context, Tera};

use super::views::{EntryView, PageView};
use super::{PageSink, Site, graph, skeleton};
use crate::error::{Error, Result};

/// A built-in template: the name it is registered under (its file name without `.tera`,
/// ending in `.html`, so tera escapes its output), the file name an override uses, and
/// its text.
struct BuiltinTemplate {
    name: &'static str,
    file: &'static str,
    text: &'static str,
}

/// A [`BuiltinTemplate`] from its registered name: the file is that name with `.tera`, in
/// `templates/site/`, so a name and its file cannot disagree.
macro_rules! builtin {
    ($name:literal) => {
        BuiltinTemplate {
            name: $name,
            file: concat!($name, ".tera"),
            text: include_str!(concat!("../../templates/site/", $name, ".tera")),
        }
    };
}

/// The built-in templates, in the order tera is given them (a table: one line each).
const TEMPLATES: [BuiltinTemplate; 10] = [
    builtin!("layout.html"),
    builtin!("macros.html"),
    builtin!("rows.html"),
    builtin!("index.html"),
    builtin!("record.html"),
    builtin!("tag.html"),
    builtin!("tags.html"),
    builtin!("relation-rows.html"),
    builtin!("relations.html"),
    builtin!("relation-range.html"),
];

/// Rows per template render of a records table.
pub(crate) const ROWS_PER_CHUNK: usize = 250;

/// Pieces [`Site::put_with_pieces`] renders before writing them: enough for both cores.
const PIECES_AT_ONCE: usize = 8;

/// Static files copied into `assets/`.
const ASSETS: [(&str, &[u8]); 4] = [
    (
        "style.css",
        include_bytes!("../../templates/site/assets/style.css"),
    ),
    (
        "site.js",
        include_bytes!("../../templates/site/assets/site.js"),
    ),
    (
        "search.js",
        include_bytes!("../../templates/site/assets/search.js"),
    ),
    (
        "favicon.svg",
        include_bytes!("../../templates/site/assets/favicon.svg"),
    ),
];

/// Diagram files, copied into `assets/` only when some record has a ```mermaid block:
/// the vendored mermaid (MIT, its licence beside it) and the script that runs it.
pub(crate) const DIAGRAM_ASSETS: [(&str, &[u8]); 3] = [
    (
        "mermaid.min.js",
        include_bytes!("../../templates/site/assets/vendor/mermaid.min.js"),
    ),
    (
        "mermaid-LICENSE.txt",
        include_bytes!("../../templates/site/assets/vendor/mermaid-LICENSE.txt"),
    ),
    (
        "diagrams.js",
        include_bytes!("../../templates/site/assets/diagrams.js"),
    ),
];

/// The names `--templates DIR` may override: template files and assets.
pub fn overridable_names() -> Vec<&'static str> {
    TEMPLATES
        .iter()
        .map(|template| template.file)
        .chain(ASSETS.iter().map(|(name, _)| *name))
        .collect()
}

/// Reads the files of a templates directory (not its subdirectories), each through
/// `fs::read_checked`: a FIFO or device there is an error, not a hang, and with `within`,
/// a link out of the project is refused.
pub fn read_overrides(dir: &Path, within: Option<&Path>) -> Result<Vec<(String, Vec<u8>)>> {
    let entries = std::fs::read_dir(dir)
        .map_err(|source| Error::io("read the templates directory", dir, source))?;
    let mut overrides = Vec::new();
    for entry in entries {
        let entry =
            entry.map_err(|source| Error::io("read the templates directory", dir, source))?;
        let path = entry.path();
        if path.is_dir() {
            continue;
        }
        let Some(name) = path.file_name().and_then(|name| name.to_str()) else {
            continue;
        };
        let bytes = crate::fs::read_checked(&path, within, crate::fs::MAX_TEXT_BYTES)
            .map_err(|error| error.into_error("read", &path))?;
        overrides.push((name.to_string(), bytes));
    }
    overrides.sort();
    Ok(overrides)
}

/// The templates and assets a [`Site`] renders with.
pub(crate) struct Compiled {
    pub(crate) tera: Tera,
    pub(crate) skeletons: skeleton::Skeletons,
    pub(crate) assets: BTreeMap<&'static str, Cow<'static, [u8]>>,
    /// Override files whose names match nothing (probably a typo).
    pub(crate) unknown_overrides: Vec<String>,
}

/// Compiles the templates, built-in ones replaced by any `overrides` of the same name;
/// assets are replaced the same way.
pub(crate) fn compile(overrides: Vec<(String, Vec<u8>)>) -> Result<Compiled> {
    let mut templates: Vec<(String, String)> = TEMPLATES
        .iter()
        .map(|template| (template.name.to_string(), template.text.to_string()))
        .collect();
    let mut assets: BTreeMap<&'static str, Cow<'static, [u8]>> = ASSETS
        .iter()
        .map(|(name, bytes)| (*name, Cow::Borrowed(*bytes)))
        .collect();
    let mut unknown_overrides = Vec::new();
    let mut templates_overridden = false;
    for (file_name, bytes) in overrides {
        if let Some(position) = TEMPLATES
            .iter()
            .position(|template| template.file == file_name || template.name == file_name)
        {
            let text = String::from_utf8(bytes).map_err(|_| Error::Template {
                name: file_name.clone(),
                message: "the file is not UTF-8: save it as UTF-8".to_string(),
            })?;
            if let Some(slot) = templates.get_mut(position) {
                slot.1 = text;
            }
            templates_overridden = true;
        } else if let Some((name, _)) = ASSETS.iter().find(|(name, _)| *name == file_name) {
            assets.insert(name, Cow::Owned(bytes));
        } else {
            unknown_overrides.push(file_name);
        }
    }
    let mut tera = Tera::default();
    // tera's own escaping also turns `/` into `&#x2F;`, which makes every URL unreadable
    // in the page source; the five characters HTML needs are enough inside quoted
    // attributes and text.
    tera.set_escape_fn(escape_html);
    tera.add_raw_templates(templates)
        .map_err(|error| crate::record_template::template_error("the site templates", &error))?;
    Ok(Compiled {
        tera,
        // The built-in templates compare only the page's section; an override may
        // compare or filter anything.
        skeletons: skeleton::Skeletons::new(!templates_overridden, &[("page", "section")]),
        assets,
        unknown_overrides,
    })
}

impl Site {
    pub(crate) fn context(
        &self,
        root: &str,
        title: &str,
        section: &'static str,
        url: &str,
    ) -> Context {
        let mut context = Context::new();
        context.insert("site", &self.view);
        context.insert("root", root);
        let title = if section == "index" {
            title.to_string()
        } else {
            format!("{title} · {}", self.view.title)
        };
        context.insert(
            "page",
            &PageView {
                title,
                section,
                canonical: self
                    .view
                    .base_url
                    .as_ref()
                    .map(|base| format!("{base}/{url}")),
            },
        );
        context
    }

    /// The rows of a records table, rendered in chunks in parallel: a template given every
    /// row of a 10,000-record log at once holds all of them as template values.
    pub(crate) fn render_rows(
        &self,
        entries: &[EntryView],
        root: &str,
        history: bool,
    ) -> Result<String> {
        Ok(self.render_row_chunks(entries, root, history)?.concat())
    }

    /// [`Site::render_rows`] as the chunks rendered, in order, not yet joined (a page
    /// written piece by piece needs no joined copy).
    pub(crate) fn render_row_chunks(
        &self,
        entries: &[EntryView],
        root: &str,
        history: bool,
    ) -> Result<Vec<String>> {
        entries
            .par_chunks(self.rows_per_render())
            .map(|chunk| {
                let mut context = Context::new();
                context.insert("entries", chunk);
                context.insert("root", root);
                context.insert("history", &history);
                self.render_by_skeleton("rows.html", context)
            })
            .collect()
    }

    /// Renders `template` with the HTML `rows` (in order) as the value of `name`, and hands
    /// the page to `sink` at `path` piece by piece: the rows are written where the template
    /// writes the value, never joined into one string or copied into one page. At 99,999
    /// records the index's rows are 67 MB, which a joined copy and a whole page would hold
    /// three times over. A template that escapes or filters the value gets it the ordinary
    /// way (see [`Site::render_spliced`]).
    pub(crate) fn put_with_rows(
        &self,
        sink: &dyn PageSink,
        path: &str,
        template: &str,
        context: Context,
        name: &str,
        rows: &[&str],
    ) -> Result<()> {
        let Some((page, marker)) = self.render_marked(template, &context, name)? else {
            let html = rows.concat();
            let page = self.render_spliced(template, context, &[(name, &html)])?;
            return sink.put(path, page);
        };
        let before = page.get(..marker.start).unwrap_or_default();
        let after = page.get(marker.end..).unwrap_or_default();
        sink.put_written(path, &mut |out| {
            out.write_all(before.as_bytes())?;
            for row in rows {
                out.write_all(row.as_bytes())?;
            }
            out.write_all(after.as_bytes())
        })
    }

    /// `template` rendered with a marker as the value of `name`, and where the marker is in it;
    /// `None` when the template writes the value other than once, unchanged (escaped,
    /// filtered or repeated): the value must then go through tera.
    fn render_marked(
        &self,
        template: &str,
        context: &Context,
        name: &str,
    ) -> Result<Option<(String, std::ops::Range<usize>)>> {
        let marker = splice_marker(0);
        let mut marked = context.clone();
        marked.insert(name, &marker);
        let page = self.render(template, &marked)?;
        let mut found = page.match_indices(&marker).map(|(at, _)| at);
        Ok(match (found.next(), found.next()) {
            (Some(at), None) => Some((page, at..at + marker.len())),
            _ => None,
        })
    }

    /// [`Site::put_with_rows`] with rows made as they are written: `piece(i)` renders piece
    /// `i` of `pieces`, a few at a time in parallel and written in order, so a table of
    /// every relation (38 MB at 100,000 records) is never held whole.
    pub(crate) fn put_with_pieces(
        &self,
        sink: &dyn PageSink,
        (path, template): (&str, &str),
        context: Context,
        name: &str,
        (pieces, piece): (usize, &(dyn Fn(usize) -> Result<String> + Sync)),
    ) -> Result<()> {
        let Some((page, marker)) = self.render_marked(template, &context, name)? else {
            let made: Vec<String> = (0..pieces)
                .into_par_iter()
                .map(piece)
                .collect::<Result<_>>()?;
            let page = self.render_spliced(template, context, &[(name, &made.concat())])?;
            return sink.put(path, page);
        };
        let before = page.get(..marker.start).unwrap_or_default();
        let after = page.get(marker.end..).unwrap_or_default();
        let mut failed = None;
        let written = sink.put_written(path, &mut |out| {
            out.write_all(before.as_bytes())?;
            for first in (0..pieces).step_by(PIECES_AT_ONCE) {
                let last = (first + PIECES_AT_ONCE).min(pieces);
                let made = match (first..last)
                    .into_par_iter()
                    .map(piece)
                    .collect::<Result<Vec<String>>>()
                {
                    Ok(made) => made,
                    Err(error) => {
                        let message = error.to_string();
                        failed = Some(error);
                        return Err(std::io::Error::other(message));
                    }
                };
                for piece in made {
                    out.write_all(piece.as_bytes())?;
                }
            }
            out.write_all(after.as_bytes())
        });
        match failed {
            Some(error) => Err(error),
            None => written,
        }
    }

    /// Rows given to one template render: one with skeletons (rows come in a few shapes,
    /// and a chunk's shape is that of all its rows), else a chunk.
    pub(crate) fn rows_per_render(&self) -> usize {
        if self.skeletons.is_enabled() {
            1
        } else {
            ROWS_PER_CHUNK
        }
    }

    /// Renders `template` with `parts`, large blocks already rendered (the rows of the
    /// whole log, the relations graph), each as the value of its name, spliced into the
    /// output where the template writes it unchanged: passed through tera as values, the
    /// 6 MB of rows of a 10,000-record log would be copied twice more. A template that
    /// escapes or filters a value gets them all the ordinary way.
    pub(crate) fn render_spliced(
        &self,
        template: &str,
        mut context: Context,
        parts: &[(&str, &str)],
    ) -> Result<Vec<u8>> {
        let markers: Vec<String> = (0..parts.len()).map(splice_marker).collect();
        for ((name, _), marker) in parts.iter().zip(&markers) {
            context.insert(*name, marker);
        }
        let page = self.render(template, &context)?;
        let htmls: Vec<&str> = parts.iter().map(|(_, html)| *html).collect();
        match splice(page, &markers, &htmls) {
            Ok(page) => Ok(page),
            Err(_) => {
                for (name, html) in parts {
                    context.insert(*name, html);
                }
                Ok(self.render(template, &context)?.into_bytes())
            }
        }
    }

    /// [`Site::render`] through the page skeletons (see [`skeleton`]).
    pub(crate) fn render_by_skeleton(
        &self,
        name: &'static str,
        context: Context,
    ) -> Result<String> {
        self.skeletons
            .render(name, context.into_json(), &|context: serde_json::Value| {
                let context = Context::from_value(context)
                    .map_err(|error| crate::record_template::template_error(name, &error))?;
                self.render(name, &context)
            })
    }

    pub(crate) fn render(&self, name: &str, context: &Context) -> Result<String> {
        self.tera
            .render(name, context)
            .map_err(|error| crate::record_template::template_error(name, &error))
    }

    pub(crate) fn put_page(
        &self,
        sink: &dyn PageSink,
        path: &str,
        template: &str,
        context: &Context,
    ) -> Result<()> {
        let page = self.render(template, context)?;
        sink.put(path, page.into_bytes())
    }
}

/// What stands in a template's context for the `n`th block of HTML that [`splice`] puts in
/// afterwards. `<` would be escaped by a template that does not mark the value safe.
pub(crate) fn splice_marker(n: usize) -> String {
    format!("\u{1}adr<spliced {n}>\u{1}")
}

/// The marker of a record page's body, its only spliced block.
pub(crate) const BODY_MARKER: &str = "\u{1}adr<spliced 0>\u{1}";

/// `page` with each of `markers` replaced by the `html` of the same position; the page
/// back when the template wrote a marker other than once or changed it (escaped or
/// filtered it).
pub(crate) fn splice(
    page: String,
    markers: &[impl AsRef<str>],
    htmls: &[&str],
) -> std::result::Result<Vec<u8>, String> {
    let mut found = Vec::with_capacity(markers.len());
    for (marker, html) in markers.iter().zip(htmls) {
        match page
            .match_indices(marker.as_ref())
            .map(|(at, _)| at)
            .collect::<Vec<_>>()[..]
        {
            [at] => found.push((at, marker.as_ref().len(), *html)),
            _ => return Err(page),
        }
    }
    found.sort_unstable_by_key(|(at, _, _)| *at);
    let size = page.len() + found.iter().map(|(_, _, html)| html.len()).sum::<usize>();
    let mut out = Vec::with_capacity(size);
    let mut copied = 0;
    for (at, len, html) in found {
        out.extend_from_slice(&page.as_bytes()[copied..at]);
        out.extend_from_slice(html.as_bytes());
        copied = at + len;
    }
    out.extend_from_slice(&page.as_bytes()[copied..]);
    Ok(out)
}

/// HTML escaping for template output: text and double-quoted attribute values.
pub fn escape_html(text: &str) -> String {
    graph::escape(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spliced_blocks_replace_their_markers_wherever_the_template_put_them() {
        let markers = [splice_marker(0), splice_marker(1)];
        let page = format!("<b>{}</b><i>{}</i>", markers[1], markers[0]);
        assert_eq!(
            splice(page, &markers, &["zero", "one"]).unwrap(),
            b"<b>one</b><i>zero</i>"
        );
    }

    #[test]
    fn a_marker_written_twice_or_not_at_all_means_rendering_the_ordinary_way() {
        let markers = [splice_marker(0)];
        let twice = format!("{0}{0}", markers[0]);
        assert_eq!(splice(twice.clone(), &markers, &["x"]), Err(twice));
        let escaped = "&#1;adr&lt;spliced 0&gt;&#1;".to_string();
        assert_eq!(splice(escaped.clone(), &markers, &["x"]), Err(escaped));
    }

    /// Files put, by path.
    #[derive(Default)]
    struct Pages(std::sync::Mutex<std::collections::BTreeMap<String, Vec<u8>>>);

    impl PageSink for Pages {
        fn put(&self, path: &str, contents: Vec<u8>) -> Result<()> {
            self.0.lock().unwrap().insert(path.to_string(), contents);
            Ok(())
        }
        fn copy(&self, _: &str, _: &std::path::Path) -> Result<()> {
            Ok(())
        }
        fn keep(&self, _: &str) -> bool {
            false
        }
    }

    fn site_with(template: &str) -> crate::site::Site {
        crate::site::Site::new(crate::site::SiteOptions {
            overrides: vec![("relations.html".to_string(), template.as_bytes().to_vec())],
            ..Default::default()
        })
        .unwrap()
    }

    #[test]
    fn pieces_are_written_in_order_across_batches_or_escaped_when_the_template_escapes() {
        let pieces = 2 * PIECES_AT_ONCE + 3;
        let piece = |at: usize| Ok(format!("<i>{at}</i>"));
        let every: String = (0..pieces).map(|at| format!("<i>{at}</i>")).collect();
        for (template, expected) in [
            ("<p>{{ rows | safe }}</p>", format!("<p>{every}</p>")),
            (
                "<p>{{ rows }}</p>",
                format!("<p>{}</p>", crate::site::escape_html(&every)),
            ),
        ] {
            let pages = Pages::default();
            site_with(template)
                .put_with_pieces(
                    &pages,
                    ("relations.html", "relations.html"),
                    Context::new(),
                    "rows",
                    (pieces, &piece),
                )
                .unwrap();
            let written = pages.0.lock().unwrap().remove("relations.html").unwrap();
            assert_eq!(String::from_utf8(written).unwrap(), expected, "{template}");
        }
    }

    #[test]
    fn a_piece_that_fails_fails_the_page_with_its_own_error() {
        let pages = Pages::default();
        let piece = |at: usize| match at {
            11 => Err(crate::error::Error::usage("piece 11 cannot be made")),
            _ => Ok(String::new()),
        };
        let error = site_with("<p>{{ rows | safe }}</p>")
            .put_with_pieces(
                &pages,
                ("relations.html", "relations.html"),
                Context::new(),
                "rows",
                (2 * PIECES_AT_ONCE, &piece),
            )
            .unwrap_err();
        assert_eq!(error.to_string(), "piece 11 cannot be made");
        assert!(pages.0.lock().unwrap().is_empty());
    }
}
