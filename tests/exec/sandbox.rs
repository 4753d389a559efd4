//! The executor against the real sandbox (`crql serve`'s server) over HTTP on
//! loopback: SQLite rows through CTAPI's envelopes, paging with `shouldCache`,
//! access control, procedures, descriptions and the 401s.

#![cfg(all(feature = "sandbox", feature = "http"))]

use crate::support::sandbox_kit as kit;

use std::collections::{BTreeSet, HashMap};

use crql::exec::{Client, ClientBuilder, Error, KeyPlacement, QueryOptions};
use crql::sandbox::Value;
use kit::{ADMIN, SUB, USER, USER_ORGS, start};

fn client(sb: &kit::Sandbox, api_key: &str) -> ClientBuilder {
    Client::builder()
        .endpoint(sb.server.url())
        .subscription_key(SUB)
        .api_key(api_key)
}

fn parse(text: &str) -> crql::Query<'static> {
    crql::parse(text).unwrap().into_owned()
}

fn int(v: &serde_json::Value) -> i64 {
    v.as_i64().unwrap()
}

fn int_of(v: &Value) -> i64 {
    match v {
        Value::Int(i) => *i,
        other => panic!("not an integer: {other:?}"),
    }
}

#[test]
fn a_multi_page_pull_returns_every_row_exactly_once() {
    let sb = start(1200);
    let expected = sb.data.table("cmClient").unwrap().rows.len();
    let c = client(&sb, ADMIN).page_size(100).build().unwrap();
    let rows = c
        .fetch_all(&parse("SELECT ClientID, FirstName FROM cmClient"))
        .unwrap();
    assert_eq!(rows.len(), expected);
    let ids: BTreeSet<i64> = rows.iter().map(|r| int(&r["ClientID"])).collect();
    assert_eq!(
        ids.len(),
        expected,
        "no duplicates: the snapshot kept pages coherent"
    );
    assert!(rows.iter().all(|r| !r.contains_key("__crql_rid")));
    let keys: Vec<&str> = rows[0].keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        ["ClientID", "FirstName"],
        "columns in the order asked"
    );
}

#[test]
fn top_is_one_page_and_max_rows_bounds_a_pull() {
    let sb = start(300);
    let c = client(&sb, ADMIN).build().unwrap();
    let q = parse("SELECT TOP 40 ClientID FROM cmClient WHERE ClientID > 0");
    let mut rows = c.query(&q).unwrap();
    let n = rows.by_ref().map(Result::unwrap).count();
    assert_eq!((n, rows.pages_fetched(), rows.page_size()), (40, 1, 40));

    let opts = QueryOptions {
        max_rows: Some(60),
        page_size: Some(25),
        ..Default::default()
    };
    let rows: Vec<_> = c
        .query_with(&parse("SELECT ClientID FROM cmClient"), opts)
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(rows.len(), 60);
}

#[test]
fn no_rows_is_an_empty_pull() {
    let sb = start(50);
    let c = client(&sb, ADMIN).build().unwrap();
    let q = parse("SELECT ClientID FROM cmClient WHERE ClientID < 0");
    assert!(c.fetch_all(&q).unwrap().is_empty());
}

#[test]
fn typed_rows_from_the_sandbox() {
    #[derive(serde::Deserialize)]
    struct Enrollment {
        #[serde(rename = "EnrollID")]
        id: i64,
        #[serde(rename = "ClientID")]
        client: i64,
        #[serde(rename = "ExitDate")]
        exit: Option<String>,
    }
    let sb = start(200);
    let c = client(&sb, ADMIN).build().unwrap();
    let q = parse("SELECT TOP 50 EnrollID, ClientID, ExitDate FROM Enrollment");
    let rows: Vec<Enrollment> = c.fetch_all_as(&q).unwrap();
    assert_eq!(rows.len(), 50);
    assert!(rows.iter().all(|e| e.id > 0 && e.client >= 0));
    // Each typed row holds what the dataset holds for its EnrollID: its ClientID, and
    // its ExitDate (NULL as `None`; a date in the form .NET serialises a DateTime in).
    let at = |text: &str, form: &str| {
        chrono::NaiveDateTime::parse_from_str(text, form)
            .unwrap_or_else(|e| panic!("{text:?} is not {form}: {e}"))
    };
    let enrollment = sb.data.table("Enrollment").unwrap();
    let stored: HashMap<i64, (i64, Option<chrono::NaiveDateTime>)> = enrollment
        .rows
        .iter()
        .map(|r| {
            let exit = match enrollment.get(r, "ExitDate") {
                Value::Null => None,
                Value::Text(t) => Some(at(t, "%Y-%m-%d %H:%M:%S%.f")),
                other => panic!("ExitDate stored as {other:?}"),
            };
            let id = int_of(enrollment.get(r, "EnrollID"));
            (id, (int_of(enrollment.get(r, "ClientID")), exit))
        })
        .collect();
    for e in &rows {
        let served = e.exit.as_deref().map(|t| at(t, "%Y-%m-%dT%H:%M:%S%.f"));
        assert_eq!((e.client, served), stored[&e.id], "EnrollID {}", e.id);
    }
    assert!(
        rows.iter().any(|e| e.exit.is_some()) && rows.iter().any(|e| e.exit.is_none()),
        "the first 50 enrolments have open and closed ones, so both Option arms are read"
    );

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Wrong {
        #[serde(rename = "FirstName")]
        first: i64,
    }
    let err = c
        .fetch_all_as::<Wrong>(&parse(
            "SELECT TOP 3 FirstName FROM cmClient WHERE ClientID > 0",
        ))
        .unwrap_err();
    assert!(
        matches!(&err, Error::Row { index: 0, column: Some(c), .. } if c == "FirstName"),
        "{err:?}"
    );
}

#[test]
fn a_user_key_sees_its_organisations_and_org_id_narrows_it() {
    let sb = start(400);
    let cm = sb.data.table("cmClient").unwrap();
    let in_orgs = |orgs: &[i64]| {
        cm.rows
            .iter()
            .filter(|r| matches!(cm.get(r, "OrgID"), Value::Int(o) if orgs.contains(o)))
            .count()
    };
    let q = parse("SELECT ClientID, OrgID FROM cmClient");
    let user = client(&sb, USER).page_size(500).build().unwrap();
    let rows = user.fetch_all(&q).unwrap();
    assert_eq!(rows.len(), in_orgs(&USER_ORGS));
    assert!(rows.iter().all(|r| USER_ORGS.contains(&int(&r["OrgID"]))));

    let narrowed = client(&sb, USER).org_id(3).page_size(500).build().unwrap();
    let rows = narrowed.fetch_all(&q).unwrap();
    assert_eq!(rows.len(), in_orgs(&[3]));
    assert!(rows.iter().all(|r| int(&r["OrgID"]) == 3));
}

#[test]
fn the_subscription_key_may_travel_as_a_query_parameter() {
    let sb = start(20);
    let c = client(&sb, ADMIN)
        .key_placement(KeyPlacement::QueryParameter)
        .build()
        .unwrap();
    assert_eq!(
        c.auth_test().unwrap().environment.as_deref(),
        Some("Sandbox")
    );
}

#[test]
fn the_401s_from_the_sandbox_are_told_apart() {
    let sb = start(20);
    let wrong_sub = Client::builder()
        .endpoint(sb.server.url())
        .subscription_key("not-the-subscription")
        .api_key(ADMIN)
        .build()
        .unwrap();
    assert!(matches!(
        wrong_sub.auth_test(),
        Err(Error::SubscriptionKey { .. })
    ));
    let wrong_api = client(&sb, "not-the-api-key").build().unwrap();
    let err = wrong_api
        .fetch_all(&parse("SELECT TOP 1 ClientID FROM cmClient"))
        .unwrap_err();
    assert!(matches!(err, Error::ApiKey { .. }), "{err:?}");
    assert!(!format!("{err} {err:?}").contains("not-the-api-key"));
    let admin = client(&sb, ADMIN).build().unwrap();
    let err = admin
        .call_procedure("ExportAllClients", &Default::default())
        .unwrap_err();
    assert!(matches!(err, Error::ProcedureUnavailable { .. }), "{err:?}");
}

#[test]
fn procedures_describe_get_and_auth() {
    let sb = start(150);
    let c = client(&sb, ADMIN).build().unwrap();
    let enrol = sb.data.table("Enrollment").unwrap();
    let client_id = match enrol.get(&enrol.rows[0], "ClientID") {
        Value::Int(n) => *n,
        v => panic!("{v:?}"),
    };
    let mut params = serde_json::Map::new();
    params.insert("ClientID".into(), client_id.into());
    let r = c
        .call_procedure("dbo.GetClientEnrollmentHistory", &params)
        .unwrap();
    assert_eq!(r.result_sets[0].0, "table1");
    assert!(!r.rows().is_empty());
    assert!(
        r.rows()
            .iter()
            .all(|row| int(&row["ClientID"]) == client_id)
    );

    // A procedure with a second result set: every set comes back, in order.
    let assign = sb.data.table("cmCaseAssign").unwrap();
    let user_id = match assign.get(&assign.rows[0], "UserID") {
        Value::Int(n) => *n,
        v => panic!("{v:?}"),
    };
    let mut params2 = serde_json::Map::new();
    params2.insert("UserID".into(), user_id.into());
    params2.insert("OpenOnly".into(), 0.into());
    let r = c.call_procedure("GetCaseload", &params2).unwrap();
    let names: Vec<&str> = r.result_sets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["table1", "table2"]);
    assert!(!r.rows().is_empty());

    let err = c.call_procedure("NoSuchProcedure", &params).unwrap_err();
    assert_eq!(err.status(), Some(500));

    let table = c.describe("cmClient").unwrap();
    assert!(table.column("ClientID").is_some() && table.column("FirstName").is_some());

    let row = c.get("cmClient", client_id).unwrap();
    assert_eq!(int(&row["ClientID"]), client_id);
    assert!(matches!(
        c.get("cmClient", 987_654_321),
        Err(Error::NotFound { .. })
    ));

    assert_eq!(
        c.auth_test().unwrap().environment.as_deref(),
        Some("Sandbox")
    );
}
