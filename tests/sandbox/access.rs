//! Access control over real HTTP on loopback: each credential failure, each key kind,
//! each `OrgId` case, on CTObjects and stored procedures.
#![cfg(all(feature = "sandbox", feature = "http"))]

use crate::support::sandbox_kit as kit;

use crql::exec::Method;
use crql::sandbox::Value;
use kit::{As, USER_ORGS, json, start};

#[test]
fn each_credential_failure_has_its_own_401() {
    let sb = start(50);
    let cases = [
        (As::NoSubscription, "missing subscription key"),
        (As::WrongSubscription, "invalid subscription key"),
        (As::NoApiKey, "Authorization is missing"),
        (As::Bearer, "ApiKey is incorrect"),
        (As::WrongApiKey, "ApiKey is incorrect"),
    ];
    for (who, text) in cases {
        let r = sb.get(who, "/auth/test", &[]);
        assert_eq!(r.status, 401, "{who:?}");
        let body = String::from_utf8_lossy(&r.body);
        assert!(body.contains(text), "{who:?}: {body}");
        // Nothing secret comes back in a refusal.
        assert!(
            !body.contains(kit::ADMIN) && !body.contains(kit::SUB),
            "{body}"
        );
    }
    for who in [As::Admin, As::User, As::SubscriptionInQuery, As::UserOrg(2)] {
        let r = sb.get(who, "/auth/test", &[]);
        assert_eq!(r.status, 200, "{who:?}");
        let msg = json(&r)["message"].as_str().unwrap_or_default().to_owned();
        assert!(
            msg.starts_with("Hello ")
                && msg.ends_with(" from the Sandbox ClientTrack environment."),
            "{msg}"
        );
    }
}

/// The first client of each organisation, from the generated records.
fn client_of_org(sb: &kit::Sandbox, org: i64) -> i64 {
    let t = sb.data.table("cmClient").unwrap();
    t.rows
        .iter()
        .find(|r| t.get(r, "OrgID") == &Value::Int(org) && t.get(r, "ClientID") != &Value::Int(0))
        .map(|r| match t.get(r, "ClientID") {
            Value::Int(id) => *id,
            v => panic!("{v:?}"),
        })
        .expect("a client in the organisation")
}

#[test]
fn records_are_seen_only_through_keys_that_reach_their_organisation() {
    let sb = start(200);
    let status = |who, org| {
        let id = client_of_org(&sb, org);
        sb.get(who, &format!("/cto/cmClient/{id}"), &[]).status
    };
    for org in 1..=4 {
        let mine = USER_ORGS.contains(&org);
        assert_eq!(status(As::Admin, org), 200, "admin, org {org}");
        // OrgId does not narrow an admin key: it sees every organisation.
        assert_eq!(
            status(As::AdminOrg(1), org),
            200,
            "admin with OrgId 1, org {org}"
        );
        assert_eq!(
            status(As::User, org),
            if mine { 200 } else { 404 },
            "user, org {org}"
        );
        for header in 1..=4 {
            let want = if mine && header == org { 200 } else { 404 };
            assert_eq!(
                status(As::UserOrg(header), org),
                want,
                "user with OrgId {header}, org {org}"
            );
        }
    }
    // A record the admin sees is the full row, with the schema's spelling.
    let id = client_of_org(&sb, 2);
    let row = json(&sb.get(As::User, &format!("/CTO/CMCLIENT/{id}"), &[]));
    assert_eq!(row["ClientID"], id);
    assert_eq!(row["OrgID"], 2);
    assert!(row.as_object().unwrap().contains_key("BirthDateQuality"));
}

#[test]
fn stored_procedures_respect_the_scope() {
    let sb = start(300);
    let call = |who, name: &str, body: &str| {
        sb.send(
            who,
            Method::Post,
            &format!("/crql/storedprocedures/{name}"),
            &[],
            Some(body),
        )
    };
    let all = json(&call(As::Admin, "GetVISPDATScores", r#"{"MinScore": 0}"#));
    let mine = json(&call(
        As::User,
        "dbo.GetVISPDATScores",
        r#"{"@MinScore": "0"}"#,
    ));
    let one = json(&call(As::UserOrg(3), "getvispdatscores", "{}"));
    let none = json(&call(As::UserOrg(1), "GetVISPDATScores", "{}"));
    let orgs_of = |v: &serde_json::Value| -> Vec<i64> {
        let clients = sb.data.table("cmClient").unwrap();
        v["result"]["table1"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let id = r["ClientID"].as_i64().unwrap();
                let row = clients
                    .rows
                    .iter()
                    .find(|c| clients.get(c, "ClientID") == &Value::Int(id))
                    .unwrap();
                match clients.get(row, "OrgID") {
                    Value::Int(o) => *o,
                    _ => panic!(),
                }
            })
            .collect()
    };
    let (a, m, o, n) = (orgs_of(&all), orgs_of(&mine), orgs_of(&one), orgs_of(&none));
    assert!(
        (1..=4).all(|org| a.contains(&org)),
        "admin sees every organisation"
    );
    assert!(!m.is_empty() && m.iter().all(|x| USER_ORGS.contains(x)));
    assert!(m.contains(&2) && m.contains(&3));
    assert!(!o.is_empty() && o.iter().all(|&x| x == 3));
    assert!(n.is_empty());
    assert_eq!(all["output"][0]["value"], a.len());
    // Scores come highest first, as the procedure orders them.
    let scores: Vec<i64> = all["result"]["table1"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["ScoreTotal"].as_i64().unwrap())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]));

    // Two result sets, and an output parameter.
    let caseload = json(&call(
        As::Admin,
        "GetCaseload",
        r#"{"UserID": 3, "OpenOnly": false}"#,
    ));
    let rows = caseload["result"]["table1"].as_array().unwrap();
    assert_eq!(caseload["output"][0]["value"], rows.len());
    let summary = &caseload["result"]["table2"][0];
    assert_eq!(summary["UserID"], 3);
    assert_eq!(
        summary["OpenCases"].as_u64().unwrap() + summary["ClosedCases"].as_u64().unwrap(),
        rows.len() as u64
    );

    // Unknown: 500 with an empty body. Not available: 401 saying so. Bad parameter: 400.
    let unknown = call(As::Admin, "NoSuchProcedure", "{}");
    assert_eq!((unknown.status, unknown.body.len()), (500, 0));
    let unavailable = call(As::Admin, "ExportAllClients", "{}");
    assert_eq!(unavailable.status, 401);
    assert!(String::from_utf8_lossy(&unavailable.body).contains("is not available at this time"));
    let missing = call(As::Admin, "GetClientEnrollmentHistory", "{}");
    assert_eq!(missing.status, 400);
    assert!(String::from_utf8_lossy(&missing.body).contains("expects parameter '@ClientID'"));
    assert_eq!(call(As::Admin, "GetCaseload", "[1]").status, 400);
    // Credentials are checked before anything runs.
    assert_eq!(
        call(As::WrongApiKey, "GetCaseload", r#"{"UserID": 3}"#).status,
        401
    );
}

#[test]
fn descriptions_and_unknown_paths() {
    let sb = start(20);
    let d = json(&sb.get(As::User, "/cto/enrollment/description", &[]));
    let names: Vec<&str> = d["metadata"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["attributeName"].as_str().unwrap())
        .collect();
    assert_eq!(names.first(), Some(&"EnrollID"));
    assert!(names.contains(&"ExitDate") && names.contains(&"OrgID"));
    for path in [
        "/cto/NoTable/description",
        "/cto/cmClient/999999",
        "/cto/cmClient/abc",
        "/nothing",
        "/crql/extra",
        "/auth",
    ] {
        assert_eq!(sb.get(As::Admin, path, &[]).status, 404, "{path}");
    }
    // Unknown paths are 404 even without credentials; known ones need them.
    assert_eq!(sb.get(As::NoSubscription, "/nothing", &[]).status, 404);
    assert_eq!(
        sb.get(As::NoSubscription, "/cto/cmClient/description", &[])
            .status,
        401
    );
}

#[test]
fn the_server_stops_cleanly_and_frees_its_port() {
    let sb = start(10);
    let addr = sb.server.addr();
    assert_eq!(sb.get(As::Admin, "/auth/test", &[]).status, 200);
    let kit::Sandbox { server, .. } = sb;
    server.stop();
    // Nothing answers any more. The listening socket is closed by tiny_http's accept
    // thread as it winds down, so allow it a bounded moment rather than racing it.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    let mut freed = false;
    while std::time::Instant::now() < deadline {
        let probe =
            std::net::TcpStream::connect_timeout(&addr, std::time::Duration::from_millis(200));
        if probe.is_err() {
            freed = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(freed, "{addr} still accepts connections 5 s after stop()");
}
