//! The sandbox's tables: the columns of `crql-reference.md` with their inferred
//! types. Names are spelt as the schema spells them; lookups ignore case, as SQL
//! Server does. The columns marked *inferred* (`OrgID`, `CreatedBy`, `CreatedDate` on
//! tables where no real query showed them) follow the reference's advice.

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

fn cols(spec: &[(&'static str, ColType)]) -> Vec<Column> {
    spec.iter().map(|&(name, ty)| Column { name, ty }).collect()
}

/// The catalog, built once: the built-in schema's tables and columns (names, spelling,
/// order), typed by [`own_types`] where the schema leaves a type unknown or looser.
pub fn catalog() -> &'static Catalog {
    static CATALOG: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    CATALOG.get_or_init(|| {
        let own = own_types();
        Catalog {
            tables: Schema::builtin()
                .tables()
                .iter()
                .map(|t| Table {
                    name: t.name(),
                    columns: t
                        .columns()
                        .iter()
                        .map(|c| Column {
                            name: c.name.as_str(),
                            ty: own
                                .table(t.name())
                                .and_then(|o| o.column(&c.name))
                                .map_or_else(|| from_schema(c.ty, &c.name), |o| o.ty),
                        })
                        .collect(),
                })
                .collect(),
        }
    })
}

/// A schema type as stored here; an unknown type is inferred from the name.
fn from_schema(ty: ColumnType, name: &str) -> ColType {
    match ty {
        ColumnType::Integer | ColumnType::Boolean => ColType::Int,
        ColumnType::Decimal => ColType::Decimal,
        ColumnType::Text => ColType::Text,
        ColumnType::Date | ColumnType::DateTime => ColType::DateTime,
        ColumnType::Unknown if name.ends_with("Date") => ColType::DateTime,
        ColumnType::Unknown
            if name.to_ascii_lowercase().ends_with("id") || name.ends_with("By") =>
        {
            ColType::Int
        }
        ColumnType::Unknown => ColType::Text,
    }
}

/// The sandbox's own reading of each column's type (the schema marks many as
/// unknown: codes like `HUDRace` are integers here, `dsiSerNo` text).
fn own_types() -> Catalog {
    use ColType::{DateTime as D, Decimal as M, Int as I, Text as T};
    Catalog {
        tables: vec![
            Table {
                name: "cmClient",
                columns: cols(&[
                    ("ClientID", I),
                    ("FirstName", T),
                    ("LastName", T),
                    ("ActiveStatus", I),
                    ("Address", T),
                    ("Address2", T),
                    ("City", T),
                    ("State", T),
                    ("ZipCode", T),
                    ("ZipCodeID", I),
                    ("HomePhone", T),
                    ("WorkPhone", T),
                    ("MsgPhone", T),
                    ("Email", T),
                    ("UpdatedDate", D),
                    ("HUDRace", I),
                    ("HUDEthnicity", I),
                    ("VeteranStatus", I),
                    ("DisablingCondition", I),
                    ("PriorLivingSituation", I),
                    ("SSNQuality", I),
                    ("NameQuality", I),
                    ("BirthDateQuality", I),
                    // inferred: ClientTrack's standard record columns
                    ("OrgID", I),
                    ("RestrictOrg", I),
                    ("CreatedBy", I),
                    ("CreatedDate", D),
                    ("UpdatedBy", I),
                ]),
            },
            Table {
                name: "Enrollment",
                columns: cols(&[
                    ("EnrollID", I),
                    ("ClientID", I),
                    ("CaseID", I),
                    ("ApplicationID", I),
                    ("EnrollDate", D),
                    ("EnrollAssessmentID", I),
                    ("ExitAssessmentID", I),
                    ("ExitDate", D),
                    ("ExitReason", I),
                    ("ExitReasonOther", T),
                    ("ExitDestination", I),
                    ("ExitDestinationOther", T),
                    ("ExitTenure", I),
                    ("ExitSubsidyType", I),
                    ("ExitNotes", T),
                    ("Relationship", I),
                    ("BudgetAmount", M),
                    ("BudgetDate", D),
                    ("Comments", T),
                    ("ClntCaseID", I),
                    ("HoldOpen", I),
                    ("RestrictOrg", I),
                    ("OrgID", I),
                    ("CreatedBy", I),
                    ("CreatedDate", D),
                    ("UpdatedBy", I),
                    ("UpdatedDate", D),
                    ("ActiveStatus", I),
                    ("EngagementDate", D),
                    ("PlannedExitDate", D),
                    ("PrimaryHousingID", I),
                    ("RegionID", I),
                    ("ParentEnrollID", I),
                    ("AutoExit1DateAdded", D),
                ]),
            },
            Table {
                name: "cmCaseAssign",
                columns: cols(&[
                    ("ClntCaseID", I),
                    ("ClientID", I),
                    ("UserID", I),
                    ("ProgID", I),
                    ("CaseMgrID", I),
                    ("usrPgmMgrId", I),
                    ("ClientName", T),
                    ("CaseMgrName", T),
                    ("EnrollID", I),
                    ("Status", I),
                    ("BeginDate", D),
                    ("EndDate", D),
                    ("language", T),
                    ("dsiSerNo", T),
                    ("RegionID", I),
                    ("caseMgrLang", T),
                    ("ProviderID", I),
                    ("RestrictOrg", I),
                    ("OrgID", I),
                    ("CreatedBy", I),
                    ("CreatedDate", D),
                    ("UpdatedBy", I),
                    ("UpdatedDate", D),
                    ("ActiveStatus", I),
                    ("RoleID", I),
                ]),
            },
            Table {
                name: "osUsers",
                columns: cols(&[
                    ("UserID", I),
                    ("UserName", T),
                    ("Email", T),
                    ("OfficePhone", T),
                    ("CellPhone", T),
                    // inferred
                    ("OrgID", I),
                    ("RestrictOrg", I),
                    ("CreatedBy", I),
                    ("CreatedDate", D),
                    ("UpdatedBy", I),
                    ("UpdatedDate", D),
                    ("ActiveStatus", I),
                ]),
            },
            Table {
                name: "VulnerabilityIndex",
                columns: cols(&[
                    ("VulnerabilityID", I),
                    ("ClientID", I),
                    ("CreatedBy", I),
                    ("UpdatedDate", D),
                    // inferred
                    ("OrgID", I),
                    ("RestrictOrg", I),
                    ("CreatedDate", D),
                    ("UpdatedBy", I),
                    ("ActiveStatus", I),
                ]),
            },
            Table {
                name: "VISPDAT",
                columns: cols(&[
                    ("VulnerabilityID", I),
                    ("ScoreTotal", I),
                    // inferred
                    ("OrgID", I),
                    ("RestrictOrg", I),
                    ("CreatedBy", I),
                    ("CreatedDate", D),
                    ("UpdatedBy", I),
                    ("UpdatedDate", D),
                    ("ActiveStatus", I),
                ]),
            },
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::catalog;

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
    fn the_catalog_is_the_builtin_schema_and_every_own_type_is_used() {
        use crate::schema::Schema;
        let own = super::own_types();
        for t in Schema::builtin().tables() {
            let mine = catalog().table(t.name()).expect("table");
            let names: Vec<&str> = mine.columns.iter().map(|c| c.name).collect();
            let theirs: Vec<&str> = t.columns().iter().map(|c| c.name.as_str()).collect();
            assert_eq!(names, theirs);
        }
        // A type for a column the schema no longer has would be silently unused.
        for t in &own.tables {
            for c in &t.columns {
                assert!(
                    catalog()
                        .table(t.name)
                        .and_then(|m| m.column(c.name))
                        .is_some(),
                    "{}.{} is not in the built-in schema",
                    t.name,
                    c.name
                );
            }
        }
    }
}
