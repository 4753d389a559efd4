//! The project's schema cache: one complete table per file, written by `crql schema
//! pull` and by `crql run` when it describes a table, read like any schema
//! directory ([`Schema::load_path`](super::Schema::load_path)).
//!
//! Each file is schema JSON holding one table marked `"complete": true`, named
//! after the table (`.crql/schema/cmClient.json`), so that it can be read, diffed
//! and committed like the queries it describes.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use super::{Schema, Table, cmp_ci};
use crate::ast::visit::{Visit, walk_table_name};
use crate::ast::{Query, Script, TableName};

/// Writes `table` into the cache directory `dir` (created if missing) as
/// `{dir}/{name}.json`, replacing any earlier file for it. The file is written
/// beside and renamed into place, so an interrupted write never leaves half a file.
///
/// A name that is not ASCII letters, digits and `_` is refused: it becomes a file
/// name (CTAPI's table names are all of that form).
pub fn save_table(dir: &Path, table: &Table) -> std::io::Result<PathBuf> {
    let name = table.name();
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("{name:?} is not a table name that can be a file name"),
        ));
    }
    std::fs::create_dir_all(dir)?;
    let mut schema = Schema::new();
    schema.add_table(table.clone().complete());
    let mut json = serde_json::to_string_pretty(&schema).map_err(std::io::Error::other)?;
    json.push('\n');
    let path = dir.join(format!("{name}.json"));
    let tmp = dir.join(format!(".{name}.json.tmp"));
    std::fs::write(&tmp, json)?;
    std::fs::rename(&tmp, &path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })?;
    Ok(path)
}

/// Collects table names, each once (compared as SQL Server would).
#[derive(Default)]
struct Tables(Vec<String>);

impl<'a> Visit<'a> for Tables {
    fn visit_table_name(&mut self, name: &'a TableName<'a>) -> ControlFlow<()> {
        let n: &str = &name.name.value;
        if !self.0.iter().any(|t| cmp_ci(t, n).is_eq()) {
            self.0.push(n.to_owned());
        }
        walk_table_name(self, name)
    }
}

/// The tables a query reads (FROM and JOIN, subqueries included), in order of
/// first appearance, each once.
pub fn tables_in(query: &Query<'_>) -> Vec<String> {
    let mut t = Tables::default();
    let _ = t.visit_query(query);
    t.0
}

/// The tables every query of a script reads, as [`tables_in`].
pub fn tables_in_script(script: &Script<'_>) -> Vec<String> {
    let mut t = Tables::default();
    let _ = t.visit_script(script);
    t.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_collected_once_each() {
        let s = crate::parser::parse_script(
            "SELECT TOP 5 c.ClientID FROM cmClient c JOIN Enrollment e ON e.ClientID = c.ClientID;\n\
             SELECT TOP 5 ClientID FROM CMCLIENT WHERE ClientID IN (SELECT ClientID FROM VISPDAT)",
        )
        .unwrap();
        assert_eq!(tables_in_script(&s), ["cmClient", "Enrollment", "VISPDAT"]);
    }

    #[test]
    fn a_saved_table_reads_back_complete_and_bad_names_are_refused() {
        let dir = std::env::temp_dir().join(format!("crql-cache-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let t = Table::new(
            "cmClient",
            [("ClientID", super::super::ColumnType::Integer)],
        );
        let path = save_table(&dir, &t).unwrap();
        assert_eq!(path, dir.join("cmClient.json"));
        let mut s = Schema::builtin().clone();
        s.load_path(&dir).unwrap();
        let back = s.table("cmclient").unwrap();
        assert!(back.is_complete());
        assert_eq!(back.columns().len(), 1);
        assert!(
            save_table(
                &dir,
                &Table::new("../x", [("a", super::super::ColumnType::Text)])
            )
            .is_err()
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
