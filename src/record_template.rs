//! The templates `adr new` writes records from: MADR 4 (full and minimal), MADR 2 and Nygard,
//! embedded in the binary so an installed `adr` works anywhere, or a user's own file.
//! All are tera templates over one [`NewRecordContext`].

use std::path::Path;

use serde::Serialize;

use crate::error::{Error, Result};

pub const BUILTIN: [(&str, &str); 4] = [
    ("madr", include_str!("../templates/new/madr.md")),
    // MADR 2's layout (`* Status:` bullets), for the logs still written in it.
    ("madr2", include_str!("../templates/new/madr2.md")),
    (
        "madr-minimal",
        include_str!("../templates/new/madr-minimal.md"),
    ),
    ("nygard", include_str!("../templates/new/nygard.md")),
];

/// Which template to use: a built-in by name, or a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateSource {
    Builtin(&'static str),
    File(std::path::PathBuf),
}

impl TemplateSource {
    /// `madr`, `madr-minimal`, `madr2`, `nygard`, or a path (relative to `base`).
    pub fn from_setting(setting: &str, base: &Path) -> TemplateSource {
        match BUILTIN.iter().find(|(name, _)| *name == setting) {
            Some((name, _)) => TemplateSource::Builtin(name),
            None => TemplateSource::File(base.join(setting)),
        }
    }

    /// The text of a template file that holds no tera (no `{{`, no `{%`): a log's own
    /// Markdown template, which `adr new` fills in as it does the log's (copied as it is,
    /// bo-tech's kept `# NNNN Short title` and no date); `None` for any other template.
    pub fn plain_text(&self) -> crate::error::Result<Option<String>> {
        let TemplateSource::File(path) = self else {
            return Ok(None);
        };
        let text = crate::fs::read_text_checked(path, None, crate::fs::MAX_TEXT_BYTES)
            .map_err(|error| error.into_error("read the template", path))?;
        Ok((!text.contains("{{") && !text.contains("{%")).then_some(text))
    }

    pub fn name(&self) -> String {
        match self {
            TemplateSource::Builtin(name) => (*name).to_string(),
            TemplateSource::File(path) => path.display().to_string(),
        }
    }
}

/// A record the new one supersedes, as templates link to it.
#[derive(Debug, Clone, Serialize)]
pub struct SupersededRecord {
    pub number: Option<u32>,
    /// `ADR-0003`.
    pub id: String,
    pub title: String,
    /// Relative link from the new record.
    pub link: String,
}

/// Everything a record template can use.
#[derive(Debug, Clone, Serialize)]
pub struct NewRecordContext {
    pub title: String,
    pub number: Option<u32>,
    /// The number padded as in file names (`0007`).
    pub padded_number: String,
    pub date: String,
    pub status: String,
    pub tags: Vec<String>,
    pub decision_makers: Vec<String>,
    pub supersedes: Vec<SupersededRecord>,
}

/// Renders a record from a template.
pub fn render(source: &TemplateSource, context: &NewRecordContext) -> Result<String> {
    let (name, text) = match source {
        TemplateSource::Builtin(name) => {
            let text = BUILTIN
                .iter()
                .find(|(builtin, _)| builtin == name)
                .map(|(_, text)| (*text).to_string())
                .unwrap_or_default();
            ((*name).to_string(), text)
        }
        TemplateSource::File(path) => {
            // Not checked against the project here: `template` in .adr.toml was checked when
            // the config was loaded, and `--template` names a file of the user's own choice.
            // Still a regular file under the cap: `template = "/dev/zero"` never ends.
            let text = crate::fs::read_text_checked(path, None, crate::fs::MAX_TEXT_BYTES)
                .map_err(|error| error.into_error("read the template", path))?;
            (path.display().to_string(), text)
        }
    };
    let mut tera = tera::Tera::default();
    tera.autoescape_on(Vec::new());
    tera.register_filter("yaml", yaml_filter);
    tera.add_raw_template(&name, &text)
        .map_err(|error| template_error(&name, &error))?;
    let context =
        tera::Context::from_serialize(context).map_err(|error| template_error(&name, &error))?;
    let mut rendered = tera
        .render(&name, &context)
        .map_err(|error| template_error(&name, &error))?;
    if !rendered.ends_with('\n') {
        rendered.push('\n');
    }
    Ok(rendered)
}

/// A tera error with its whole cause chain (tera hides the useful part in the causes).
pub(crate) fn template_error(name: &str, error: &tera::Error) -> Error {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    Error::Template {
        name: name.to_string(),
        message,
    }
}

/// `{{ value | yaml }}`: a scalar that YAML reads back as the same string.
fn yaml_filter(
    value: &tera::Value,
    _: &std::collections::HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    let text = match value {
        tera::Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    Ok(tera::Value::String(crate::edit::yaml_scalar(&text)))
}
