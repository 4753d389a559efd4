//! Writing typed tables as Rust source: what `crql codegen --schema FILE` prints,
//! and how [`clienttrack`](super::clienttrack) is made.
//!
//! The output is a list of [`table!`](crate::table) invocations, so generated and
//! hand-written tables are the same thing. Rust names are idiomatic (`cmClient` →
//! `CmClient` and `cm_client`, `usrPgmMgrId` → `usr_pgm_mgr_id`); the printed names
//! stay exactly the schema's.

use std::collections::HashSet;
use std::fmt::Write;

use crate::schema::ColumnType;

/// A table to generate: its name as CTAPI spells it and its columns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableDef {
    /// `cmClient`
    pub name: String,
    /// `("ClientID", Integer)`, in order.
    pub columns: Vec<(String, ColumnType)>,
}

/// The tables of `schema`, in its order.
pub fn table_defs(schema: &crate::schema::Schema) -> Vec<TableDef> {
    schema
        .tables()
        .iter()
        .map(|t| TableDef {
            name: t.name().to_owned(),
            columns: t.columns().iter().map(|c| (c.name.clone(), c.ty)).collect(),
        })
        .collect()
}

/// The doc line of [`clienttrack`](super::clienttrack).
pub const CLIENTTRACK_DOC: &str =
    "Typed tables for the built-in ClientTrack schema (`src/schema/clienttrack.json`).";

/// Splits a CRQL name into lower-case words at case changes, digits-to-letters
/// and any non-alphanumeric character: `usrPgmMgrId` → `usr pgm mgr id`,
/// `HUDRace` → `hud race`, `AutoExit1DateAdded` → `auto exit1 date added`.
fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut words = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let boundary = c.is_uppercase()
            && prev.is_some_and(|p| {
                p.is_lowercase()
                    || p.is_ascii_digit()
                    || (p.is_uppercase() && next.is_some_and(char::is_lowercase))
            });
        if boundary && !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}

const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen", "union",
];

/// Makes `s` a usable identifier: not empty, not starting with a digit, not a
/// keyword (a trailing `_` rather than `r#`, which `self`/`crate` do not allow).
fn identifier(mut s: String, fallback: &str) -> String {
    if s.is_empty() {
        s = fallback.to_owned();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    if KEYWORDS.contains(&s.as_str()) || s == "Self" {
        s.push('_');
    }
    s
}

/// `usrPgmMgrId` → `usr_pgm_mgr_id`.
pub fn snake_case(name: &str) -> String {
    identifier(words(name).join("_"), "column")
}

/// `cmClient` → `CmClient`; `VISPDAT` → `Vispdat`.
pub fn camel_case(name: &str) -> String {
    let s: String = words(name)
        .iter()
        .map(|w| {
            let mut cs = w.chars();
            cs.next()
                .map(|f| f.to_uppercase().chain(cs).collect::<String>())
                .unwrap_or_default()
        })
        .collect();
    identifier(s, "Table")
}

/// Makes `name` unique among `taken` by appending `_2`, `_3`, ...
fn unique(name: String, taken: &mut HashSet<String>) -> String {
    let mut candidate = name.clone();
    let mut n = 2;
    while !taken.insert(candidate.clone()) {
        candidate = format!("{name}_{n}");
        n += 1;
    }
    candidate
}

fn type_marker(kind: ColumnType) -> &'static str {
    match kind {
        ColumnType::Integer => "Integer",
        ColumnType::Decimal => "Decimal",
        ColumnType::Text => "Text",
        ColumnType::Date => "Date",
        ColumnType::DateTime => "DateTime",
        ColumnType::Boolean => "Boolean",
        ColumnType::Unknown => "Unknown",
    }
}

/// A Rust string literal for `s` (Debug escapes quotes, backslashes, control chars).
fn rust_str(s: &str) -> String {
    format!("{s:?}")
}

/// The Rust module source for `tables`: one `table!` block. `macro_path` is how the
/// macro is named where the file is included (`crql::table` for users,
/// `crate::table` inside this crate).
///
/// ```
/// use crql::build::codegen::{render, TableDef};
/// use crql::schema::ColumnType;
/// let src = render(
///     &[TableDef { name: "cmCaseAssign".into(), columns: vec![("usrPgmMgrId".into(), ColumnType::Integer)] }],
///     "crql::table",
///     "Typed tables.",
/// );
/// assert!(src.contains("pub cm_case_assign = \"cmCaseAssign\" as CmCaseAssign {"));
/// assert!(src.contains("usr_pgm_mgr_id = \"usrPgmMgrId\": Integer,"));
/// ```
pub fn render(tables: &[TableDef], macro_path: &str, doc: &str) -> String {
    let mut out = String::new();
    for line in doc.lines() {
        let _ = writeln!(out, "//! {line}").map(|_| ());
    }
    let _ = writeln!(out, "//!");
    let _ = writeln!(
        out,
        "//! Generated by `crql codegen`; Rust names are derived, printed names are the schema's."
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "{macro_path}! {{");
    let mut modules = HashSet::new();
    let mut types = HashSet::new();
    for (i, t) in tables.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let module = unique(snake_case(&t.name), &mut modules);
        let ty = unique(camel_case(&t.name), &mut types);
        let _ = writeln!(out, "    /// The `{}` table.", t.name.replace('`', "'"));
        let _ = writeln!(out, "    pub {module} = {} as {ty} {{", rust_str(&t.name));
        // The table type lives in the same module as the columns.
        let mut columns: HashSet<String> = HashSet::from([ty.clone()]);
        for (name, kind) in &t.columns {
            let col = unique(snake_case(name), &mut columns);
            let _ = writeln!(
                out,
                "        {col} = {}: {},",
                rust_str(name),
                type_marker(*kind)
            );
        }
        let _ = writeln!(out, "    }}");
    }
    let _ = writeln!(out, "}}");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_idiomatic() {
        let cases = [
            ("cmClient", "cm_client", "CmClient"),
            ("usrPgmMgrId", "usr_pgm_mgr_id", "UsrPgmMgrId"),
            ("ClientID", "client_id", "ClientId"),
            ("HUDRace", "hud_race", "HudRace"),
            ("VISPDAT", "vispdat", "Vispdat"),
            (
                "AutoExit1DateAdded",
                "auto_exit1_date_added",
                "AutoExit1DateAdded",
            ),
            ("dsiSerNo", "dsi_ser_no", "DsiSerNo"),
            ("Exit Date", "exit_date", "ExitDate"),
            ("type", "type_", "Type"),
            ("self", "self_", "Self_"),
            ("1stName", "_1st_name", "_1stName"),
            ("", "column", "Table"),
            ("---", "column", "Table"),
        ];
        for (name, snake, camel) in cases {
            assert_eq!(snake_case(name), snake, "{name}");
            assert_eq!(camel_case(name), camel, "{name}");
        }
    }

    /// `clienttrack.rs` is exactly the generator's output for the built-in schema, so
    /// the typed tables and the linter's schema never drift apart. Regenerate with
    /// `CRQL_BLESS=1 cargo test --lib build::codegen`.
    #[test]
    fn clienttrack_module_is_generated_from_the_builtin_schema() {
        let expected = render(
            &table_defs(crate::schema::Schema::builtin()),
            "crate::table",
            CLIENTTRACK_DOC,
        );
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/build/clienttrack.rs");
        let actual = std::fs::read_to_string(path).unwrap_or_default();
        if actual != expected && std::env::var_os("CRQL_BLESS").is_some() {
            std::fs::write(path, &expected).expect("write clienttrack.rs");
            return;
        }
        assert!(
            actual == expected,
            "src/build/clienttrack.rs is stale: run CRQL_BLESS=1 cargo test --lib build::codegen"
        );
    }

    #[test]
    fn colliding_names_get_suffixes() {
        let src = render(
            &[TableDef {
                name: "t".into(),
                columns: vec![
                    ("ClientId".into(), ColumnType::Integer),
                    ("ClientID".into(), ColumnType::Integer),
                    ("T".into(), ColumnType::Text),
                ],
            }],
            "crql::table",
            "x",
        );
        assert!(src.contains("client_id = \"ClientId\""));
        assert!(src.contains("client_id_2 = \"ClientID\""));
        assert!(src.contains("t = \"T\": Text"));
    }
}
