//! `crql run`, `url`, `auth-test` and `schema pull` against a loopback server,
//! through the real binary.

#![cfg(all(feature = "cli", feature = "http"))]

use crate::support;

use std::process::{Command, Output};

use serde_json::json;
use support::server::{Reply, TestServer, page_reply};

/// Runs the binary in a fresh empty directory: `crql run` caches the tables it
/// describes in the project it runs in, which must not be this repository.
fn crql(server: Option<&TestServer>, args: &[&str]) -> Output {
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("crql-cli-exec-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_crql"));
    cmd.current_dir(&dir);
    for v in [
        "CRQL_ENDPOINT",
        "CRQL_SUBSCRIPTION_KEY",
        "CRQL_API_KEY",
        "CRQL_ORG_ID",
    ] {
        cmd.env_remove(v);
    }
    if let Some(s) = server {
        cmd.env("CRQL_ENDPOINT", s.url())
            .env("CRQL_SUBSCRIPTION_KEY", "cli-sub-key")
            .env("CRQL_API_KEY", "cli-api-key");
    }
    let out = cmd.args(args).output().expect("run crql");
    let _ = std::fs::remove_dir_all(&dir);
    out
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn clients(total: u64) -> TestServer {
    TestServer::start(move |req| match req.path.as_str() {
        "/crql" => page_reply(req, total),
        "/auth/test" if req.header("authorization") == Some("ApiKey cli-api-key") => Reply::json(
            200,
            &json!({"message": "Hello CLI from the Sandbox ClientTrack environment."}),
        ),
        "/auth/test" => Reply::json(401, &json!({"errors": ["Missing or incorrect ApiKey."]})),
        "/cto/cmClient/description" => Reply::json(
            200,
            &json!({"metadata": [{"attributeName": "ClientID", "dataType": "int"}, {"attributeName": "FirstName", "dataType": "nvarchar"}]}),
        ),
        _ => Reply::json(404, &json!({})),
    })
}

#[test]
fn run_prints_every_row_in_each_format() {
    let server = clients(130);
    let q = "select ClientID, FirstName from cmClient";

    let o = crql(
        Some(&server),
        &["run", q, "--format", "ndjson", "--page-size", "50"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let ids: Vec<u64> = lines
        .iter()
        .map(|r| r["ClientID"].as_u64().unwrap())
        .collect();
    assert_eq!(ids, (0..130).collect::<Vec<_>>());
    assert!(lines.iter().all(|r| r.get("__crql_rid").is_none()));
    assert_eq!(stderr(&o), "", "no progress when stderr is not a terminal");

    let o = crql(
        Some(&server),
        &["run", q, "--format", "json", "--max-rows", "3"],
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 3);
    assert_eq!(v[0]["FirstName"], "Name0");

    let o = crql(
        Some(&server),
        &["run", q, "--format", "csv", "--max-rows", "2"],
    );
    assert_eq!(
        stdout(&o),
        "ClientID,FirstName,LastName,ActiveStatus\r\n0,Name0,Doe,1\r\n1,Name1,Doe,1\r\n"
    );

    let o = crql(
        Some(&server),
        &["run", "select top 2 ClientID, FirstName from cmClient"],
    );
    insta::assert_snapshot!(stdout(&o), @r"
    ClientID  FirstName  LastName  ActiveStatus
    --------  ---------  --------  ------------
    0         Name0      Doe       1
    1         Name1      Doe       1
    (2 rows)
    ");
}

#[test]
fn run_with_no_rows_prints_the_select_list_header() {
    let server = clients(0);
    let o = crql(
        Some(&server),
        &[
            "run",
            "select ClientID, FirstName as Name from cmClient",
            "--format",
            "csv",
        ],
    );
    assert!(o.status.success());
    assert_eq!(stdout(&o), "ClientID,Name\r\n");
}

#[test]
fn run_stops_a_query_with_lint_errors_before_sending() {
    let server = clients(10);
    let o = crql(Some(&server), &["run", "select * from cmClient"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("crql::E0201"), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    assert!(server.seen().is_empty());

    let o = crql(Some(&server), &["run", "select from where"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("crql::E0001"), "{}", stderr(&o));
}

#[test]
fn run_reports_api_errors_with_exit_2() {
    let server =
        TestServer::start(|_| Reply::json(400, &json!({"errors": ["Invalid column name 'X'."]})));
    let o = crql(Some(&server), &["run", "select ClientID from cmClient"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("Invalid column name 'X'."),
        "{}",
        stderr(&o)
    );
    assert!(!stderr(&o).contains("cli-api-key") && !stderr(&o).contains("cli-sub-key"));
}

#[test]
fn url_prints_the_exact_request_and_refuses_long_queries() {
    let o = crql(
        None,
        &[
            "url",
            "select top 10 ClientID from cmClient where ClientID in (1, 2)",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "https://api.clienttrack.net/crql?q=SELECT%20TOP%2010%20ClientID%20FROM%20cmClient%20WHERE%20ClientID%20IN%20%281%2C%202%29&pageNo=1&pageSize=10&shouldCache=false\n"
    );
    let server = clients(0);
    let o = crql(
        Some(&server),
        &["url", "select ClientID from cmClient", "--page", "3"],
    );
    assert_eq!(
        stdout(&o),
        format!(
            "{}/crql?q=SELECT%20ClientID%20FROM%20cmClient&pageNo=3&pageSize=25&shouldCache=true\n",
            server.url()
        )
    );
    assert!(server.seen().is_empty(), "url sends nothing");

    let ids: Vec<String> = (100_000..100_400).map(|n| n.to_string()).collect();
    let long = format!(
        "select top 5 ClientID from cmClient where ClientID in ({})",
        ids.join(", ")
    );
    let o = crql(None, &["url", &long]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("crql::E0207"), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
}

#[test]
fn auth_test_names_the_environment_or_says_which_key() {
    let server = clients(0);
    let o = crql(Some(&server), &["auth-test"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "Sandbox\n");

    let o = Command::new(env!("CARGO_BIN_EXE_crql"))
        .env("CRQL_ENDPOINT", server.url())
        .env("CRQL_API_KEY", "wrong-key-123")
        .env_remove("CRQL_SUBSCRIPTION_KEY")
        .arg("auth-test")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("crql::exec::api_key"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("wrong-key-123"));
}

#[test]
fn schema_pull_writes_a_loadable_schema() {
    let server = clients(0);
    let dir = std::env::temp_dir().join(format!("crql-schema-pull-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("schema.json");
    let o = crql(
        Some(&server),
        &["schema", "pull", "cmClient", "--out", out.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let schema = crql::schema::Schema::from_json(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let t = schema.table("cmclient").unwrap();
    assert_eq!(t.columns().len(), 2);
    assert_eq!(
        t.column("FirstName").unwrap().ty,
        crql::schema::ColumnType::Text
    );

    let o = crql(
        Some(&server),
        &[
            "schema",
            "pull",
            "NoSuchTable",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("404"), "{}", stderr(&o));
    let _ = std::fs::remove_dir_all(&dir);
}

/// The README's first query, run as its Set-up says (no endpoint: the embedded
/// sandbox), shows five people: not ClientTrack's `ClientID 0` template row.
#[test]
fn the_readmes_first_query_shows_people() {
    let readme = include_str!("../../README.md");
    let line = readme
        .lines()
        .find(|l| l.contains("-- run \""))
        .expect("the README runs a query");
    let query = line
        .split('"')
        .nth(1)
        .expect("the query is in double quotes");
    let o = crql(None, &["run", query]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("(5 rows)"), "{out}");
    assert!(!out.contains("Template"), "{out}");
    assert!(
        !out.lines()
            .any(|l| l.split_whitespace().next() == Some("0")),
        "{out}"
    );
}
