//! `adr schema`: prints the JSON Schema of the front matter (`crate::schema`), the same
//! bytes as the committed `schema/adr-front-matter.schema.json`.

use crate::error::{Result, output_error};
use crate::schema::front_matter_schema_json;
use crate::{ExitStatus, Output};

pub fn run(output: &mut Output<'_>) -> Result<ExitStatus> {
    output
        .out
        .write_all(front_matter_schema_json().as_bytes())
        .map_err(output_error)?;
    Ok(ExitStatus::Success)
}
