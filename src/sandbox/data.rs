//! The seeded synthetic dataset: clients, their enrollments and case assignments,
//! the staff who manage them, and vulnerability assessments, spread over several
//! organisations. Everything is generated from the seed; no value comes from a real
//! person (names from short common lists, phones in the fictional 555-01xx range,
//! e-mail under `example.org`).

use super::catalog::{Table, catalog};
use super::date::format_sql;
use super::rng::Rng;

/// A stored value. Datetimes are [`Value::Text`] in the `YYYY-MM-DD HH:MM:SS` form.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// SQL `NULL`.
    Null,
    /// An integer (ids, codes, flags).
    Int(i64),
    /// A decimal, stored as SQLite REAL.
    Real(f64),
    /// Text, or a datetime as `YYYY-MM-DD HH:MM:SS`.
    Text(String),
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Int(v)
    }
}
impl From<f64> for Value {
    fn from(v: f64) -> Self {
        Value::Real(v)
    }
}
impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(v)
    }
}
impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(v.to_owned())
    }
}
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Self {
        v.map_or(Value::Null, Into::into)
    }
}

/// How big and which dataset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DatasetSpec {
    /// The PRNG seed: the same seed gives the same rows.
    pub seed: u64,
    /// Clients besides the `ClientID = 0` template row.
    pub clients: usize,
    /// Organisations (`OrgID` 1..=orgs).
    pub orgs: usize,
}

impl Default for DatasetSpec {
    fn default() -> Self {
        DatasetSpec {
            seed: 42,
            clients: 10_000,
            orgs: 5,
        }
    }
}

/// The rows of one table, each in the table's column order.
#[derive(Clone, Debug)]
pub struct TableRows {
    /// The table these rows belong to.
    pub table: &'static Table,
    /// The rows, each value at its column's position in [`Table::columns`].
    pub rows: Vec<Vec<Value>>,
}

impl TableRows {
    /// The value of `column` in `row` (`Null` when the column does not exist).
    pub fn get<'r>(&self, row: &'r [Value], column: &str) -> &'r Value {
        const NULL: &Value = &Value::Null;
        self.table.position(column).map_or(NULL, |i| &row[i])
    }
}

/// Every table's rows, in catalog order.
#[derive(Clone, Debug)]
pub struct Dataset {
    /// What it was generated from.
    pub spec: DatasetSpec,
    /// The rows of every table.
    pub tables: Vec<TableRows>,
}

impl Dataset {
    /// The rows of a table (ignoring case).
    pub fn table(&self, name: &str) -> Option<&TableRows> {
        self.tables
            .iter()
            .find(|t| t.table.name.eq_ignore_ascii_case(name))
    }

    /// Generates the dataset of `spec`.
    pub fn generate(spec: DatasetSpec) -> Dataset {
        Generator::new(spec).run()
    }
}

/// The dataset's "today": fixed, so that a seed means the same rows next year.
const TODAY_DAY: i64 = 20_269; // 2025-06-30
const FIRST_DAY: i64 = 16_436; // 2015-01-01

const FIRST_NAMES: &[&str] = &[
    "James",
    "Mary",
    "Robert",
    "Patricia",
    "John",
    "Jennifer",
    "Michael",
    "Linda",
    "David",
    "Elizabeth",
    "William",
    "Barbara",
    "Richard",
    "Susan",
    "Joseph",
    "Jessica",
    "Thomas",
    "Sarah",
    "Carlos",
    "Karen",
    "Daniel",
    "Lisa",
    "Matthew",
    "Nancy",
    "Anthony",
    "Betty",
    "Mark",
    "Maria",
    "Luis",
    "Sandra",
    "Steven",
    "Ashley",
    "Andrew",
    "Emily",
    "Kevin",
    "Michelle",
    "Brian",
    "Amanda",
    "Jose",
    "Melissa",
    "Tyler",
    "Deborah",
    "Juan",
    "Rebecca",
    "Ryan",
    "Laura",
    "Jacob",
    "Ana",
    "Nicholas",
    "Kimberly",
    "Eric",
    "Angela",
    "Jonathan",
    "Rosa",
    "Samuel",
    "Grace",
    "Aiden",
    "Olivia",
    "Ethan",
    "Sofia",
];
const LAST_NAMES: &[&str] = &[
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Gonzalez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Perez",
    "Thompson",
    "White",
    "Harris",
    "Sanchez",
    "Clark",
    "Ramirez",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Torres",
    "Nguyen",
    "Hill",
    "Flores",
    "Green",
    "Adams",
    "Nelson",
    "Baker",
    "Hall",
    "Rivera",
    "Campbell",
    "Mitchell",
    "Carter",
    "Roberts",
    "O'Brien",
    "Begay",
    "Yazzie",
    "Tsosie",
    "Jensen",
    "Christensen",
    "Larsen",
    "Tanner",
    "Fonoti",
    "Vaifale",
];
const STREETS: &[&str] = &[
    "Main St",
    "State St",
    "Center St",
    "Maple Ave",
    "Oak Dr",
    "Pine St",
    "Cedar Ln",
    "Elm St",
    "Washington Blvd",
    "Highland Dr",
    "Redwood Rd",
    "Canyon Rd",
    "River Rd",
    "Temple Ave",
    "Park Ave",
    "Lincoln St",
];
/// (city, state, first zip code)
const CITIES: &[(&str, &str, i64)] = &[
    ("Salt Lake City", "UT", 84101),
    ("Ogden", "UT", 84401),
    ("Provo", "UT", 84601),
    ("West Valley City", "UT", 84119),
    ("Sandy", "UT", 84070),
    ("Orem", "UT", 84057),
    ("St. George", "UT", 84770),
    ("Logan", "UT", 84321),
    ("Boise", "ID", 83702),
    ("Reno", "NV", 89501),
];
/// HUD 3.917 prior living situation codes, weighted.
const LIVING: &[(i64, u32)] = &[
    (116, 30), // place not meant for habitation
    (101, 25), // emergency shelter
    (118, 6),  // safe haven
    (204, 4),
    (205, 3),
    (206, 3),
    (215, 3),
    (225, 2),
    (302, 6),
    (410, 5),
    (435, 6),
    (421, 2),
    (8, 2),
    (9, 2),
    (99, 1),
];
/// HUD 3.12 exit destination codes, weighted.
const DESTINATIONS: &[(i64, u32)] = &[
    (410, 15),
    (435, 12),
    (421, 6),
    (422, 6),
    (411, 5),
    (116, 10),
    (101, 12),
    (302, 8),
    (204, 3),
    (207, 2),
    (17, 4),
    (24, 1),
    (30, 8),
    (8, 3),
    (9, 3),
    (99, 2),
];
/// HUD "data not collected"-style answers mixed into yes/no fields.
const YES_NO: &[(i64, u32)] = &[(0, 60), (1, 30), (8, 4), (9, 3), (99, 3)];
const QUALITY: &[(i64, u32)] = &[(1, 80), (2, 12), (8, 3), (9, 3), (99, 2)];
const RACE: &[(i64, u32)] = &[
    (5, 45),
    (3, 18),
    (1, 10),
    (2, 3),
    (4, 4),
    (6, 3),
    (7, 8),
    (8, 3),
    (9, 3),
    (99, 3),
];
const ETHNICITY: &[(i64, u32)] = &[(0, 70), (1, 24), (8, 2), (9, 2), (99, 2)];
const LANGUAGES: &[(&str, u32)] = &[
    ("English", 80),
    ("Spanish", 16),
    ("Navajo", 2),
    ("Tongan", 2),
];
const EXIT_OTHER: &[&str] = &[
    "Moved in with family out of state",
    "Left without notice",
    "Transferred to another program",
    "Hospitalised",
];
const COMMENTS: &[&str] = &[
    "Referred by outreach team",
    "Walk-in",
    "Referred by coordinated entry",
    "Returning client",
    "Referred by hospital social worker",
];

struct Generator {
    spec: DatasetSpec,
    rng: Rng,
    /// Staff of each organisation: (UserID, display name), organisation k at k - 1.
    users: Vec<Vec<(i64, String)>>,
}

fn when(day: i64, rng: &mut Rng) -> String {
    // Office hours: records are keyed in between 08:00 and 18:00.
    format_sql(day * 86_400 + rng.range(8 * 3600, 18 * 3600 - 1))
}

fn phone(rng: &mut Rng) -> String {
    let area = rng.pick(&["801", "385", "435", "208", "775"]);
    format!("({area}) 555-01{:02}", rng.range(0, 99))
}

fn row(table: &Table, pairs: Vec<(&str, Value)>) -> Vec<Value> {
    let mut out = vec![Value::Null; table.columns.len()];
    for (name, v) in pairs {
        // A misspelt name here is a bug in this file, caught by the dataset tests.
        if let Some(i) = table.position(name) {
            out[i] = v;
        } else {
            debug_assert!(false, "{}.{name} is not in the catalog", table.name);
        }
    }
    out
}

impl Generator {
    fn new(spec: DatasetSpec) -> Self {
        Generator {
            spec,
            rng: Rng::new(spec.seed),
            users: vec![Vec::new(); spec.orgs.max(1)],
        }
    }

    fn org(&mut self) -> i64 {
        self.rng.range(1, self.spec.orgs.max(1) as i64)
    }

    fn user_in(&mut self, org: i64) -> (i64, String) {
        let list = &self.users[(org - 1) as usize];
        let (id, name) = self.rng.pick(list);
        (*id, name.clone())
    }

    fn run(mut self) -> Dataset {
        let cat = catalog();
        let t = |name| cat.table(name).expect("catalog table");
        let (users_t, client_t, enroll_t, case_t, vi_t, vs_t) = (
            t("osUsers"),
            t("cmClient"),
            t("Enrollment"),
            t("cmCaseAssign"),
            t("VulnerabilityIndex"),
            t("VISPDAT"),
        );
        let orgs = self.spec.orgs.max(1) as i64;

        // Staff: about one per 40 clients, at least two per organisation.
        let n_users = (self.spec.clients as i64 / 40).max(2 * orgs);
        let mut users = Vec::new();
        for id in 1..=n_users {
            let org = (id - 1) % orgs + 1;
            let first = *self.rng.pick(FIRST_NAMES);
            let last = *self.rng.pick(LAST_NAMES);
            let login = format!(
                "{}{}{id}",
                first[..1].to_ascii_lowercase(),
                last.replace('\'', "").to_ascii_lowercase()
            );
            let created = self.rng.range(FIRST_DAY - 700, FIRST_DAY);
            self.users[(org - 1) as usize].push((id, format!("{first} {last}")));
            let cell = self.rng.chance(0.7).then(|| phone(&mut self.rng));
            users.push(row(
                users_t,
                vec![
                    ("UserID", id.into()),
                    ("UserName", login.clone().into()),
                    ("Email", format!("{login}@org{org}.example.org").into()),
                    ("OfficePhone", phone(&mut self.rng).into()),
                    ("CellPhone", cell.into()),
                    ("OrgID", org.into()),
                    ("RestrictOrg", 0.into()),
                    ("CreatedBy", 1.into()),
                    ("CreatedDate", when(created, &mut self.rng).into()),
                    ("UpdatedBy", 1.into()),
                    (
                        "UpdatedDate",
                        when(self.rng.range(created, TODAY_DAY), &mut self.rng).into(),
                    ),
                    ("ActiveStatus", i64::from(self.rng.chance(0.9)).into()),
                ],
            ));
        }

        // The template row ClientTrack keeps as ClientID 0: system-owned, mostly empty.
        let mut clients = vec![row(
            client_t,
            vec![
                ("ClientID", 0.into()),
                ("FirstName", "Template".into()),
                ("LastName", "Client".into()),
                ("ActiveStatus", 0.into()),
                ("UpdatedDate", format_sql(FIRST_DAY * 86_400).into()),
                ("OrgID", 1.into()),
                ("RestrictOrg", 0.into()),
                ("CreatedBy", 1.into()),
                ("CreatedDate", format_sql(FIRST_DAY * 86_400).into()),
                ("UpdatedBy", 1.into()),
            ],
        )];
        let (mut enrollments, mut cases, mut vis, mut vss) = (vec![], vec![], vec![], vec![]);
        let (mut enroll_id, mut case_id, mut vuln_id) = (0i64, 0i64, 0i64);

        for client_id in 1..=self.spec.clients as i64 {
            let rng = &mut self.rng;
            let first = *rng.pick(FIRST_NAMES);
            let last = *rng.pick(LAST_NAMES);
            let (city, state, zip0) = *rng.pick(CITIES);
            let zip = zip0 + rng.range(0, 20);
            let org = self.org();
            let rng = &mut self.rng;
            let created_day = rng.range(FIRST_DAY, TODAY_DAY - 30);
            let updated_day = rng.range(created_day, TODAY_DAY);
            let email = rng.chance(0.45).then(|| {
                format!(
                    "{}.{}{}@example.org",
                    first.to_ascii_lowercase(),
                    last.replace('\'', "").to_ascii_lowercase(),
                    rng.range(1, 999)
                )
            });
            let (creator, _) = self.user_in(org);
            let rng = &mut self.rng;
            let pairs = vec![
                ("ClientID", client_id.into()),
                ("FirstName", first.into()),
                ("LastName", last.into()),
                ("ActiveStatus", i64::from(rng.chance(0.9)).into()),
                (
                    "Address",
                    rng.chance(0.75)
                        .then(|| format!("{} {}", rng.range(10, 9999), rng.pick(STREETS)))
                        .into(),
                ),
                (
                    "Address2",
                    rng.chance(0.15)
                        .then(|| format!("Apt {}", rng.range(1, 400)))
                        .into(),
                ),
                ("City", city.into()),
                ("State", state.into()),
                ("ZipCode", zip.to_string().into()),
                ("ZipCodeID", (zip - 80_000).into()),
                ("HomePhone", rng.chance(0.55).then(|| phone(rng)).into()),
                ("WorkPhone", rng.chance(0.15).then(|| phone(rng)).into()),
                ("MsgPhone", rng.chance(0.3).then(|| phone(rng)).into()),
                ("Email", email.into()),
                ("UpdatedDate", when(updated_day, rng).into()),
                ("HUDRace", (*rng.weighted(RACE)).into()),
                ("HUDEthnicity", (*rng.weighted(ETHNICITY)).into()),
                ("VeteranStatus", (*rng.weighted(YES_NO)).into()),
                ("DisablingCondition", (*rng.weighted(YES_NO)).into()),
                ("PriorLivingSituation", (*rng.weighted(LIVING)).into()),
                ("SSNQuality", (*rng.weighted(QUALITY)).into()),
                ("NameQuality", (*rng.weighted(QUALITY)).into()),
                ("BirthDateQuality", (*rng.weighted(QUALITY)).into()),
                ("OrgID", org.into()),
                ("RestrictOrg", i64::from(rng.chance(0.05)).into()),
                ("CreatedBy", creator.into()),
                ("CreatedDate", when(created_day, rng).into()),
                ("UpdatedBy", creator.into()),
            ];
            clients.push(row(client_t, pairs));

            // Enrollments: one to three, one after another; only the last may be open.
            let n_enroll = *self.rng.weighted(&[(1i64, 55), (2, 30), (3, 15)]);
            let mut day = created_day;
            let mut parent: Option<i64> = None;
            for k in 0..n_enroll {
                if day >= TODAY_DAY - 1 {
                    break;
                }
                enroll_id += 1;
                case_id += 1;
                // Mostly the client's own organisation; sometimes a partner agency.
                let e_org = if self.rng.chance(0.8) {
                    org
                } else {
                    self.org()
                };
                let (mgr, mgr_name) = self.user_in(e_org);
                let (pgm_mgr, _) = self.user_in(e_org);
                let rng = &mut self.rng;
                let enroll_day = rng.range(day, (day + 120).min(TODAY_DAY - 1));
                let last_one = k + 1 == n_enroll;
                let exit_day = (!last_one || rng.chance(0.7))
                    .then(|| rng.range(enroll_day + 1, (enroll_day + 400).min(TODAY_DAY)));
                day = exit_day.unwrap_or(TODAY_DAY) + 1;
                let exited = exit_day.is_some();
                let updated_day = exit_day.unwrap_or(enroll_day).max(enroll_day);
                let updated_day = rng.range(updated_day, TODAY_DAY);
                let dest = exited.then(|| *rng.weighted(DESTINATIONS));
                let reason = exited.then(|| rng.range(1, 10));
                let region = rng.range(1, 4);
                let engaged = rng
                    .chance(0.6)
                    .then(|| when(enroll_day + rng.range(0, 14), rng));
                let budget = rng.chance(0.1).then(|| {
                    (rng.range(2_000, 250_000) as f64) / 100.0 // whole cents
                });
                let budget_date = budget.map(|_| when(enroll_day + rng.range(0, 30), rng));
                let program = rng.range(1, 20);
                let lang = *rng.weighted(LANGUAGES);
                let relationship = *rng.weighted(&[(1i64, 80), (2, 8), (3, 8), (4, 2), (5, 2)]);
                enrollments.push(row(
                    enroll_t,
                    vec![
                        ("EnrollID", enroll_id.into()),
                        ("ClientID", client_id.into()),
                        ("CaseID", (100_000 + enroll_id).into()),
                        ("ApplicationID", (500_000 + enroll_id).into()),
                        ("EnrollDate", when(enroll_day, rng).into()),
                        ("EnrollAssessmentID", (1_000_000 + 2 * enroll_id).into()),
                        (
                            "ExitAssessmentID",
                            exited.then_some(1_000_001 + 2 * enroll_id).into(),
                        ),
                        ("ExitDate", exit_day.map(|d| when(d, rng)).into()),
                        ("ExitReason", reason.into()),
                        (
                            "ExitReasonOther",
                            (reason == Some(10)).then(|| *rng.pick(EXIT_OTHER)).into(),
                        ),
                        ("ExitDestination", dest.into()),
                        (
                            "ExitDestinationOther",
                            (dest == Some(17)).then_some("Staying in a vehicle").into(),
                        ),
                        ("ExitTenure", exited.then(|| rng.range(1, 3)).into()),
                        (
                            "ExitSubsidyType",
                            (dest == Some(435)).then(|| rng.range(419, 440)).into(),
                        ),
                        (
                            "ExitNotes",
                            (exited && rng.chance(0.2))
                                .then_some("Exit interview completed")
                                .into(),
                        ),
                        ("Relationship", relationship.into()),
                        ("BudgetAmount", budget.into()),
                        ("BudgetDate", budget_date.into()),
                        (
                            "Comments",
                            rng.chance(0.35).then(|| *rng.pick(COMMENTS)).into(),
                        ),
                        ("ClntCaseID", case_id.into()),
                        ("HoldOpen", i64::from(rng.chance(0.05)).into()),
                        ("RestrictOrg", i64::from(rng.chance(0.1)).into()),
                        ("OrgID", e_org.into()),
                        ("CreatedBy", mgr.into()),
                        ("CreatedDate", when(enroll_day, rng).into()),
                        ("UpdatedBy", mgr.into()),
                        ("UpdatedDate", when(updated_day, rng).into()),
                        (
                            "ActiveStatus",
                            i64::from(!exited || rng.chance(0.95)).into(),
                        ),
                        ("EngagementDate", engaged.into()),
                        (
                            "PlannedExitDate",
                            rng.chance(0.25)
                                .then(|| when(enroll_day + rng.range(30, 365), rng))
                                .into(),
                        ),
                        (
                            "PrimaryHousingID",
                            rng.chance(0.2).then(|| rng.range(1, 300)).into(),
                        ),
                        ("RegionID", region.into()),
                        ("ParentEnrollID", parent.into()),
                        (
                            "AutoExit1DateAdded",
                            (exited && rng.chance(0.05))
                                .then(|| exit_day.map(|d| when(d, rng)))
                                .flatten()
                                .into(),
                        ),
                    ],
                ));
                parent = rng.chance(0.1).then_some(enroll_id);
                cases.push(row(
                    case_t,
                    vec![
                        ("ClntCaseID", case_id.into()),
                        ("ClientID", client_id.into()),
                        ("UserID", mgr.into()),
                        ("ProgID", program.into()),
                        ("CaseMgrID", mgr.into()),
                        ("usrPgmMgrId", pgm_mgr.into()),
                        ("ClientName", format!("{first} {last}").into()),
                        ("CaseMgrName", mgr_name.into()),
                        ("EnrollID", enroll_id.into()),
                        ("Status", (if exited { 2i64 } else { 1 }).into()),
                        ("BeginDate", when(enroll_day, rng).into()),
                        ("EndDate", exit_day.map(|d| when(d, rng)).into()),
                        ("language", lang.into()),
                        (
                            "dsiSerNo",
                            rng.chance(0.1)
                                .then(|| format!("DSI-{:06}", rng.range(0, 999_999)))
                                .into(),
                        ),
                        ("RegionID", region.into()),
                        (
                            "caseMgrLang",
                            (if rng.chance(0.8) {
                                "English"
                            } else {
                                "Spanish"
                            })
                            .into(),
                        ),
                        ("ProviderID", (e_org * 100 + program % 5).into()),
                        ("RestrictOrg", 0.into()),
                        ("OrgID", e_org.into()),
                        ("CreatedBy", mgr.into()),
                        ("CreatedDate", when(enroll_day, rng).into()),
                        ("UpdatedBy", mgr.into()),
                        ("UpdatedDate", when(updated_day, rng).into()),
                        ("ActiveStatus", i64::from(!exited).into()),
                        ("RoleID", rng.range(1, 6).into()),
                    ],
                ));
            }

            // About six clients in ten have a VI-SPDAT assessment.
            if self.rng.chance(0.6) {
                vuln_id += 1;
                let (assessor, _) = self.user_in(org);
                let rng = &mut self.rng;
                let day = rng.range(created_day, TODAY_DAY);
                let created = when(day, rng);
                let updated = when(rng.range(day, TODAY_DAY), rng);
                vis.push(row(
                    vi_t,
                    vec![
                        ("VulnerabilityID", vuln_id.into()),
                        ("ClientID", client_id.into()),
                        ("CreatedBy", assessor.into()),
                        ("UpdatedDate", updated.clone().into()),
                        ("OrgID", org.into()),
                        ("RestrictOrg", 0.into()),
                        ("CreatedDate", created.clone().into()),
                        ("UpdatedBy", assessor.into()),
                        ("ActiveStatus", 1.into()),
                    ],
                ));
                vss.push(row(
                    vs_t,
                    vec![
                        ("VulnerabilityID", vuln_id.into()),
                        (
                            "ScoreTotal",
                            (*rng.weighted(&[(0i64, 1), (4, 3), (8, 4), (12, 2)])
                                + rng.range(0, 5))
                            .into(),
                        ),
                        ("OrgID", org.into()),
                        ("RestrictOrg", 0.into()),
                        ("CreatedBy", assessor.into()),
                        ("CreatedDate", created.into()),
                        ("UpdatedBy", assessor.into()),
                        ("UpdatedDate", updated.into()),
                        ("ActiveStatus", 1.into()),
                    ],
                ));
            }
        }

        let spec = self.spec;
        let pack = |table, rows| TableRows { table, rows };
        let mut tables = vec![
            pack(client_t, clients),
            pack(enroll_t, enrollments),
            pack(case_t, cases),
            pack(users_t, users),
            pack(vi_t, vis),
            pack(vs_t, vss),
        ];
        // Catalog order, whatever order they were built in.
        tables.sort_by_key(|t| cat.tables.iter().position(|c| c.name == t.table.name));
        Dataset { spec, tables }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Dataset {
        Dataset::generate(DatasetSpec {
            seed: 9,
            clients: 400,
            orgs: 4,
        })
    }

    #[test]
    fn fixed_days_are_the_dates_they_claim() {
        use crate::sandbox::date::days_from_civil;
        assert_eq!(TODAY_DAY, days_from_civil(2025, 6, 30));
        assert_eq!(FIRST_DAY, days_from_civil(2015, 1, 1));
    }

    #[test]
    fn same_seed_same_rows_other_seed_other_rows() {
        let (a, b) = (small(), small());
        for (x, y) in a.tables.iter().zip(&b.tables) {
            assert_eq!(x.rows, y.rows);
        }
        let c = Dataset::generate(DatasetSpec { seed: 10, ..a.spec });
        assert_ne!(
            a.table("cmClient").unwrap().rows,
            c.table("cmClient").unwrap().rows
        );
    }

    #[test]
    fn dates_make_sense_and_links_hold() {
        let d = small();
        let clients = d.table("cmClient").unwrap();
        assert_eq!(clients.rows.len(), 401);
        assert_eq!(clients.get(&clients.rows[0], "ClientID"), &Value::Int(0));
        let e = d.table("Enrollment").unwrap();
        assert!(e.rows.len() > 400, "{}", e.rows.len());
        let mut open = 0;
        for r in &e.rows {
            let (Value::Text(enter), exit) = (e.get(r, "EnrollDate"), e.get(r, "ExitDate")) else {
                panic!("EnrollDate missing");
            };
            match exit {
                Value::Text(exit) => assert!(exit > enter, "{exit} <= {enter}"),
                Value::Null => {
                    open += 1;
                    assert_eq!(e.get(r, "ExitDestination"), &Value::Null);
                }
                v => panic!("{v:?}"),
            }
            let Value::Int(org) = e.get(r, "OrgID") else {
                panic!()
            };
            assert!((1..=4).contains(org));
        }
        assert!(open > 50 && open < e.rows.len() / 2, "{open}");
        // Every case assignment points at an enrollment with the same ClntCaseID.
        let c = d.table("cmCaseAssign").unwrap();
        assert_eq!(c.rows.len(), e.rows.len());
        for (cr, er) in c.rows.iter().zip(&e.rows) {
            assert_eq!(c.get(cr, "ClntCaseID"), e.get(er, "ClntCaseID"));
            assert_eq!(c.get(cr, "EnrollID"), e.get(er, "EnrollID"));
        }
        // Every row has one value per column; NULLs exist where real data has them.
        for t in &d.tables {
            assert!(t.rows.iter().all(|r| r.len() == t.table.columns.len()));
        }
        for t in &d.tables {
            for (i, c) in t.table.columns.iter().enumerate() {
                assert!(
                    t.rows.iter().any(|r| r[i] != Value::Null),
                    "{}.{} is never filled",
                    t.table.name,
                    c.name
                );
            }
        }
        let nulls = clients
            .rows
            .iter()
            .filter(|r| clients.get(r, "Email") == &Value::Null)
            .count();
        assert!(nulls > 100 && nulls < 350, "{nulls}");
    }
}
