//! What the linter knows about tables: [`Schema`], [`Table`], [`Column`], [`ColumnType`].
//!
//! Names match case-insensitively (ClientTrack runs on SQL Server, whose default
//! collation does), but lookups hand back the schema's own spelling so that a
//! diagnostic can show it. Comparison folds ASCII case only: every known ClientTrack
//! name is ASCII, and folding Unicode would cost an allocation per lookup.
//!
//! Sources: [`Schema::builtin`] (the tables seen in real use, compiled in from
//! `clienttrack.json`), a schema JSON file ([`Schema::from_json`]) and saved
//! `cto/{table}/description` answers ([`Table::from_description`], one table each). Several sources
//! merge with [`Schema::merge`].
//!
//! A schema knows how much it knows: each table has a [`Provenance`]. The built-in
//! list is *partial* (only the columns seen in public code), so the linter reports
//! a column it lacks as a warning (W0102); a live description is *complete*, so a
//! column it lacks is an error (E0102). Where two sources describe one table, the
//! complete one wins. Likewise the set of tables: unless a source declares that it
//! lists every table ([`Schema::lists_every_table`]), an unknown table is a warning
//! (W0101), not an error (E0101).

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

pub mod cache;
mod load;
mod suggest;

pub use load::SchemaError;
pub use suggest::did_you_mean;

/// The type of a column, as far as the linter needs it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ColumnType {
    /// A whole number (`int`, `bigint`...): ids, codes, flags.
    Integer,
    /// A number with a fraction (`decimal`, `money`...).
    Decimal,
    /// Text (`nvarchar`...).
    Text,
    /// A date without a time of day.
    Date,
    /// A date with a time of day, no time zone.
    #[serde(alias = "date_time")]
    DateTime,
    /// A `bit`: 0 or 1.
    Boolean,
    /// Not known: the type rules leave such columns alone.
    #[default]
    Unknown,
}

impl ColumnType {
    /// The lower-case name used in schema files and messages.
    pub const fn as_str(self) -> &'static str {
        match self {
            ColumnType::Integer => "integer",
            ColumnType::Decimal => "decimal",
            ColumnType::Text => "text",
            ColumnType::Date => "date",
            ColumnType::DateTime => "datetime",
            ColumnType::Boolean => "boolean",
            ColumnType::Unknown => "unknown",
        }
    }

    /// True for integer and decimal.
    pub const fn is_numeric(self) -> bool {
        matches!(self, ColumnType::Integer | ColumnType::Decimal)
    }

    /// True for date and datetime.
    pub const fn is_temporal(self) -> bool {
        matches!(self, ColumnType::Date | ColumnType::DateTime)
    }

    /// Maps a SQL Server type name (`int`, `nvarchar(50)`, `datetime2`, ...) to a
    /// column type; `Unknown` when it is not recognised.
    pub fn from_sql_name(name: &str) -> ColumnType {
        let base = name.split('(').next().unwrap_or("").trim();
        let is = |s: &str| base.eq_ignore_ascii_case(s);
        if [
            "int", "integer", "bigint", "smallint", "tinyint", "long", "short",
        ]
        .iter()
        .any(|s| is(s))
        {
            ColumnType::Integer
        } else if [
            "decimal",
            "numeric",
            "money",
            "smallmoney",
            "float",
            "real",
            "double",
            "number",
        ]
        .iter()
        .any(|s| is(s))
        {
            ColumnType::Decimal
        } else if [
            "varchar",
            "nvarchar",
            "char",
            "nchar",
            "text",
            "ntext",
            "string",
            "uniqueidentifier",
        ]
        .iter()
        .any(|s| is(s))
        {
            ColumnType::Text
        } else if is("date") {
            ColumnType::Date
        } else if [
            "datetime",
            "datetime2",
            "smalldatetime",
            "datetimeoffset",
            "timestamp",
        ]
        .iter()
        .any(|s| is(s))
        {
            ColumnType::DateTime
        } else if ["bit", "bool", "boolean"].iter().any(|s| is(s)) {
            ColumnType::Boolean
        } else {
            ColumnType::Unknown
        }
    }

    /// The type a careful reader would guess from a ClientTrack column name:
    /// `...ID` integer, `...Date` datetime, names, phones and addresses text,
    /// `ActiveStatus`/`Status` integer codes; `Unknown` otherwise.
    pub fn infer_from_name(name: &str) -> ColumnType {
        let lower = name.to_ascii_lowercase();
        let ends = |s: &str| lower.ends_with(s);
        if ends("id") {
            ColumnType::Integer
        } else if ends("date") || ends("dateadded") {
            ColumnType::DateTime
        } else if lower == "activestatus" || lower == "status" {
            ColumnType::Integer
        } else if ends("name")
            || ends("phone")
            || ends("email")
            || lower.starts_with("address")
            || ends("city")
            || ends("state")
            || ends("zipcode")
            || ends("notes")
            || ends("comments")
            || ends("other")
        {
            ColumnType::Text
        } else if ends("amount") {
            ColumnType::Decimal
        } else {
            ColumnType::Unknown
        }
    }
}

impl std::fmt::Display for ColumnType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How much a source knows of a table's columns.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Provenance {
    /// Some of the columns: the built-in list, or a schema file that does not say it
    /// is complete. A column it lacks may still exist on the server.
    #[default]
    Partial,
    /// Every column: a live or saved `cto/{table}/description`, or a schema file
    /// that declares the table complete. A column it lacks does not exist.
    Complete,
}

impl Provenance {
    /// True for [`Provenance::Complete`].
    pub const fn is_complete(self) -> bool {
        matches!(self, Provenance::Complete)
    }
}

/// One column of a table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Column {
    /// The name as the schema spells it.
    pub name: String,
    /// Its type; [`ColumnType::Unknown`] when no source says.
    #[serde(rename = "type", default)]
    pub ty: ColumnType,
    /// True when the type (or, for the standard record columns added to tables they
    /// were not seen on, the column itself) is a guess rather than read from a live
    /// `cto/{table}/description`.
    #[serde(default)]
    pub inferred: bool,
    /// Any other keys of the source (a description's extra attributes), kept as is.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

impl Column {
    /// A column with a known (not inferred) type.
    pub fn new(name: impl Into<String>, ty: ColumnType) -> Self {
        Column {
            name: name.into(),
            ty,
            inferred: false,
            extra: BTreeMap::new(),
        }
    }

    /// The same column, marked as inferred.
    pub fn inferred(mut self) -> Self {
        self.inferred = true;
        self
    }
}

/// Compares two names as SQL Server's case-insensitive collation would (ASCII).
pub(crate) fn cmp_ci(a: &str, b: &str) -> Ordering {
    // A plain loop: the linter compares names through here on every query.
    let (a, b) = (a.as_bytes(), b.as_bytes());
    for (x, y) in a.iter().zip(b) {
        let (x, y) = (x.to_ascii_lowercase(), y.to_ascii_lowercase());
        if x != y {
            return x.cmp(&y);
        }
    }
    a.len().cmp(&b.len())
}

/// A hash equal for names that match case-insensitively, computed without
/// allocating, eight bytes at a time (the linter hashes every column it resolves).
///
/// Every byte is or-ed with 0x20, which maps an ASCII upper-case letter to its
/// lower case and leaves a lower-case one as it is; other bytes are hashed as
/// or-ed too, which can only add collisions, and a lookup compares names anyway.
fn hash_ci(name: &str) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mix =
        |h: u64, word: u64| (h.rotate_left(5) ^ (word | 0x2020_2020_2020_2020)).wrapping_mul(K);
    let mut chunks = name.as_bytes().chunks_exact(8);
    let mut h = name.len() as u64;
    for c in &mut chunks {
        h = mix(
            h,
            u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]),
        );
    }
    let mut tail = [0u8; 8];
    let rest = chunks.remainder();
    tail[..rest.len()].copy_from_slice(rest);
    mix(h, u64::from_le_bytes(tail))
}

/// A case-insensitive index over a list of names: (hash, position) sorted by hash,
/// so that a lookup is one hash, an integer binary search and one comparison.
fn name_index<'n>(names: impl Iterator<Item = &'n str>) -> Vec<(u64, u32)> {
    let mut index: Vec<(u64, u32)> = names
        .enumerate()
        .map(|(i, n)| (hash_ci(n), i as u32))
        .collect();
    index.sort_unstable();
    index
}

/// The position of `name` in the list `index` was built from.
fn find_ci<'n>(
    index: &[(u64, u32)],
    name: &str,
    name_at: impl Fn(usize) -> &'n str,
) -> Option<usize> {
    let h = hash_ci(name);
    let first = index.partition_point(|&(k, _)| k < h);
    index[first..]
        .iter()
        .take_while(|&&(k, _)| k == h)
        .map(|&(_, i)| i as usize)
        .find(|&i| name_at(i).eq_ignore_ascii_case(name))
}

/// A table: a name and its columns in declaration order.
///
/// In schema JSON a table is `{"name": ..., "complete": true, "columns": [...]}`;
/// `complete` (default false) gives its [`Provenance`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(from = "RawTable", into = "RawTable")]
pub struct Table {
    name: String,
    provenance: Provenance,
    columns: Vec<Column>,
    index: Vec<(u64, u32)>,
}

#[derive(Serialize, Deserialize)]
struct RawTable {
    name: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    complete: bool,
    #[serde(default)]
    columns: Vec<Column>,
}

impl From<RawTable> for Table {
    fn from(raw: RawTable) -> Self {
        let t = Table::with_columns(raw.name, raw.columns);
        if raw.complete { t.complete() } else { t }
    }
}

impl From<Table> for RawTable {
    fn from(t: Table) -> Self {
        RawTable {
            name: t.name,
            complete: t.provenance.is_complete(),
            columns: t.columns,
        }
    }
}

impl Table {
    /// A table from column names and types (types taken as known, not inferred).
    ///
    /// ```
    /// use crql::schema::{ColumnType, Table};
    /// let t = Table::new("cmClient", [("ClientID", ColumnType::Integer), ("FirstName", ColumnType::Text)]);
    /// assert_eq!(t.column("clientid").unwrap().name, "ClientID");
    /// ```
    pub fn new<N: Into<String>>(
        name: impl Into<String>,
        columns: impl IntoIterator<Item = (N, ColumnType)>,
    ) -> Self {
        Table::with_columns(
            name,
            columns
                .into_iter()
                .map(|(n, ty)| Column::new(n, ty))
                .collect(),
        )
    }

    /// A table from full [`Column`]s. When a name occurs twice, the later one wins.
    pub fn with_columns(name: impl Into<String>, columns: Vec<Column>) -> Self {
        let mut table = Table {
            name: name.into(),
            provenance: Provenance::Partial,
            columns: Vec::with_capacity(columns.len()),
            index: Vec::new(),
        };
        for c in columns {
            match table
                .columns
                .iter_mut()
                .find(|e| cmp_ci(&e.name, &c.name).is_eq())
            {
                Some(existing) => *existing = c,
                None => table.columns.push(c),
            }
        }
        table.reindex();
        table
    }

    fn reindex(&mut self) {
        self.index = name_index(self.columns.iter().map(|c| c.name.as_str()));
    }

    /// The same table, marked [`Provenance::Complete`]: its columns are all the
    /// table has.
    pub fn complete(mut self) -> Self {
        self.provenance = Provenance::Complete;
        self
    }

    /// How much the source knew of the table's columns.
    pub fn provenance(&self) -> Provenance {
        self.provenance
    }

    /// True when the columns are all the table has (a column it lacks does not exist).
    pub fn is_complete(&self) -> bool {
        self.provenance.is_complete()
    }

    /// The table's name as the schema spells it.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The columns in declaration order.
    pub fn columns(&self) -> &[Column] {
        &self.columns
    }

    /// The column named `name`, matched case-insensitively.
    pub fn column(&self, name: &str) -> Option<&Column> {
        find_ci(&self.index, name, |i| &self.columns[i].name).map(|i| &self.columns[i])
    }

    /// Gives this table's columns of unknown type the type `other` has for them,
    /// and its inferred types the ones `other` knows (a description that gives no
    /// types keeps what a schema file said).
    fn take_types(&mut self, other: &Table) {
        for c in &mut self.columns {
            if let Some(o) = other.column(&c.name)
                && o.ty != ColumnType::Unknown
                && (c.ty == ColumnType::Unknown || (c.inferred && !o.inferred))
            {
                c.ty = o.ty;
                c.inferred = o.inferred;
            }
        }
    }

    /// Adds `column`, or replaces the one of the same name unless that one is known
    /// and the new one only inferred.
    fn upsert(&mut self, column: Column) {
        match self
            .columns
            .iter_mut()
            .find(|e| cmp_ci(&e.name, &column.name).is_eq())
        {
            Some(existing) => {
                if !column.inferred || existing.inferred {
                    *existing = column;
                }
            }
            None => self.columns.push(column),
        }
    }
}

/// A set of tables.
///
/// In schema JSON: `{"complete": true, "tables": [...]}`. A top-level `complete`
/// (default false) says the file lists every table of the server, each with every
/// column: its tables are complete, and a table it lacks does not exist.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "RawSchema", into = "RawSchema")]
pub struct Schema {
    every_table: bool,
    tables: Vec<Table>,
    index: Vec<(u64, u32)>,
}

#[derive(Serialize, Deserialize)]
struct RawSchema {
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    complete: bool,
    #[serde(default)]
    tables: Vec<Table>,
}

impl From<RawSchema> for Schema {
    fn from(raw: RawSchema) -> Self {
        let mut schema = Schema {
            every_table: raw.complete,
            ..Schema::default()
        };
        for t in raw.tables {
            schema.add_table(if raw.complete { t.complete() } else { t });
        }
        schema
    }
}

impl From<Schema> for RawSchema {
    fn from(s: Schema) -> Self {
        RawSchema {
            complete: s.every_table,
            tables: s.tables,
        }
    }
}

static BUILTIN: LazyLock<Schema> = LazyLock::new(|| {
    // The file is part of the crate and checked by a test; failing here would be a
    // build defect, not bad input.
    Schema::from_json(include_str!("clienttrack.json"))
        .expect("the built-in clienttrack.json is valid")
});

impl Schema {
    /// An empty schema.
    pub fn new() -> Self {
        Schema::default()
    }

    /// The built-in ClientTrack schema: every table and column seen in real use,
    /// with inferred types (see `src/schema/clienttrack.json`).
    pub fn builtin() -> &'static Schema {
        &BUILTIN
    }

    /// True when a source declared that it lists every table of the server, so a
    /// table this schema lacks does not exist (E0101 rather than W0101).
    pub fn lists_every_table(&self) -> bool {
        self.every_table
    }

    /// Declares (or stops declaring) that this schema lists every table.
    pub fn set_lists_every_table(&mut self, every: bool) {
        self.every_table = every;
    }

    /// The same schema, declared to list every table of the server and every column
    /// of each: what a schema file with a top-level `"complete": true` says.
    pub fn all_complete(mut self) -> Self {
        self.every_table = true;
        for t in &mut self.tables {
            t.provenance = Provenance::Complete;
        }
        self
    }

    /// The tables in the order they were added.
    pub fn tables(&self) -> &[Table] {
        &self.tables
    }

    /// The table named `name`, matched case-insensitively.
    pub fn table(&self, name: &str) -> Option<&Table> {
        find_ci(&self.index, name, |i| &self.tables[i].name).map(|i| &self.tables[i])
    }

    /// Adds a table. Where this schema already has a table of the same name, the
    /// complete one wins: a complete table replaces a partial one (as
    /// [`Schema::replace_table`]), a partial one adds nothing to a complete one
    /// but types it lacks, and two of the same provenance merge column by column
    /// (see [`Schema::merge`]) — or, both complete, the newer replaces the older.
    pub fn add_table(&mut self, table: Table) {
        let existing = self.table(&table.name).map(Table::provenance);
        match (existing, table.provenance) {
            (Some(Provenance::Partial), Provenance::Complete)
            | (Some(Provenance::Complete), Provenance::Complete) => {
                return self.replace_table(table);
            }
            (Some(Provenance::Complete), Provenance::Partial) => {
                if let Some(existing) = self
                    .tables
                    .iter_mut()
                    .find(|t| cmp_ci(&t.name, &table.name).is_eq())
                {
                    existing.take_types(&table);
                }
                return;
            }
            _ => {}
        }
        match self
            .tables
            .iter_mut()
            .find(|t| cmp_ci(&t.name, &table.name).is_eq())
        {
            Some(existing) => {
                for c in table.columns {
                    existing.upsert(c);
                }
                existing.reindex();
            }
            None => {
                self.tables.push(table);
                self.index = name_index(self.tables.iter().map(|t| t.name.as_str()));
            }
        }
    }

    /// Merges `other` into `self`: new tables are added; for a table both have, the
    /// complete one wins (see [`Schema::add_table`]); both partial, new columns are
    /// added and a column in both takes `other`'s type, unless `other` only
    /// inferred it and `self` knows it.
    pub fn merge(&mut self, other: Schema) {
        self.every_table |= other.every_table;
        for t in other.tables {
            self.add_table(t);
        }
    }

    /// Replaces the column list of `table` (matched by name) with `table`'s: what a
    /// live `cto/{table}/description` answer does, since it is the table's real
    /// column list. Columns whose type the description does not give keep the type
    /// this schema had for them. The provenance is `table`'s.
    pub fn replace_table(&mut self, mut table: Table) {
        if let Some(existing) = self.table(&table.name) {
            table.take_types(existing);
        }
        match self
            .tables
            .iter_mut()
            .find(|t| cmp_ci(&t.name, &table.name).is_eq())
        {
            Some(existing) => {
                table.name = std::mem::take(&mut existing.name);
                table.reindex();
                *existing = table;
            }
            None => self.add_table(table),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_has_every_table_and_column_of_the_reference() {
        let s = Schema::builtin();
        let expect: &[(&str, &str)] = &[
            (
                "cmClient",
                "ClientID, FirstName, LastName, ActiveStatus, Address, Address2, City, State, \
                 ZipCode, ZipCodeID, HomePhone, WorkPhone, MsgPhone, Email, UpdatedDate, HUDRace, \
                 HUDEthnicity, VeteranStatus, DisablingCondition, PriorLivingSituation, SSNQuality, \
                 NameQuality, BirthDateQuality",
            ),
            (
                "Enrollment",
                "EnrollID, ClientID, CaseID, ApplicationID, EnrollDate, EnrollAssessmentID, \
                 ExitAssessmentID, ExitDate, ExitReason, ExitReasonOther, ExitDestination, \
                 ExitDestinationOther, ExitTenure, ExitSubsidyType, ExitNotes, Relationship, \
                 BudgetAmount, BudgetDate, Comments, ClntCaseID, HoldOpen, RestrictOrg, OrgID, \
                 CreatedBy, CreatedDate, UpdatedBy, UpdatedDate, ActiveStatus, EngagementDate, \
                 PlannedExitDate, PrimaryHousingID, RegionID, ParentEnrollID, AutoExit1DateAdded",
            ),
            (
                "cmCaseAssign",
                "ClntCaseID, ClientID, UserID, ProgID, CaseMgrID, usrPgmMgrId, ClientName, \
                 CaseMgrName, EnrollID, Status, BeginDate, EndDate, language, dsiSerNo, RegionID, \
                 caseMgrLang, ProviderID, RestrictOrg, OrgID, CreatedBy, CreatedDate, UpdatedBy, \
                 UpdatedDate, ActiveStatus, RoleID",
            ),
            ("osUsers", "UserID, UserName, Email, OfficePhone, CellPhone"),
            (
                "VulnerabilityIndex",
                "VulnerabilityID, ClientID, CreatedBy, UpdatedDate",
            ),
            ("VISPDAT", "VulnerabilityID, ScoreTotal"),
        ];
        let standard = [
            "OrgID",
            "RestrictOrg",
            "CreatedBy",
            "CreatedDate",
            "UpdatedBy",
            "UpdatedDate",
            "ActiveStatus",
        ];
        assert_eq!(s.tables().len(), expect.len());
        for (table, cols) in expect {
            let t = s.table(table).unwrap_or_else(|| panic!("{table} missing"));
            assert_eq!(t.name(), *table);
            for col in cols.split(", ").chain(standard) {
                let c = t
                    .column(col)
                    .unwrap_or_else(|| panic!("{table}.{col} missing"));
                assert_eq!(c.name, col, "spelling kept");
                assert!(c.inferred, "{table}.{col}: builtin types are inferred");
            }
        }
    }

    #[test]
    fn builtin_types_follow_the_naming_conventions() {
        let t = Schema::builtin().table("enrollment").unwrap();
        assert_eq!(t.column("enrollid").unwrap().ty, ColumnType::Integer);
        assert_eq!(t.column("UPDATEDDATE").unwrap().ty, ColumnType::DateTime);
        assert_eq!(t.column("ActiveStatus").unwrap().ty, ColumnType::Integer);
        assert_eq!(t.column("Comments").unwrap().ty, ColumnType::Text);
        let c = Schema::builtin().table("cmclient").unwrap();
        assert_eq!(c.column("FirstName").unwrap().ty, ColumnType::Text);
        assert_eq!(c.column("HomePhone").unwrap().ty, ColumnType::Text);
        // Added standard columns say so.
        assert_eq!(
            c.column("CreatedDate").unwrap().extra.get("standard"),
            Some(&serde_json::Value::Bool(true))
        );
    }

    #[test]
    fn lookup_is_case_insensitive_and_returns_the_schema_spelling() {
        let s = Schema::builtin();
        assert_eq!(s.table("CMCLIENT").unwrap().name(), "cmClient");
        assert_eq!(s.table("vispdat").unwrap().name(), "VISPDAT");
        assert!(s.table("cmClients").is_none());
        let t = s.table("cmCaseAssign").unwrap();
        assert_eq!(t.column("USRPGMMGRID").unwrap().name, "usrPgmMgrId");
        assert!(t.column("usrPgmMgr").is_none());
    }

    #[test]
    fn merge_adds_tables_and_columns_and_prefers_known_types() {
        let mut s = Schema::builtin().clone();
        let mut other = Schema::new();
        other.add_table(Table::new(
            "CMCLIENT",
            [
                ("Nickname", ColumnType::Text),
                ("HUDRace", ColumnType::Integer),
            ],
        ));
        other.add_table(Table::new("Services", [("ServiceID", ColumnType::Integer)]));
        s.merge(other);
        let c = s.table("cmClient").unwrap();
        assert_eq!(c.name(), "cmClient");
        assert_eq!(c.column("nickname").unwrap().ty, ColumnType::Text);
        assert_eq!(c.column("HUDRace").unwrap().ty, ColumnType::Integer);
        assert!(!c.column("HUDRace").unwrap().inferred);
        assert!(s.table("services").is_some());

        // An inferred column does not override a known one.
        let mut inferred = Schema::new();
        inferred.add_table(Table::with_columns(
            "cmClient",
            vec![Column::new("HUDRace", ColumnType::Text).inferred()],
        ));
        s.merge(inferred);
        assert_eq!(
            s.table("cmClient").unwrap().column("HUDRace").unwrap().ty,
            ColumnType::Integer
        );
    }

    #[test]
    fn replace_table_keeps_only_the_live_columns() {
        let mut s = Schema::builtin().clone();
        s.replace_table(Table::new(
            "VISPDAT",
            [
                ("VulnerabilityID", ColumnType::Unknown),
                ("Score", ColumnType::Integer),
            ],
        ));
        let t = s.table("vispdat").unwrap();
        assert_eq!(t.name(), "VISPDAT");
        assert_eq!(t.columns().len(), 2);
        assert!(t.column("ScoreTotal").is_none());
        // Type carried over from what the schema knew.
        assert_eq!(t.column("VulnerabilityID").unwrap().ty, ColumnType::Integer);
    }

    #[test]
    fn the_complete_table_wins_whichever_source_comes_first() {
        let live = Table::new(
            "cmClient",
            [
                ("ClientID", ColumnType::Unknown),
                ("BirthDate", ColumnType::DateTime),
            ],
        )
        .complete();
        // Complete over partial: the live column list, types kept where it has none.
        let mut s = Schema::builtin().clone();
        assert!(!s.table("cmClient").unwrap().is_complete());
        s.add_table(live.clone());
        let t = s.table("cmclient").unwrap();
        assert!(t.is_complete());
        assert_eq!(t.name(), "cmClient");
        assert_eq!(t.columns().len(), 2);
        assert!(t.column("FirstName").is_none());
        assert_eq!(t.column("ClientID").unwrap().ty, ColumnType::Integer);
        // Partial over complete: adds no column, only types the complete one lacks.
        let mut s = Schema::new();
        s.add_table(live);
        s.merge(Schema::builtin().clone());
        let t = s.table("cmClient").unwrap();
        assert!(t.is_complete());
        assert_eq!(t.columns().len(), 2);
        assert_eq!(t.column("ClientID").unwrap().ty, ColumnType::Integer);
        assert!(!s.lists_every_table());
        // Provenance survives a round trip through schema JSON.
        let json = serde_json::to_string(&s).unwrap();
        let back = Schema::from_json(&json).unwrap();
        assert!(back.table("cmClient").unwrap().is_complete());
        assert!(!back.table("VISPDAT").unwrap().is_complete());
        let every = Schema::from_json(r#"{"complete": true, "tables": [{"name": "T"}]}"#).unwrap();
        assert!(every.lists_every_table() && every.table("t").unwrap().is_complete());
    }

    #[test]
    fn sql_type_names_map_to_column_types() {
        assert_eq!(ColumnType::from_sql_name("int"), ColumnType::Integer);
        assert_eq!(ColumnType::from_sql_name("NVARCHAR(50)"), ColumnType::Text);
        assert_eq!(ColumnType::from_sql_name("datetime2"), ColumnType::DateTime);
        assert_eq!(ColumnType::from_sql_name("bit"), ColumnType::Boolean);
        assert_eq!(ColumnType::from_sql_name("geography"), ColumnType::Unknown);
    }
}
