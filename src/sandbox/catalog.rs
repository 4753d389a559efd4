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

/// One column.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    pub name: &'static str,
    pub ty: ColType,
}

/// One table; the first column is its primary key.
#[derive(Debug)]
pub struct Table {
    pub name: &'static str,
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

/// The catalog, built once.
pub fn catalog() -> &'static Catalog {
    use ColType::{DateTime as D, Decimal as M, Int as I, Text as T};
    static CATALOG: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    CATALOG.get_or_init(|| Catalog {
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
    })
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
}
