//! Stored procedures: read-only reports that CRQL's one-join limit cannot express.
//!
//! | name | parameters | result |
//! |---|---|---|
//! | `GetClientEnrollmentHistory` | `ClientID` | a client's enrollments with program and case manager (4 tables) |
//! | `GetCaseload` | `UserID`, `OpenOnly` (default 1) | a case manager's clients; `table2` a summary (3 tables) |
//! | `GetVISPDATScores` | `MinScore` (default 0), `Since` (optional date) | assessed clients by score (3 tables) |
//! | `ExportAllClients` | | exists, but "not available at this time" for any subscription (401) |
//!
//! Every table read is restricted to the caller's organisations, as CRQL is.

use serde_json::{Map, Value as Json, json};

use super::catalog::ColType::{self, DateTime as D, Int as I, Text as T};
use super::data::Value;
use super::date::normalize_literal;
use super::db::{Database, DbError};
use super::json::row_object;
use super::translate::{Scope, scoped_source};

/// What a call came to.
#[derive(Debug)]
pub enum Outcome {
    /// `{"output": [...], "result": {"table1": [...], ...}}`
    Ok(Json),
    /// No such procedure: CTAPI answers 500 with an empty body.
    Unknown,
    /// The procedure exists but this subscription may not run it (401).
    Unavailable(String),
    /// A parameter is missing or of the wrong type (400).
    BadRequest(String),
    /// The database failed (500).
    Failed(DbError),
}

/// The procedures' names, as the schema spells them.
pub const NAMES: &[&str] = &[
    "GetClientEnrollmentHistory",
    "GetCaseload",
    "GetVISPDATScores",
];
const UNAVAILABLE: &[&str] = &["ExportAllClients"];

/// Whether `name` is a well-formed procedure name, `Name` or `dbo.Name`.
pub fn valid_name(name: &str) -> bool {
    let bare = match name.split_once('.') {
        Some((schema, bare)) if schema.eq_ignore_ascii_case("dbo") => bare,
        Some(_) => return false,
        None => name,
    };
    let mut chars = bare.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && bare.len() <= 128
}

struct Params<'a>(&'a Map<String, Json>, &'a str);

impl Params<'_> {
    fn get(&self, name: &str) -> Option<&Json> {
        self.0
            .iter()
            .find(|(k, _)| k.trim_start_matches('@').eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
            .filter(|v| !v.is_null())
    }

    fn int(&self, name: &str, default: Option<i64>) -> Result<i64, String> {
        match self.get(name) {
            None => default.ok_or_else(|| {
                format!(
                    "Procedure or function '{}' expects parameter '@{name}', which was not supplied.",
                    self.1
                )
            }),
            Some(Json::Number(n)) if n.is_i64() => Ok(n.as_i64().unwrap_or_default()),
            Some(Json::String(s)) if s.trim().parse::<i64>().is_ok() => {
                Ok(s.trim().parse().unwrap_or_default())
            }
            Some(Json::Bool(b)) => Ok(i64::from(*b)),
            Some(v) => Err(format!("Error converting parameter '@{name}' ({v}) to int.")),
        }
    }

    fn date(&self, name: &str) -> Result<Option<String>, String> {
        match self.get(name) {
            None => Ok(None),
            Some(Json::String(s)) => normalize_literal(s)
                .map(Some)
                .ok_or_else(|| format!("Error converting parameter '@{name}' to datetime.")),
            Some(v) => Err(format!(
                "Error converting parameter '@{name}' ({v}) to datetime."
            )),
        }
    }
}

/// Runs procedure `name` with the JSON object `params`, seeing only `scope`.
pub fn call(db: &Database, name: &str, params: &Map<String, Json>, scope: &Scope) -> Outcome {
    let bare = name.rsplit('.').next().unwrap_or(name);
    if let Some(n) = UNAVAILABLE.iter().find(|n| n.eq_ignore_ascii_case(bare)) {
        return Outcome::Unavailable(format!(
            "The stored procedure '{n}' is not available at this time."
        ));
    }
    let Some(&proc_name) = NAMES.iter().find(|n| n.eq_ignore_ascii_case(bare)) else {
        return Outcome::Unknown;
    };
    let p = Params(params, proc_name);
    let result = match proc_name {
        "GetClientEnrollmentHistory" => history(db, &p, scope),
        "GetCaseload" => caseload(db, &p, scope),
        _ => vispdat(db, &p, scope),
    };
    match result {
        Ok(Ok(json)) => Outcome::Ok(json),
        Ok(Err(msg)) => Outcome::BadRequest(msg),
        Err(e) => Outcome::Failed(e),
    }
}

type Proc = Result<Result<Json, String>, DbError>;

/// Runs `sql` (with `{name}` holes filled by scoped table sources) and returns rows as JSON.
fn rows(
    db: &Database,
    sql: &str,
    tables: &[(&str, &str)],
    scope: &Scope,
    mut tail_params: Vec<Value>,
    columns: &[(&str, ColType)],
) -> Result<Vec<Json>, DbError> {
    let mut params = Vec::new();
    let mut text = sql.to_owned();
    for (table, alias) in tables {
        let src = scoped_source(table, alias, scope, &mut params);
        text = text.replacen(&format!("{{{alias}}}"), &src, 1);
    }
    // The procedure's own values come after the scope's, numbered on from them.
    let base = params.len();
    for i in (1..=tail_params.len()).rev() {
        text = text.replace(&format!("$p{i}"), &format!("?{}", base + i));
    }
    params.append(&mut tail_params);
    db.with_conn(|conn| {
        let mut stmt = conn.prepare_cached(&text)?;
        let mut rs = stmt.query(rusqlite::params_from_iter(params.iter()))?;
        let mut out = Vec::new();
        while let Some(r) = rs.next()? {
            let vals: Vec<Value> = (0..columns.len())
                .map(|i| r.get_ref(i).map(Value::from))
                .collect::<Result<_, _>>()?;
            out.push(Json::Object(row_object(columns.iter().copied(), &vals)));
        }
        Ok(out)
    })
}

fn history(db: &Database, p: &Params<'_>, scope: &Scope) -> Proc {
    let client = match p.int("ClientID", None) {
        Ok(c) => c,
        Err(m) => return Ok(Err(m)),
    };
    let table1 = rows(
        db,
        r#"SELECT c."ClientID", c."FirstName", c."LastName", e."EnrollID", e."EnrollDate",
                  e."ExitDate", e."ExitDestination", e."OrgID", a."ProgID", a."CaseMgrName",
                  u."Email"
           FROM {c} JOIN {e} ON e."ClientID" = c."ClientID"
           JOIN {a} ON a."ClntCaseID" = e."ClntCaseID"
           LEFT JOIN {u} ON u."UserID" = a."CaseMgrID"
           WHERE c."ClientID" = $p1
           ORDER BY e."EnrollDate", e."EnrollID""#,
        &[
            ("cmClient", "c"),
            ("Enrollment", "e"),
            ("cmCaseAssign", "a"),
            ("osUsers", "u"),
        ],
        scope,
        vec![Value::Int(client)],
        &[
            ("ClientID", I),
            ("FirstName", T),
            ("LastName", T),
            ("EnrollID", I),
            ("EnrollDate", D),
            ("ExitDate", D),
            ("ExitDestination", I),
            ("OrgID", I),
            ("ProgID", I),
            ("CaseMgrName", T),
            ("CaseMgrEmail", T),
        ],
    )?;
    Ok(Ok(json!({
        "output": [{"name": "@EnrollmentCount", "value": table1.len()}],
        "result": {"table1": table1},
    })))
}

fn caseload(db: &Database, p: &Params<'_>, scope: &Scope) -> Proc {
    let (user, open_only) = match (p.int("UserID", None), p.int("OpenOnly", Some(1))) {
        (Ok(u), Ok(o)) => (u, o != 0),
        (Err(m), _) | (_, Err(m)) => return Ok(Err(m)),
    };
    let open = if open_only {
        r#" AND e."ExitDate" IS NULL"#
    } else {
        ""
    };
    let table1 = rows(
        db,
        &format!(
            r#"SELECT a."ClntCaseID", c."ClientID", c."FirstName", c."LastName", e."EnrollID",
                      e."EnrollDate", e."ExitDate", a."Status", a."ProgID"
               FROM {{a}} JOIN {{e}} ON e."EnrollID" = a."EnrollID"
               JOIN {{c}} ON c."ClientID" = a."ClientID"
               WHERE a."CaseMgrID" = $p1{open}
               ORDER BY c."LastName", c."FirstName", a."ClntCaseID""#
        ),
        &[
            ("cmCaseAssign", "a"),
            ("Enrollment", "e"),
            ("cmClient", "c"),
        ],
        scope,
        vec![Value::Int(user)],
        &[
            ("ClntCaseID", I),
            ("ClientID", I),
            ("FirstName", T),
            ("LastName", T),
            ("EnrollID", I),
            ("EnrollDate", D),
            ("ExitDate", D),
            ("Status", I),
            ("ProgID", I),
        ],
    )?;
    let table2 = rows(
        db,
        r#"SELECT u."UserID", u."UserName",
                  count(CASE WHEN e."ExitDate" IS NULL THEN 1 END),
                  count(CASE WHEN e."ExitDate" IS NOT NULL THEN 1 END)
           FROM {u} LEFT JOIN {a} ON a."CaseMgrID" = u."UserID"
           LEFT JOIN {e} ON e."EnrollID" = a."EnrollID"
           WHERE u."UserID" = $p1
           GROUP BY u."UserID", u."UserName""#,
        &[("osUsers", "u"), ("cmCaseAssign", "a"), ("Enrollment", "e")],
        scope,
        vec![Value::Int(user)],
        &[
            ("UserID", I),
            ("UserName", T),
            ("OpenCases", I),
            ("ClosedCases", I),
        ],
    )?;
    Ok(Ok(json!({
        "output": [{"name": "@CaseCount", "value": table1.len()}],
        "result": {"table1": table1, "table2": table2},
    })))
}

fn vispdat(db: &Database, p: &Params<'_>, scope: &Scope) -> Proc {
    let (min, since) = match (p.int("MinScore", Some(0)), p.date("Since")) {
        (Ok(m), Ok(s)) => (m, s),
        (Err(m), _) | (_, Err(m)) => return Ok(Err(m)),
    };
    let since_sql = if since.is_some() {
        r#" AND v."UpdatedDate" >= $p2"#
    } else {
        ""
    };
    let mut params = vec![Value::Int(min)];
    params.extend(since.map(Value::Text));
    let table1 = rows(
        db,
        &format!(
            r#"SELECT c."ClientID", c."FirstName", c."LastName", v."VulnerabilityID",
                      s."ScoreTotal", v."UpdatedDate"
               FROM {{s}} JOIN {{v}} ON v."VulnerabilityID" = s."VulnerabilityID"
               JOIN {{c}} ON c."ClientID" = v."ClientID"
               WHERE s."ScoreTotal" >= $p1{since_sql}
               ORDER BY s."ScoreTotal" DESC, c."ClientID""#
        ),
        &[
            ("VISPDAT", "s"),
            ("VulnerabilityIndex", "v"),
            ("cmClient", "c"),
        ],
        scope,
        params,
        &[
            ("ClientID", I),
            ("FirstName", T),
            ("LastName", T),
            ("VulnerabilityID", I),
            ("ScoreTotal", I),
            ("UpdatedDate", D),
        ],
    )?;
    Ok(Ok(json!({
        "output": [{"name": "@RecordCount", "value": table1.len()}],
        "result": {"table1": table1},
    })))
}
