//! The executor over real HTTP on loopback, against a fault-injecting server:
//! every envelope shape, fault bursts, the 401 variants. The assertions are on the
//! rows delivered: none lost, none duplicated.

#![cfg(feature = "http")]

use crate::support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crql::exec::{Client, Error, QueryOptions, RetryPolicy, Row, Sleeper};
use serde_json::json;
use support::server::{Reply, Seen, TestServer, page_reply, pages};

/// `SELECT [TOP n] ClientID, FirstName FROM cmClient`, through the real parser.
fn clients_query(top: Option<i64>) -> crql::Query<'static> {
    let text = match top {
        Some(n) => format!("select top {n} ClientID, FirstName from cmClient"),
        None => "select ClientID, FirstName from cmClient".to_owned(),
    };
    crql::parse(&text).unwrap().into_owned()
}

const SUB: &str = "sub-key-7f3a9c";
const API: &str = "api-key-44d1e0";

fn fast_retries() -> (RetryPolicy, Arc<Mutex<Vec<Duration>>>) {
    let log = Arc::new(Mutex::new(Vec::new()));
    let l = log.clone();
    let p = RetryPolicy::default().with_sleeper(Sleeper::from_fn(move |d| {
        l.lock().unwrap().push(d);
    }));
    (p, log)
}

fn client_for(server: &TestServer, policy: RetryPolicy) -> Client {
    Client::builder()
        .endpoint(server.url())
        .subscription_key(SUB)
        .api_key(API)
        .page_size(100)
        .timeout(Duration::from_millis(500))
        .retry(policy)
        .build()
        .unwrap()
}

fn ids(rows: &[Row]) -> Vec<u64> {
    rows.iter()
        .map(|r| r["ClientID"].as_u64().unwrap())
        .collect()
}

fn all_ids(n: u64) -> Vec<u64> {
    (0..n).collect()
}

/// Answers from `pages(total)` except for the request numbers `faults` names.
fn with_faults(
    total: u64,
    faults: impl Fn(usize, &Seen) -> Option<Reply> + Send + Sync + 'static,
) -> TestServer {
    let n = AtomicUsize::new(0);
    TestServer::start(move |req| {
        let i = n.fetch_add(1, Ordering::SeqCst);
        faults(i, req).unwrap_or_else(|| page_reply(req, total))
    })
}

#[test]
fn pages_over_http_deliver_every_row_once() {
    let server = TestServer::start(pages(1234));
    let client = client_for(&server, fast_retries().0);
    let rows = client.fetch_all(&clients_query(None)).unwrap();
    assert_eq!(ids(&rows), all_ids(1234));
    let seen = server.seen();
    assert_eq!(seen.len(), 13, "12 full pages and one short one");
    assert_eq!(
        server.connections(),
        1,
        "one kept-alive connection for the whole pull"
    );
    let first = &seen[0];
    assert_eq!(first.path, "/crql");
    assert_eq!(
        first.param("q"),
        Some("SELECT ClientID, FirstName FROM cmClient")
    );
    assert_eq!(first.param("shouldCache"), Some("true"));
    assert_eq!(first.header("ocp-apim-subscription-key"), Some(SUB));
    assert_eq!(
        first.header("authorization"),
        Some(format!("ApiKey {API}").as_str())
    );
    assert!(
        first
            .target
            .starts_with("/crql?q=SELECT%20ClientID%2C%20FirstName")
    );
}

#[test]
fn a_502_burst_is_retried_without_loss_or_duplication() {
    let server = with_faults(450, |i, _| {
        (3..6)
            .contains(&i)
            .then(|| Reply::status(502, "Bad Gateway"))
    });
    let (policy, sleeps) = fast_retries();
    let client = client_for(&server, policy);
    let rows = client.fetch_all(&clients_query(None)).unwrap();
    assert_eq!(ids(&rows), all_ids(450));
    assert_eq!(sleeps.lock().unwrap().len(), 3);
    let pages: Vec<String> = server
        .seen()
        .iter()
        .map(|s| s.param("pageNo").unwrap().to_owned())
        .collect();
    assert_eq!(pages, ["1", "2", "3", "4", "4", "4", "4", "5"]);
}

#[test]
fn dropped_connections_are_retried() {
    let server = with_faults(250, |i, _| matches!(i, 1 | 2).then_some(Reply::Drop));
    let client = client_for(&server, fast_retries().0);
    let rows = client.fetch_all(&clients_query(None)).unwrap();
    assert_eq!(ids(&rows), all_ids(250));
    assert_eq!(server.seen().len(), 5, "three pages, two dropped attempts");
}

#[test]
fn a_body_cut_short_is_retried() {
    let server = with_faults(300, |i, req| {
        (i == 2).then(|| {
            let Reply::Answer { body, .. } = page_reply(req, 300) else {
                unreachable!()
            };
            let keep = body.len() / 2;
            Reply::Truncate {
                status: 200,
                body,
                keep,
            }
        })
    });
    let client = client_for(&server, fast_retries().0);
    let rows = client.fetch_all(&clients_query(None)).unwrap();
    assert_eq!(ids(&rows), all_ids(300));
    assert_eq!(
        server.seen().len(),
        5,
        "four pages (the last empty), one cut short"
    );
}

#[test]
fn complete_but_truncated_json_is_a_malformed_envelope_naming_the_page() {
    let server = with_faults(300, |i, _| {
        (i == 1).then(|| Reply::Answer {
            status: 200,
            headers: vec![],
            body: br#"{"recordCount": 300, "data": {"Table1": [{"ClientID": 100, "First"#.to_vec(),
        })
    });
    let client = client_for(&server, fast_retries().0);
    let mut pull = client.query(&clients_query(None)).unwrap();
    let delivered: Vec<Row> = pull.by_ref().take(100).map(Result::unwrap).collect();
    assert_eq!(ids(&delivered), all_ids(100));
    let err = pull.next().unwrap().unwrap_err();
    match &err {
        Error::Paging {
            page: 2,
            delivered: 100,
            source,
        } => {
            assert!(matches!(**source, Error::Envelope { .. }), "{source:?}");
            assert!(
                err.to_string().contains(r#"{"recordCount": 300, "data""#),
                "{err}"
            );
        }
        e => panic!("{e:?}"),
    }
    assert_eq!(server.seen().len(), 2, "a malformed body is not retried");
    // The caller resumes at the failed page; the server is healthy again.
    assert!(pull.resume());
    let rest: Vec<Row> = pull.map(Result::unwrap).collect();
    let mut all = delivered;
    all.extend(rest);
    assert_eq!(ids(&all), all_ids(300));
}

#[test]
fn slow_answers_past_the_timeout_are_retried_then_reported() {
    let server = with_faults(150, |i, req| {
        (i == 1).then(|| Reply::Delay(Duration::from_millis(1500), Box::new(page_reply(req, 150))))
    });
    let client = client_for(&server, fast_retries().0);
    let rows = client.fetch_all(&clients_query(None)).unwrap();
    assert_eq!(ids(&rows), all_ids(150));

    let slow = TestServer::start(|req| {
        Reply::Delay(Duration::from_millis(1500), Box::new(page_reply(req, 10)))
    });
    let mut policy = fast_retries().0;
    policy.max_attempts = 2;
    let client = client_for(&slow, policy);
    let err = client.fetch_all(&clients_query(None)).unwrap_err();
    assert!(
        matches!(err.root(), Error::Timeout(d) if *d == Duration::from_millis(500)),
        "{err:?}"
    );
    assert!(matches!(err, Error::RetriesExhausted { attempts: 2, .. }));
}

#[test]
fn too_many_requests_waits_as_told() {
    let server = with_faults(50, |i, _| {
        (i == 0).then(|| Reply::status(429, "").with_header("Retry-After", "2"))
    });
    let (policy, sleeps) = fast_retries();
    let client = client_for(&server, policy);
    assert_eq!(client.fetch_all(&clients_query(None)).unwrap().len(), 50);
    assert_eq!(*sleeps.lock().unwrap(), [Duration::from_secs(2)]);
}

#[test]
fn no_rows_is_the_bare_object() {
    let server = TestServer::start(pages(0));
    let client = client_for(&server, fast_retries().0);
    assert!(client.fetch_all(&clients_query(None)).unwrap().is_empty());
    assert_eq!(server.seen().len(), 1);
}

#[test]
fn top_is_one_request_of_top_rows() {
    let server = TestServer::start(pages(10_000));
    let client = client_for(&server, fast_retries().0);
    let rows = client.fetch_all(&clients_query(Some(300))).unwrap();
    assert_eq!(ids(&rows), all_ids(300));
    let seen = server.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].param("pageSize"), Some("300"));
    assert_eq!(seen[0].param("shouldCache"), Some("false"));
    assert_eq!(
        seen[0].param("q"),
        Some("SELECT TOP 300 ClientID, FirstName FROM cmClient")
    );
}

#[test]
fn max_rows_stops_early() {
    let server = TestServer::start(pages(10_000));
    let client = client_for(&server, fast_retries().0);
    let opts = QueryOptions {
        max_rows: Some(250),
        ..Default::default()
    };
    let rows: Vec<Row> = client
        .query_with(&clients_query(None), opts)
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(ids(&rows), all_ids(250));
    assert_eq!(server.seen().len(), 3);
}

fn answering(status: u16, body: serde_json::Value) -> TestServer {
    TestServer::start(move |_| Reply::json(status, &body))
}

#[test]
fn the_three_401s_are_told_apart_and_never_retried() {
    let cases = [
        (
            json!({"statusCode": 401, "message": "Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription."}),
            "subscription_key",
        ),
        (
            json!({"errors": ["Authorization has been denied: missing or incorrect ApiKey."]}),
            "api_key",
        ),
        (
            json!({"errors": ["The stored procedure 'dbo.Report' is not available at this time."]}),
            "procedure_unavailable",
        ),
    ];
    for (body, code) in cases {
        let server = answering(401, body);
        let (policy, sleeps) = fast_retries();
        let client = client_for(&server, policy);
        let err = client
            .call_procedure("dbo.Report", &Default::default())
            .unwrap_err();
        let got = miette::Diagnostic::code(&err).unwrap().to_string();
        assert_eq!(got, format!("crql::exec::{code}"));
        assert_eq!(server.seen().len(), 1);
        assert!(sleeps.lock().unwrap().is_empty());
    }
}

#[test]
fn a_400_carries_the_server_message_and_is_not_retried() {
    let server = answering(400, json!({"errors": ["Invalid column name 'FirstNme'."]}));
    let client = client_for(&server, fast_retries().0);
    let err = client.fetch_all(&clients_query(None)).unwrap_err();
    assert_eq!(err.to_string(), "HTTP 400: Invalid column name 'FirstNme'.");
    assert_eq!(server.seen().len(), 1);
}

#[test]
fn an_unknown_procedure_500_with_empty_body_is_reported() {
    let server = TestServer::start(|_| Reply::status(500, ""));
    let client = client_for(&server, fast_retries().0);
    let err = client
        .call_procedure("NoSuchProc", &Default::default())
        .unwrap_err();
    assert_eq!(err.to_string(), "HTTP 500: (empty body)");
    assert_eq!(server.seen().len(), 1, "procedures are not retried on 5xx");
}

#[test]
fn procedure_description_record_auth_and_404_over_http() {
    let server = TestServer::start(|req| match (req.method.as_str(), req.path.as_str()) {
        ("POST", "/crql/storedprocedures/dbo.ClientsWithCases") => {
            let params: serde_json::Value = serde_json::from_slice(&req.body).unwrap();
            Reply::json(
                200,
                &json!({
                    "output": [{"Count": 1}],
                    "result": {"table1": [{"ClientID": params["ClientID"], "__crql_rid": 1}], "table2": [{"CaseMgrID": 9}]}
                }),
            )
        }
        ("GET", "/cto/Enrollment/description") => Reply::json(
            200,
            &json!({
                "metadata": [{"attributeName": "EnrollID", "dataType": "int"}, {"attributeName": "ClientID"}]
            }),
        ),
        ("GET", "/cto/cmClient/42") => {
            Reply::json(200, &json!({"ClientID": 42, "FirstName": "Ann"}))
        }
        ("GET", "/auth/test") => Reply::json(
            200,
            &json!({"message": "Hello Ann from the Sandbox ClientTrack environment."}),
        ),
        _ => Reply::json(404, &json!({})),
    });
    let client = client_for(&server, fast_retries().0);
    let mut params = serde_json::Map::new();
    params.insert("ClientID".into(), json!(42));
    let r = client
        .call_procedure("dbo.ClientsWithCases", &params)
        .unwrap();
    assert_eq!(
        r.rows(),
        [serde_json::from_value::<Row>(json!({"ClientID": 42})).unwrap()]
    );
    assert_eq!(r.result_sets[1].1[0]["CaseMgrID"], 9);
    assert_eq!(r.output, [json!({"Count": 1})]);

    let table = client.describe("Enrollment").unwrap();
    assert_eq!(table.columns().len(), 2);
    assert_eq!(table.columns()[0].name, "EnrollID");
    assert_eq!(client.get("cmClient", 42).unwrap()["FirstName"], "Ann");
    assert_eq!(
        client.auth_test().unwrap().environment.as_deref(),
        Some("Sandbox")
    );
    let err = client.get("cmClient", 43).unwrap_err();
    assert!(matches!(&err, Error::NotFound { path } if path == "/cto/cmClient/43"));
}

#[test]
fn keys_appear_in_no_error_log_line_or_debug_output() {
    // A server that echoes every header and the target back in its error.
    let server = TestServer::start(|req| {
        let echo = format!("{} {:?}", req.target, req.headers);
        Reply::json(503, &json!({"errors": [echo]}))
    });
    let lines = Arc::new(Mutex::new(Vec::<String>::new()));
    let l = lines.clone();
    let (policy, _) = fast_retries();
    let client = Client::builder()
        .endpoint(server.url())
        .subscription_key(SUB)
        .key_placement(crql::exec::KeyPlacement::QueryParameter)
        .api_key(API)
        .retry(policy)
        .on_event(move |e| l.lock().unwrap().push(e.to_string()))
        .build()
        .unwrap();
    let err = client.fetch_all(&clients_query(None)).unwrap_err();
    let url = client
        .url(&clients_query(None), QueryOptions::default())
        .unwrap();
    let mut outputs = vec![
        err.to_string(),
        format!("{err:?}"),
        crql::diagnostic::render(&err, 100),
        format!("{client:?}"),
        url.clone(),
    ];
    outputs.extend(lines.lock().unwrap().iter().cloned());
    assert!(
        outputs[0].contains("<redacted>"),
        "the server did echo the keys: {}",
        outputs[0]
    );
    assert!(
        url.contains("subscription-key=%3Credacted%3E")
            || url.contains("subscription-key=<redacted>"),
        "{url}"
    );
    for o in &outputs {
        assert!(!o.contains(SUB) && !o.contains(API), "leaked: {o}");
    }
    // And the keys did reach the server, where they belong.
    assert_eq!(server.seen()[0].param("subscription-key"), Some(SUB));
}

#[test]
fn plain_http_is_refused_off_loopback() {
    let err = Client::builder()
        .endpoint("http://api.clienttrack.net")
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("plain HTTP"), "{err}");
}
