//! The options objects of the JavaScript functions, and the schema they name.

use std::cell::RefCell;
use std::rc::Rc;

use crql::Schema;
use crql::print::{FormatOptions, KeywordCase};
use serde::Deserialize;
use serde_json::Value;

use crate::Failure;

/// `lint`'s options.
#[derive(Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LintOptions {
    /// Schema sources merged over the built-in schema.
    pub schema: Option<Value>,
    /// Run only these codes or prefixes.
    pub select: Vec<String>,
    /// Skip these codes or prefixes.
    pub ignore: Vec<String>,
}

/// `format`'s options; the defaults are `crql fmt`'s.
#[derive(Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct FormatArgs {
    width: Option<usize>,
    keyword_case: Option<Case>,
    indent: Option<usize>,
}

#[derive(Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Case {
    Upper,
    Lower,
}

impl FormatArgs {
    /// The printer's options.
    pub fn options(&self) -> Result<FormatOptions, Failure> {
        let mut o = FormatOptions::default();
        if let Some(w) = self.width {
            if w == 0 {
                return Err(Failure::Range("width must be at least 1".into()));
            }
            o.width = w;
        }
        if let Some(i) = self.indent {
            // Deeper than this is no layout anyone wants, and each level repeats it.
            if i > 16 {
                return Err(Failure::Range("indent must be between 0 and 16".into()));
            }
            o.indent = i;
        }
        o.keyword_case = match self.keyword_case {
            Some(Case::Lower) => KeywordCase::Lower,
            Some(Case::Upper) | None => KeywordCase::Upper,
        };
        Ok(o)
    }
}

/// `toUrl`'s options.
#[derive(Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct UrlOptions {
    /// Base URL (default: production).
    pub endpoint: Option<String>,
    /// Rows per page.
    pub page_size: Option<u32>,
    /// Which page.
    pub page: Option<u32>,
    /// Schema sources, as for `lint`.
    pub schema: Option<Value>,
}

/// Options from their JSON; an unknown key or a wrong type is a `TypeError`.
pub fn parse<T: Default + for<'de> Deserialize<'de>>(what: &str, json: &str) -> Result<T, Failure> {
    if json.is_empty() {
        return Ok(T::default());
    }
    serde_json::from_str(json).map_err(|e| Failure::Type(format!("{what}: {e}")))
}

thread_local! {
    /// The last schema built, by its JSON: an editor lints on every keystroke with
    /// the same schema, which need not be read again each time.
    static LAST: RefCell<Option<(String, Rc<Schema>)>> = const { RefCell::new(None) };
    /// The built-in schema, copied once (a copy per call cost more than the lint).
    static BUILTIN: Rc<Schema> = Rc::new(Schema::builtin().clone());
}

/// The built-in schema with `sources` merged over it, as `crql check --schema` does.
/// `sources` is one source or an array of them; a source is schema JSON (an object, or
/// its text), or `{ table, description }` for a saved `cto/{table}/description`.
pub fn schema(sources: Option<&Value>) -> Result<Rc<Schema>, Failure> {
    let Some(sources) = sources.filter(|s| !s.is_null()) else {
        return Ok(BUILTIN.with(Rc::clone));
    };
    let key = sources.to_string();
    if let Some(hit) = LAST.with_borrow(|l| {
        l.as_ref()
            .filter(|(k, _)| *k == key)
            .map(|(_, s)| s.clone())
    }) {
        return Ok(hit);
    }
    let mut schema = Schema::builtin().clone();
    match sources {
        Value::Array(list) => list.iter().try_for_each(|s| add(&mut schema, s))?,
        one => add(&mut schema, one)?,
    }
    let schema = Rc::new(schema);
    LAST.set(Some((key, schema.clone())));
    Ok(schema)
}

fn add(schema: &mut Schema, source: &Value) -> Result<(), Failure> {
    let bad = |m: String| Failure::Crql {
        message: format!("schema: {m}"),
        diagnostics: Vec::new(),
    };
    match source {
        Value::String(text) => {
            let parsed: Value = serde_json::from_str(text)
                .map_err(|e| bad(format!("invalid JSON: {e}")))?;
            if parsed.is_string() {
                return Err(bad("a JSON string that holds a string".into()));
            }
            add(schema, &parsed)
        }
        Value::Object(o) if o.contains_key("description") => {
            let table = o.get("table").and_then(Value::as_str).unwrap_or("");
            if table.is_empty() {
                return Err(bad("a description needs its table: { table, description }".into()));
            }
            let description = match &o["description"] {
                Value::String(s) => s.clone(),
                v => v.to_string(),
            };
            schema
                .load_text("schema", Some(table), &description)
                .map_err(|e| bad(e.message))
        }
        Value::Object(o) if o.contains_key("metadata") => Err(bad(
            "a cto/{table}/description answer does not name its table: pass { table: \"Name\", description: answer }".into(),
        )),
        Value::Object(_) => schema
            .load_text("schema", None, &source.to_string())
            .map_err(|e| bad(e.message)),
        _ => Err(Failure::Type(
            "schema: expected schema JSON (an object or its text), { table, description }, or an array of them".into(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_description_replaces_its_table_and_a_schema_file_adds_tables() {
        let s = schema(Some(&json!([
            {"table": "cmClient", "description": {"metadata": [{"attributeName": "OnlyThis"}]}},
            {"tables": [{"name": "NewTable", "columns": [{"name": "A"}]}]},
        ])))
        .unwrap();
        let client = s.table("cmClient").unwrap();
        assert_eq!(client.columns().len(), 1);
        assert!(client.is_complete());
        assert!(s.table("NewTable").is_some());
        // The built-in tables stay.
        assert!(s.table("Enrollment").is_some());
    }

    #[test]
    fn bad_sources_say_what_is_wrong() {
        let message = |v: Value| match schema(Some(&v)) {
            Err(Failure::Crql { message, .. }) | Err(Failure::Type(message)) => message,
            Err(Failure::Range(m)) => m,
            Ok(_) => panic!("{v} was accepted"),
        };
        assert!(message(json!({"metadata": []})).contains("does not name its table"));
        assert!(message(json!("{not json")).contains("invalid JSON"));
        assert!(message(json!(5)).contains("expected schema JSON"));
        assert!(message(json!({"tables": 3})).contains("schema"));
    }
}
