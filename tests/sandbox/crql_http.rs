//! `GET /crql` over real HTTP on loopback: envelopes, the bare `{}`, paging,
//! `shouldCache` snapshots, 400s carrying the reason, and access scopes.
#![cfg(all(feature = "sandbox", feature = "http"))]

use crate::support::sandbox_kit as kit;

use std::collections::BTreeSet;

use crql::sandbox::Value;
use kit::{As, USER_ORGS, json, start};

#[test]
fn rows_come_in_ctapi_s_envelope_and_no_rows_is_a_bare_object() {
    let sb = start(100);
    let r = sb.crql(
        As::Admin,
        "select top 5 clientid, FirstName from CMCLIENT where ClientID > 0",
        1,
        25,
        false,
    );
    assert_eq!(r.status, 200);
    let v = json(&r);
    assert_eq!(v["recordCount"], 5);
    assert!(v["cacheExpirationDate"].is_string());
    let rows = v["data"]["Table1"].as_array().unwrap();
    assert_eq!(rows.len(), 5);
    for (i, row) in rows.iter().enumerate() {
        let keys: Vec<&str> = row
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        // Columns as the schema spells them, in the order asked, then the row number.
        assert_eq!(keys, ["ClientID", "FirstName", "__crql_rid"]);
        assert_eq!(row["__crql_rid"], i + 1);
    }
    let none = sb.crql(
        As::Admin,
        "SELECT ClientID FROM cmClient WHERE ClientID < 0",
        1,
        25,
        false,
    );
    assert_eq!((none.status, none.body.as_slice()), (200, b"{}".as_slice()));
    // A page past the end is empty too.
    let past = sb.crql(As::Admin, "SELECT ClientID FROM cmClient", 99, 25, false);
    assert_eq!(past.body, b"{}");
}

#[test]
fn page_size_defaults_to_25_and_is_capped_at_500() {
    let sb = start(700);
    let rows = |query: &[(&str, &str)]| {
        let v = json(&sb.get(As::Admin, "/crql", query));
        v["data"]["Table1"].as_array().map_or(0, Vec::len)
    };
    let q = "SELECT ClientID FROM cmClient";
    assert_eq!(rows(&[("q", q)]), 25);
    assert_eq!(rows(&[("q", q), ("pageSize", "1000")]), 500);
    assert_eq!(rows(&[("q", q), ("pageSize", "7"), ("pageNo", "2")]), 7);
    for bad in [
        ("pageSize", "0"),
        ("pageNo", "0"),
        ("pageNo", "x"),
        ("shouldCache", "maybe"),
    ] {
        let r = sb.get(As::Admin, "/crql", &[("q", q), bad]);
        assert_eq!(r.status, 400, "{bad:?}");
        assert!(json(&r)["errors"][0].is_string());
    }
    assert_eq!(sb.get(As::Admin, "/crql", &[]).status, 400);
}

#[test]
fn what_crql_rejects_is_a_400_that_says_why() {
    let sb = start(20);
    let message = |q: &str| {
        let r = sb.crql(As::Admin, q, 1, 25, false);
        assert_eq!(r.status, 400, "{q}: {}", String::from_utf8_lossy(&r.body));
        json(&r)["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m.as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
            .join(" | ")
    };
    assert!(message("SELECT FirstNme FROM cmClient").contains("FirstNme"));
    assert!(
        message("SELECT ClientID FROM cmClient ORDER BY ClientID OFFSET 10 ROWS")
            .to_uppercase()
            .contains("OFFSET")
    );
    assert!(message("SELECT * FROM cmClient").contains("wildcard"));
    assert!(message("SELECT ClientID FROM cmClient WHERE UpdatedDate > 'soon'").contains("date"));
    let long = format!(
        "SELECT ClientID FROM cmClient WHERE LastName IN ({})",
        vec!["'Smith'"; 300].join(", ")
    );
    assert!(message(&long).contains("2048"));
    assert!(message("SELEC ClientID FROM cmClient").len() > 5);
}

fn client_ids(v: &serde_json::Value) -> Vec<i64> {
    v["data"]["Table1"].as_array().map_or(vec![], |rows| {
        rows.iter()
            .map(|r| r["ClientID"].as_i64().unwrap())
            .collect()
    })
}

#[test]
fn a_cached_multi_page_pull_returns_every_row_once() {
    let sb = start(1000);
    let q = "SELECT ClientID, LastName FROM cmClient WHERE ActiveStatus = 1";
    let mut seen = Vec::new();
    let mut expiry = None;
    for page in 1.. {
        let v = json(&sb.crql(As::Admin, q, page, 90, true));
        let ids = client_ids(&v);
        if ids.is_empty() {
            break;
        }
        // Every page of one snapshot names the same expiry.
        let e = v["cacheExpirationDate"].as_str().unwrap().to_owned();
        assert_eq!(expiry.get_or_insert(e.clone()), &e);
        seen.extend(ids);
    }
    let t = sb.data.table("cmClient").unwrap();
    let mut want: Vec<i64> = t
        .rows
        .iter()
        .filter(|r| t.get(r, "ActiveStatus") == &Value::Int(1))
        .map(|r| match t.get(r, "ClientID") {
            Value::Int(i) => *i,
            _ => panic!(),
        })
        .collect();
    want.sort();
    let mut got = seen.clone();
    got.sort();
    assert_eq!(got, want);
    assert_eq!(
        seen.iter().collect::<BTreeSet<_>>().len(),
        seen.len(),
        "no row twice"
    );
}

#[test]
fn user_keys_see_their_organisations_and_org_id_narrows() {
    let sb = start(400);
    let orgs_seen = |who| {
        let mut orgs = Vec::new();
        for page in 1.. {
            let v = json(&sb.crql(who, "SELECT ClientID, OrgID FROM cmClient", page, 500, true));
            let Some(rows) = v["data"]["Table1"].as_array().cloned() else {
                break;
            };
            orgs.extend(rows.iter().map(|r| r["OrgID"].as_i64().unwrap()));
        }
        orgs
    };
    let t = sb.data.table("cmClient").unwrap();
    let count = |pred: &dyn Fn(i64) -> bool| {
        t.rows
            .iter()
            .filter(|r| matches!(t.get(r, "OrgID"), Value::Int(o) if pred(*o)))
            .count()
    };

    let admin = orgs_seen(As::Admin);
    assert_eq!(admin.len(), t.rows.len());
    assert_eq!(
        orgs_seen(As::AdminOrg(2)).len(),
        t.rows.len(),
        "OrgId does not narrow an admin key"
    );
    let user = orgs_seen(As::User);
    assert!(user.iter().all(|o| USER_ORGS.contains(o)));
    assert_eq!(user.len(), count(&|o| USER_ORGS.contains(&o)));
    let one = orgs_seen(As::UserOrg(3));
    assert!(one.iter().all(|&o| o == 3));
    assert_eq!(one.len(), count(&|o| o == 3));
    // An OrgId the user does not belong to gets nothing: the bare {}.
    let other = sb.crql(
        As::UserOrg(1),
        "SELECT ClientID FROM cmClient",
        1,
        25,
        false,
    );
    assert_eq!(
        (other.status, other.body.as_slice()),
        (200, b"{}".as_slice())
    );
    // And a join is filtered on both sides.
    let v = json(&sb.crql(
        As::UserOrg(2),
        "SELECT c.ClientID, e.OrgID FROM cmClient c JOIN Enrollment e ON e.ClientID = c.ClientID",
        1,
        500,
        false,
    ));
    let rows = v["data"]["Table1"].as_array().unwrap();
    assert!(!rows.is_empty() && rows.iter().all(|r| r["OrgID"] == 2));
}

#[test]
fn without_should_cache_rows_have_no_stable_order() {
    let sb = start(1000);
    let q = "SELECT ClientID FROM cmClient";
    let pull = |cache: bool| {
        let mut ids = Vec::new();
        for page in 1..=11 {
            ids.extend(client_ids(&json(&sb.crql(As::Admin, q, page, 100, cache))));
        }
        ids
    };
    let distinct = |ids: &[i64]| ids.iter().collect::<BTreeSet<_>>().len();
    // Cached: 1001 rows, each once. Uncached: as on CTAPI, pages overlap and miss rows.
    let cached = pull(true);
    assert_eq!((cached.len(), distinct(&cached)), (1001, 1001));
    let uncached = pull(false);
    assert_eq!(uncached.len(), 1001);
    assert!(
        distinct(&uncached) < 1001,
        "an uncached pull happened to be coherent"
    );
    // One page is still a proper answer: TOP n gives n distinct rows.
    let top = client_ids(&json(&sb.crql(
        As::Admin,
        "SELECT TOP 50 ClientID FROM cmClient",
        1,
        50,
        false,
    )));
    assert_eq!(distinct(&top), 50);
}
