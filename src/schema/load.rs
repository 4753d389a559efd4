//! Reading schemas: the schema JSON format and saved `cto/{table}/description` answers.
//!
//! Schema JSON (also the format of the built-in `clienttrack.json`):
//!
//! ```json
//! {"tables": [{"name": "cmClient", "columns": [
//!     {"name": "ClientID", "type": "integer"},
//!     {"name": "FirstName", "type": "text", "inferred": true}]}]}
//! ```
//!
//! `type` is one of `integer decimal text date datetime boolean unknown` (default
//! `unknown`); `inferred` defaults to false; other keys are kept. A table with
//! `"complete": true` lists every column it has; a top-level `"complete": true`
//! makes every table of the file complete and says it lists every table.
//!
//! A description answer is `{"metadata": [{"attributeName": "ClientID", ...}, ...]}`,
//! saved one file per table and named after it (`Enrollment.json`).

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::{Column, ColumnType, Schema, Table};

/// A schema source that could not be read or understood.
#[derive(Debug, thiserror::Error)]
#[error("{source_name}: {message}")]
pub struct SchemaError {
    /// The file (or other source) it came from.
    pub source_name: String,
    /// What is wrong with it.
    pub message: String,
}

impl SchemaError {
    fn new(source_name: impl Into<String>, message: impl Into<String>) -> Self {
        SchemaError {
            source_name: source_name.into(),
            message: message.into(),
        }
    }
}

#[derive(Deserialize)]
struct Description {
    metadata: Vec<BTreeMap<String, serde_json::Value>>,
}

/// Keys under which a description may give a column's SQL type.
const TYPE_KEYS: &[&str] = &["dataType", "type", "attributeType", "sqlType", "dbType"];

impl Table {
    /// A table from a saved `cto/{table}/description` answer, marked
    /// [`Provenance::Complete`](super::Provenance::Complete). Columns whose
    /// description carries a recognisable SQL type (`dataType`, `type`, ...) get it
    /// as known; the others get a type guessed from the name, marked inferred. Every
    /// key besides `attributeName` is kept in [`Column::extra`].
    pub fn from_description(name: &str, json: &str) -> Result<Table, SchemaError> {
        let d: Description = serde_json::from_str(json)
            .map_err(|e| SchemaError::new(name, format!("not a table description: {e}")))?;
        let mut columns = Vec::with_capacity(d.metadata.len());
        for (i, mut attrs) in d.metadata.into_iter().enumerate() {
            let col_name = match attrs.remove("attributeName") {
                Some(serde_json::Value::String(s)) if !s.is_empty() => s,
                _ => {
                    return Err(SchemaError::new(
                        name,
                        format!("metadata[{i}] has no string \"attributeName\""),
                    ));
                }
            };
            let declared = attrs
                .iter()
                .find(|(k, _)| TYPE_KEYS.iter().any(|t| t.eq_ignore_ascii_case(k)))
                .and_then(|(_, v)| v.as_str())
                .map(ColumnType::from_sql_name)
                .unwrap_or(ColumnType::Unknown);
            let (ty, inferred) = if declared == ColumnType::Unknown {
                (ColumnType::infer_from_name(&col_name), true)
            } else {
                (declared, false)
            };
            columns.push(Column {
                name: col_name,
                ty,
                inferred,
                extra: attrs,
            });
        }
        // A description is the server's own column list: complete by definition.
        Ok(Table::with_columns(name, columns).complete())
    }
}

impl Schema {
    /// A schema from schema JSON (format in the module docs and the README).
    pub fn from_json(json: &str) -> Result<Schema, SchemaError> {
        Schema::from_json_named("schema", json)
    }

    fn from_json_named(source: &str, json: &str) -> Result<Schema, SchemaError> {
        serde_json::from_str(json)
            .map_err(|e| SchemaError::new(source, format!("not a schema file: {e}")))
    }

    /// Adds one source to this schema: a schema JSON file is merged
    /// ([`Schema::merge`]); a description file (`{"metadata": ...}`, named after its
    /// table) replaces that table's columns ([`Schema::replace_table`]); a directory
    /// adds every `*.json` file in it, in name order.
    pub fn load_path(&mut self, path: &Path) -> Result<(), SchemaError> {
        let shown = path.display().to_string();
        if path.is_dir() {
            let entries =
                std::fs::read_dir(path).map_err(|e| SchemaError::new(&shown, e.to_string()))?;
            let mut files = Vec::new();
            for entry in entries {
                let p = entry
                    .map_err(|e| SchemaError::new(&shown, e.to_string()))?
                    .path();
                if p.is_file()
                    && p.extension()
                        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
                {
                    files.push(p);
                }
            }
            files.sort();
            for f in files {
                self.load_file(&f)?;
            }
            Ok(())
        } else {
            self.load_file(path)
        }
    }

    fn load_file(&mut self, path: &Path) -> Result<(), SchemaError> {
        let shown = path.display().to_string();
        let text =
            std::fs::read_to_string(path).map_err(|e| SchemaError::new(&shown, e.to_string()))?;
        self.load_text(&shown, path.file_stem().and_then(|s| s.to_str()), &text)
    }

    /// Adds one source given as text: schema JSON, or a description of the table
    /// `table` (required for a description, which does not name its table).
    pub fn load_text(
        &mut self,
        source: &str,
        table: Option<&str>,
        json: &str,
    ) -> Result<(), SchemaError> {
        let value: serde_json::Value = serde_json::from_str(json)
            .map_err(|e| SchemaError::new(source, format!("invalid JSON: {e}")))?;
        if value.get("metadata").is_some() {
            let name = table.filter(|t| !t.is_empty()).ok_or_else(|| {
                SchemaError::new(source, "a description file must be named after its table")
            })?;
            self.replace_table(Table::from_description(name, json)?);
            Ok(())
        } else if value.get("tables").is_some() {
            self.merge(Schema::from_json_named(source, json)?);
            Ok(())
        } else {
            Err(SchemaError::new(
                source,
                "expected a schema file ({\"tables\": [...]}) or a description ({\"metadata\": [...]})",
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn description_keeps_extra_keys_and_reads_types() {
        let json = r#"{"metadata":[
            {"attributeName":"EnrollID","dataType":"int","isKey":true},
            {"attributeName":"ExitDate","label":"Exit Date"},
            {"attributeName":"Mystery"}]}"#;
        let t = Table::from_description("Enrollment", json).unwrap();
        let id = t.column("enrollid").unwrap();
        assert_eq!((id.ty, id.inferred), (ColumnType::Integer, false));
        assert_eq!(id.extra.get("isKey"), Some(&serde_json::Value::Bool(true)));
        let exit = t.column("ExitDate").unwrap();
        assert_eq!((exit.ty, exit.inferred), (ColumnType::DateTime, true));
        assert_eq!(
            exit.extra.get("label").and_then(|v| v.as_str()),
            Some("Exit Date")
        );
        assert_eq!(t.column("Mystery").unwrap().ty, ColumnType::Unknown);
    }

    #[test]
    fn bad_sources_are_errors_not_panics() {
        assert!(Table::from_description("T", "{").is_err());
        assert!(Table::from_description("T", r#"{"metadata":[{"x":1}]}"#).is_err());
        let mut s = Schema::new();
        let e = s
            .load_text("a.json", Some("a"), r#"{"nothing":1}"#)
            .unwrap_err();
        assert!(e.to_string().starts_with("a.json: expected a schema file"));
        assert!(s.load_text("d.json", None, r#"{"metadata":[]}"#).is_err());
        assert!(
            Schema::from_json(
                r#"{"tables":[{"name":"t","columns":[{"name":"c","type":"blob"}]}]}"#
            )
            .is_err()
        );
    }

    #[test]
    fn load_path_merges_schema_files_and_descriptions_from_a_directory() {
        let dir = std::env::temp_dir().join(format!("crql-schema-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("extra.json"),
            r#"{"tables":[{"name":"Services","columns":[{"name":"ServiceID","type":"integer"}]}]}"#,
        )
        .unwrap();
        std::fs::write(
            dir.join("VISPDAT.json"),
            r#"{"metadata":[{"attributeName":"VulnerabilityID"},{"attributeName":"Score"}]}"#,
        )
        .unwrap();
        std::fs::write(dir.join("notes.txt"), "ignored").unwrap();
        let mut s = Schema::builtin().clone();
        s.load_path(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(s.table("services").unwrap().column("serviceid").is_some());
        let v = s.table("VISPDAT").unwrap();
        assert!(v.column("Score").is_some());
        assert!(v.column("ScoreTotal").is_none());
        assert!(s.table("cmClient").is_some());
    }
}
