//! The sandbox's tables: the built-in schema's tables and columns (those of
//! `crql-reference.md`, with `OrgID`, `CreatedBy`, `CreatedDate`... inferred where no
//! real query showed them, as the reference advises), each with the type a careful
//! user would infer, read from `catalog.json`. Names are spelt as the schema spells
//! them; lookups ignore case, as SQL Server does.

/// The type of a stored column, inferred as a careful user would.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColType {
    /// `…ID`, codes, flags: SQLite INTEGER.
    Int,
    /// Names, phones, free text: SQLite TEXT, compared case-insensitively.
    Text,
    /// `…Date`: stored as `YYYY-MM-DD HH:MM:SS` text.
    DateTime,
    /// Money: SQLite REAL.
    Decimal,
}

impl ColType {
    /// The SQLite column declaration.
    pub fn sql_decl(self) -> &'static str {
        match self {
            ColType::Int => "INTEGER",
            // NOCASE: SQL Server's default collation compares text case-insensitively.
            ColType::Text => "TEXT COLLATE NOCASE",
            ColType::DateTime => "TEXT",
            ColType::Decimal => "REAL",
        }
    }

    /// The name `cto/{table}/description` reports.
    pub fn api_name(self) -> &'static str {
        match self {
            ColType::Int => "int",
            ColType::Text => "nvarchar",
            ColType::DateTime => "datetime",
            ColType::Decimal => "decimal",
        }
    }
}

use crate::schema::{ColumnType, Schema};

/// One column.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    /// The name as the schema spells it.
    pub name: &'static str,
    /// How its values are stored and compared.
    pub ty: ColType,
}

/// One table; the first column is its primary key.
#[derive(Debug)]
pub struct Table {
    /// The name as the schema spells it.
    pub name: &'static str,
    /// Its columns, the primary key first.
    pub columns: Vec<Column>,
}

impl Table {
    /// The primary key column (the record id of `cto/{table}/{id}`).
    pub fn key(&self) -> &Column {
        &self.columns[0]
    }

    /// The position of a column, ignoring case.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.columns
            .iter()
            .position(|c| c.name.eq_ignore_ascii_case(name))
    }

    /// A column, ignoring case.
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.position(name).map(|i| &self.columns[i])
    }
}

/// Every table of the sandbox.
#[derive(Debug)]
pub struct Catalog {
    /// Every table, in the built-in schema's order.
    pub tables: Vec<Table>,
}

impl Catalog {
    /// A table, ignoring case.
    pub fn table(&self, name: &str) -> Option<&Table> {
        self.tables
            .iter()
            .find(|t| t.name.eq_ignore_ascii_case(name))
    }
}

/// The sandbox's tables as schema JSON: the one list of their columns' types. The
/// query generator of the tests (`tests/support/arb.rs`) reads this same file, so
/// the corpus it writes is typed as the sandbox stores and describes it.
const CATALOG_JSON: &str = include_str!("catalog.json");

/// The tables the sandbox serves, as the complete schema its `cto/{table}/description`
/// answers give (the same names, spelling and order as the built-in schema, with a
/// type for every column, where the built-in schema leaves many unknown: codes like
/// `HUDRace` are integers here, `dsiSerNo` text).
pub fn schema() -> &'static Schema {
    static SCHEMA: std::sync::OnceLock<Schema> = std::sync::OnceLock::new();
    SCHEMA.get_or_init(|| {
        // A unit test reads the same file: a bad edit fails there, not here.
        Schema::from_json(CATALOG_JSON).expect("src/sandbox/catalog.json is schema JSON")
    })
}

/// The catalog, built once from [`schema`].
pub fn catalog() -> &'static Catalog {
    static CATALOG: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    CATALOG.get_or_init(|| Catalog {
        tables: schema()
            .tables()
            .iter()
            .map(|t| Table {
                name: t.name(),
                columns: t
                    .columns()
                    .iter()
                    .map(|c| Column {
                        name: c.name.as_str(),
                        ty: stored(c.ty),
                    })
                    .collect(),
            })
            .collect(),
    })
}

/// How a column of schema type `ty` is stored here (every column of
/// `catalog.json` has a type; a unit test holds that).
fn stored(ty: ColumnType) -> ColType {
    match ty {
        ColumnType::Integer | ColumnType::Boolean => ColType::Int,
        ColumnType::Decimal => ColType::Decimal,
        ColumnType::Date | ColumnType::DateTime => ColType::DateTime,
        ColumnType::Text | ColumnType::Unknown => ColType::Text,
    }
}

#[cfg(test)]
mod tests {
    use super::{catalog, schema};
    use crate::schema::{ColumnType, Schema};

    #[test]
    fn every_table_has_org_and_unique_columns() {
        for t in &catalog().tables {
            assert!(t.column("orgid").is_some(), "{} lacks OrgID", t.name);
            for (i, c) in t.columns.iter().enumerate() {
                assert_eq!(t.position(c.name), Some(i), "{}.{} twice", t.name, c.name);
            }
        }
        assert_eq!(
            catalog().table("CMCLIENT").map(|t| t.name),
            Some("cmClient")
        );
    }

    #[test]
    fn the_catalog_is_the_builtin_schema_with_every_type_known() {
        let builtin = Schema::builtin();
        let names = |s: &Schema| -> Vec<String> {
            s.tables().iter().map(|t| t.name().to_owned()).collect()
        };
        assert_eq!(names(schema()), names(builtin));
        for t in builtin.tables() {
            let mine = schema().table(t.name()).expect("table");
            assert!(mine.is_complete(), "{}", t.name());
            let theirs: Vec<&str> = t.columns().iter().map(|c| c.name.as_str()).collect();
            let ours: Vec<&str> = mine.columns().iter().map(|c| c.name.as_str()).collect();
            assert_eq!(ours, theirs, "{}", t.name());
            for (c, b) in mine.columns().iter().zip(t.columns()) {
                assert_ne!(c.ty, ColumnType::Unknown, "{}.{} untyped", t.name(), c.name);
                // Where the built-in schema knows the type, the sandbox stores that one.
                if b.ty != ColumnType::Unknown {
                    assert_eq!(c.ty, b.ty, "{}.{}", t.name(), c.name);
                }
            }
        }
        assert_eq!(
            catalog()
                .table("cmCaseAssign")
                .and_then(|t| t.column("dsiSerNo"))
                .map(|c| c.ty),
            Some(super::ColType::Text)
        );
    }
}
