//! The executor's logic over the scripted transport: paging, retries, envelopes,
//! credentials. (Real HTTP is exercised in `tests/exec_http.rs`.)

use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};

use super::paging::{Plan, Rows};
use super::testing::{FnTransport, ScriptedTransport, json_response, query_param, rows_envelope};
use super::*;

fn row(n: u64) -> Value {
    json!({"ClientID": n, "FirstName": format!("F{n}")})
}

fn rows(range: std::ops::Range<u64>) -> Vec<Value> {
    range.map(row).collect()
}

/// Sleeps recorded instead of slept.
fn recorded() -> (RetryPolicy, Arc<Mutex<Vec<Duration>>>) {
    let log = Arc::new(Mutex::new(Vec::new()));
    let l = log.clone();
    let policy = RetryPolicy::default().with_sleeper(Sleeper::from_fn(move |d| {
        l.lock().unwrap().push(d);
    }));
    (policy, log)
}

fn client(t: Arc<ScriptedTransport>, policy: RetryPolicy) -> Client {
    Client::builder()
        .endpoint("https://api.example.test")
        .subscription_key("sub-SECRET-1")
        .api_key("api-SECRET-2")
        .retry(policy)
        .shared_transport(t)
        .build()
        .unwrap()
}

fn pull(c: &Client, top: Option<u64>, opts: QueryOptions) -> Rows {
    let plan = Plan::new(c, top, &opts);
    Rows::new(c.clone(), "SELECT ClientID FROM cmClient".into(), plan)
}

fn ids(rows: &[Row]) -> Vec<u64> {
    rows.iter()
        .map(|r| r["ClientID"].as_u64().unwrap())
        .collect()
}

#[test]
fn pages_until_a_short_page_ignoring_record_count() {
    let t = Arc::new(
        ScriptedTransport::new()
            .json(200, rows_envelope(&rows(0..25), 3))
            .json(200, rows_envelope(&rows(25..50), 3))
            .json(200, rows_envelope(&rows(50..60), 3)),
    );
    let (p, _) = recorded();
    let c = client(t.clone(), p);
    let got: Vec<Row> = pull(&c, None, QueryOptions::default())
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(ids(&got), (0..60).collect::<Vec<_>>());
    assert!(got.iter().all(|r| !r.contains_key(ROW_ID_COLUMN)));
    let reqs = t.requests();
    let pages: Vec<&str> = reqs
        .iter()
        .map(|r| query_param(r, "pageNo").unwrap())
        .collect();
    assert_eq!(pages, ["1", "2", "3"]);
    assert!(
        reqs.iter()
            .all(|r| query_param(r, "pageSize") == Some("25"))
    );
    assert!(
        reqs.iter()
            .all(|r| query_param(r, "shouldCache") == Some("true"))
    );
    assert_eq!(t.remaining(), 0);
}

#[test]
fn a_full_last_page_then_bare_object() {
    let t = Arc::new(
        ScriptedTransport::new()
            .json(200, rows_envelope(&rows(0..25), 25))
            .json(200, json!({})),
    );
    let c = client(t.clone(), recorded().0);
    let got: Vec<Row> = pull(&c, None, QueryOptions::default())
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(got.len(), 25);
    assert_eq!(t.requests().len(), 2);
}

#[test]
fn no_rows_is_empty_not_an_error() {
    let t = Arc::new(ScriptedTransport::new().json(200, json!({})));
    let c = client(t, recorded().0);
    assert_eq!(pull(&c, None, QueryOptions::default()).count(), 0);
}

#[test]
fn a_502_burst_on_page_two_neither_loses_nor_repeats() {
    let t = Arc::new(
        ScriptedTransport::new()
            .json(200, rows_envelope(&rows(0..25), 0))
            .raw(502, &[], b"Bad Gateway")
            .raw(502, &[], b"Bad Gateway")
            .fail(TransportError::Connect("reset".into()))
            .json(200, rows_envelope(&rows(25..40), 0)),
    );
    let (p, sleeps) = recorded();
    let c = client(t.clone(), p);
    let got: Vec<Row> = pull(&c, None, QueryOptions::default())
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(ids(&got), (0..40).collect::<Vec<_>>());
    let pages: Vec<String> = t
        .requests()
        .iter()
        .map(|r| query_param(r, "pageNo").unwrap().to_owned())
        .collect();
    assert_eq!(pages, ["1", "2", "2", "2", "2"]);
    let sleeps = sleeps.lock().unwrap();
    assert_eq!(sleeps.len(), 3);
    // Exponential with equal jitter: each within [b/2, b] for b = 250, 500, 1000 ms.
    for (d, b) in sleeps.iter().zip([250u64, 500, 1000]) {
        assert!(
            *d >= Duration::from_millis(b / 2) && *d <= Duration::from_millis(b),
            "{d:?}"
        );
    }
}

#[test]
fn a_page_that_keeps_failing_reports_where_and_resumes() {
    let mut script = ScriptedTransport::new().json(200, rows_envelope(&rows(0..25), 0));
    for _ in 0..4 {
        script = script.raw(503, &[], b"");
    }
    let t = Arc::new(script.json(200, rows_envelope(&rows(25..30), 0)));
    let c = client(t.clone(), recorded().0);
    let mut pull = pull(&c, None, QueryOptions::default());
    let mut got = Vec::new();
    let err = loop {
        match pull.next() {
            Some(Ok(r)) => got.push(r),
            Some(Err(e)) => break e,
            None => panic!("ended without the error"),
        }
    };
    match &err {
        Error::Paging {
            page: 2,
            delivered: 25,
            source,
        } => assert!(
            matches!(**source, Error::RetriesExhausted { attempts: 4, .. }),
            "{source:?}"
        ),
        e => panic!("{e:?}"),
    }
    assert_eq!(err.status(), Some(503));
    assert!(pull.next().is_none(), "a failed pull stops until resumed");
    assert!(pull.resume());
    got.extend(pull.map(Result::unwrap));
    assert_eq!(ids(&got), (0..30).collect::<Vec<_>>());
}

#[test]
fn start_page_resumes_a_new_pull() {
    let t = Arc::new(ScriptedTransport::new().json(200, rows_envelope(&rows(50..55), 0)));
    let c = client(t.clone(), recorded().0);
    let opts = QueryOptions {
        start_page: Some(3),
        ..Default::default()
    };
    assert_eq!(pull(&c, None, opts).count(), 5);
    assert_eq!(query_param(&t.requests()[0], "pageNo"), Some("3"));
}

#[test]
fn client_errors_are_never_retried() {
    for (status, body) in [
        (400, json!({"errors": ["Invalid column name 'Foo'."]})),
        (401, json!({"errors": ["Missing or incorrect ApiKey"]})),
        (404, json!({})),
    ] {
        let t = Arc::new(
            ScriptedTransport::new()
                .json(status, body)
                .json(200, json!({})),
        );
        let (p, sleeps) = recorded();
        let c = client(t.clone(), p);
        let err = pull(&c, None, QueryOptions::default())
            .next()
            .unwrap()
            .unwrap_err();
        assert_eq!(err.status(), Some(status));
        assert_eq!(t.requests().len(), 1, "{status} was retried");
        assert!(sleeps.lock().unwrap().is_empty());
        if status == 400 {
            assert!(
                err.to_string().contains("Invalid column name 'Foo'"),
                "{err}"
            );
        }
    }
}

#[test]
fn retry_after_is_honoured_and_bounded() {
    let t = Arc::new(
        ScriptedTransport::new()
            .raw(429, &[("Retry-After", "3")], b"")
            .json(200, json!({})),
    );
    let (p, sleeps) = recorded();
    let c = client(t.clone(), p);
    assert_eq!(pull(&c, None, QueryOptions::default()).count(), 0);
    assert_eq!(*sleeps.lock().unwrap(), [Duration::from_secs(3)]);

    let t = Arc::new(ScriptedTransport::new().raw(429, &[("Retry-After", "3600")], b""));
    let (p, sleeps) = recorded();
    let c = client(t.clone(), p);
    let err = pull(&c, None, QueryOptions::default())
        .next()
        .unwrap()
        .unwrap_err();
    assert_eq!(err.status(), Some(429));
    assert!(sleeps.lock().unwrap().is_empty());
}

#[test]
fn timeouts_are_retried() {
    let t = Arc::new(
        ScriptedTransport::new()
            .fail(TransportError::Timeout(Duration::from_secs(1)))
            .json(200, rows_envelope(&rows(0..3), 3)),
    );
    let c = client(t.clone(), recorded().0);
    assert_eq!(pull(&c, None, QueryOptions::default()).count(), 3);
    assert_eq!(t.requests().len(), 2);
}

#[test]
fn top_sets_the_page_size_and_bounds_the_pull() {
    let t = Arc::new(ScriptedTransport::new().json(200, rows_envelope(&rows(0..200), 9999)));
    let c = client(t.clone(), recorded().0);
    assert_eq!(pull(&c, Some(200), QueryOptions::default()).count(), 200);
    let r = &t.requests()[0];
    assert_eq!(query_param(r, "pageSize"), Some("200"));
    assert_eq!(query_param(r, "shouldCache"), Some("false"));
    assert_eq!(
        t.requests().len(),
        1,
        "a full page at the TOP limit is the end"
    );

    // TOP above the page cap: pages of 500, stopping at TOP.
    let t = Arc::new(
        ScriptedTransport::new()
            .json(200, rows_envelope(&rows(0..500), 0))
            .json(200, rows_envelope(&rows(500..1000), 0)),
    );
    let c = client(t.clone(), recorded().0);
    assert_eq!(pull(&c, Some(700), QueryOptions::default()).count(), 700);
    assert_eq!(query_param(&t.requests()[0], "shouldCache"), Some("true"));
    assert_eq!(t.requests().len(), 2);

    // max_rows without TOP: smaller pages, stops early.
    let t = Arc::new(ScriptedTransport::new().json(200, rows_envelope(&rows(0..10), 0)));
    let c = client(t.clone(), recorded().0);
    let opts = QueryOptions {
        max_rows: Some(10),
        ..Default::default()
    };
    assert_eq!(pull(&c, None, opts).count(), 10);
    assert_eq!(query_param(&t.requests()[0], "pageSize"), Some("10"));
}

#[test]
fn an_oversized_page_is_an_error_not_a_silent_overlap() {
    let t = Arc::new(ScriptedTransport::new().json(200, rows_envelope(&rows(0..30), 0)));
    let c = client(t, recorded().0);
    let err = pull(&c, None, QueryOptions::default())
        .next()
        .unwrap()
        .unwrap_err();
    assert!(
        err.to_string().contains("30 rows but pageSize was 25"),
        "{err}"
    );
}

#[test]
fn malformed_bodies_are_errors_with_an_excerpt_and_not_retried() {
    let t = Arc::new(ScriptedTransport::new().raw(200, &[], br#"{"data": {"Table1": [{"Cli"#));
    let c = client(t.clone(), recorded().0);
    let err = pull(&c, None, QueryOptions::default())
        .next()
        .unwrap()
        .unwrap_err();
    assert!(matches!(err, Error::Envelope { .. }), "{err:?}");
    assert!(err.to_string().contains(r#"{"data": {"Table1": [{"Cli"#));
    assert_eq!(t.requests().len(), 1);
}

#[test]
fn credentials_travel_as_ctapi_expects() {
    let t = Arc::new(ScriptedTransport::new().json(200, json!({"message": "Hello"})));
    let c = Client::builder()
        .endpoint("https://h")
        .subscription_key("S")
        .api_key("A")
        .org_id(7)
        .shared_transport(t.clone())
        .build()
        .unwrap();
    c.auth_test().unwrap();
    let r = &t.requests()[0];
    let h = |n: &str| {
        r.headers
            .iter()
            .find(|(k, _)| k == n)
            .map(|(_, v)| v.as_str())
    };
    assert_eq!(h("Ocp-Apim-Subscription-Key"), Some("S"));
    assert_eq!(h("Authorization"), Some("ApiKey A"));
    assert_eq!(h("OrgId"), Some("7"));
    assert_eq!(r.path, "/auth/test");

    let t = Arc::new(ScriptedTransport::new().json(200, json!({"message": "Hello"})));
    let c = Client::builder()
        .subscription_key("S")
        .key_placement(KeyPlacement::QueryParameter)
        .shared_transport(t.clone())
        .build()
        .unwrap();
    c.auth_test().unwrap();
    let r = &t.requests()[0];
    assert_eq!(query_param(r, "subscription-key"), Some("S"));
    assert!(
        r.headers
            .iter()
            .all(|(k, _)| k != "Ocp-Apim-Subscription-Key")
    );
}

#[test]
fn keys_never_show_in_errors_events_or_debug() {
    let key_a = "api-SECRET-2";
    let key_s = "sub-SECRET-1";
    let lines = Arc::new(Mutex::new(Vec::<String>::new()));
    let l = lines.clone();
    // A hostile server echoes everything it got into its errors.
    let echo = FnTransport(|r: &Request| {
        let all = format!("{:?} {:?}", r.headers, r.query);
        Ok(json_response(502, &json!({"errors": [all]})))
    });
    let (p, _) = recorded();
    let c = Client::builder()
        .endpoint("https://h")
        .subscription_key(key_s)
        .key_placement(KeyPlacement::QueryParameter)
        .api_key(key_a)
        .retry(p)
        .on_event(move |e| l.lock().unwrap().push(e.to_string()))
        .transport(echo)
        .build()
        .unwrap();
    let err = c.auth_test().unwrap_err();
    let mut seen = vec![
        err.to_string(),
        format!("{err:?}"),
        crate::diagnostic::render(&err, 80),
        format!("{c:?}"),
        format!("{:?}", Client::builder().api_key(key_a)),
        format!("{:?}", c.request(Method::Get, "/x".into(), vec![], None)),
    ];
    seen.extend(lines.lock().unwrap().iter().cloned());
    assert!(seen.len() > 6, "events were logged");
    assert!(
        seen[0].contains("<redacted>"),
        "the echo was redacted: {}",
        seen[0]
    );
    for s in &seen {
        assert!(!s.contains("SECRET"), "leaked: {s}");
    }
}

#[test]
fn typed_rows_name_the_row_and_column() {
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Client_ {
        #[serde(rename = "ClientID")]
        id: u32,
        #[serde(rename = "FirstName")]
        first: String,
    }
    let t = Arc::new(ScriptedTransport::new().json(
        200,
        rows_envelope(
            &[row(1), json!({"ClientID": "x", "FirstName": "B"}), row(3)],
            3,
        ),
    ));
    let c = client(t, recorded().0);
    let mut it = pull(&c, None, QueryOptions::default()).typed::<Client_>();
    assert_eq!(it.next().unwrap().unwrap().id, 1);
    let err = it.next().unwrap().unwrap_err();
    assert!(
        matches!(&err, Error::Row { index: 1, column: Some(c), .. } if c == "ClientID"),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .starts_with("row 1, column `ClientID`: invalid type"),
        "{err}"
    );

    let missing =
        deserialize_row::<Client_>(serde_json::from_value(json!({"ClientID": 1})).unwrap(), 4)
            .unwrap_err();
    assert!(matches!(&missing, Error::Row { index: 4, column: Some(c), .. } if c == "FirstName"));
}

#[test]
fn procedures_validate_names_and_read_every_set() {
    let t = Arc::new(ScriptedTransport::new().json(
        200,
        json!({"output": [{"Total": 2}], "result": {"table1": [{"a": 1}], "table2": [{"b": 2}]}}),
    ));
    let c = client(t.clone(), recorded().0);
    let mut params = serde_json::Map::new();
    params.insert("ClientID".into(), json!(5));
    let r = c.call_procedure("dbo.GetThings", &params).unwrap();
    assert_eq!(r.result_sets.len(), 2);
    assert_eq!(r.output, [json!({"Total": 2})]);
    let req = &t.requests()[0];
    assert_eq!(req.method, Method::Post);
    assert_eq!(req.path, "/crql/storedprocedures/dbo.GetThings");
    assert_eq!(req.body.as_deref(), Some(br#"{"ClientID":5}"#.as_slice()));

    assert!(matches!(
        c.call_procedure("x/../../auth", &params),
        Err(Error::InvalidName { .. })
    ));
    assert_eq!(t.requests().len(), 1, "an invalid name is never sent");
}

#[test]
fn procedures_are_not_retried_on_5xx_but_are_on_429() {
    let t = Arc::new(
        ScriptedTransport::new()
            .raw(502, &[], b"")
            .json(200, json!({})),
    );
    let c = client(t.clone(), recorded().0);
    let err = c.call_procedure("P", &Default::default()).unwrap_err();
    assert_eq!(err.status(), Some(502));
    assert_eq!(t.requests().len(), 1);

    let t = Arc::new(
        ScriptedTransport::new()
            .raw(429, &[("Retry-After", "1")], b"")
            .json(200, json!({"result": {"table1": []}})),
    );
    let c = client(t.clone(), recorded().0);
    assert!(c.call_procedure("P", &Default::default()).is_ok());

    let t = Arc::new(ScriptedTransport::new().json(
        401,
        json!({"errors": ["The procedure P is not available at this time."]}),
    ));
    let c = client(t, recorded().0);
    assert!(matches!(
        c.call_procedure("P", &Default::default()),
        Err(Error::ProcedureUnavailable { .. })
    ));
}

#[test]
fn describe_get_and_auth() {
    let t = Arc::new(
        ScriptedTransport::new()
            .json(200, json!({"metadata": [{"attributeName": "ClientID", "dataType": "int"}, {"attributeName": "FirstName"}]}))
            .json(200, json!({"ClientID": 5, "FirstName": "Ann"}))
            .json(404, json!({}))
            .json(200, json!({"message": "Hello Ann from the Training ClientTrack environment."})),
    );
    let c = client(t.clone(), recorded().0);
    let table = c.describe("cmClient").unwrap();
    assert_eq!(table.name(), "cmClient");
    let cols = table.columns();
    assert_eq!(
        cols.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
        ["ClientID", "FirstName"]
    );
    assert_eq!(cols[0].ty, crate::schema::ColumnType::Integer);
    assert!(!cols[0].inferred, "typed by the description");
    assert!(cols[1].inferred, "typed from the name");
    assert_eq!(c.get("cmClient", 5).unwrap()["FirstName"], "Ann");
    assert!(matches!(c.get("cmClient", 6), Err(Error::NotFound { .. })));
    assert_eq!(
        c.auth_test().unwrap().environment.as_deref(),
        Some("Training")
    );
    let paths: Vec<String> = t.requests().iter().map(|r| r.path.clone()).collect();
    assert_eq!(
        paths,
        [
            "/cto/cmClient/description",
            "/cto/cmClient/5",
            "/cto/cmClient/6",
            "/auth/test"
        ]
    );
    assert!(c.get("cm/Client", 1).is_err());
}

#[test]
fn configuration_is_checked() {
    let t = Arc::new(ScriptedTransport::new());
    for b in [
        Client::builder().page_size(0),
        Client::builder().page_size(501),
        Client::builder().endpoint("http://api.clienttrack.net"),
    ] {
        assert!(matches!(
            b.shared_transport(t.clone()).build(),
            Err(Error::Config(_))
        ));
    }
    assert!(matches!(Client::builder().build(), Err(Error::Config(_))));
}

/// `SELECT [TOP n] ClientID, FirstName FROM cmClient [WHERE ClientID IN (ids)]`,
/// built by hand (the parser is another module's concern).
fn select(top: Option<i64>, in_list: Option<Vec<i64>>) -> crate::Query<'static> {
    use crate::ast::*;
    let mut q = crate::lint::tests::test_query("cmClient", &["ClientID", "FirstName"]);
    q.select.top = top.map(|n| Top {
        quantity: Expr::integer(n),
        percent: false,
        with_ties: false,
        span: Span::empty(),
    });
    q.select.selection = in_list.map(|ids| Expr::InList {
        expr: Box::new(Expr::column("ClientID")),
        list: ids.into_iter().map(Expr::integer).collect(),
        negated: false,
        span: Span::empty(),
    });
    q
}

#[test]
fn a_query_is_sent_as_its_canonical_text() {
    let t = Arc::new(ScriptedTransport::new().json(200, rows_envelope(&rows(0..5), 5)));
    let c = client(t.clone(), recorded().0);
    let q = select(Some(5), None);
    let got = c.fetch_all(&q).unwrap();
    assert_eq!(ids(&got), [0, 1, 2, 3, 4]);
    let r = &t.requests()[0];
    assert_eq!(
        query_param(r, "q"),
        Some("SELECT TOP 5 ClientID, FirstName FROM cmClient")
    );
    assert_eq!(query_param(r, "pageSize"), Some("5"));
    assert_eq!(
        c.url(&q, QueryOptions::default()).unwrap(),
        "https://api.example.test/crql?q=SELECT%20TOP%205%20ClientID%2C%20FirstName%20FROM%20cmClient&pageNo=1&pageSize=5&shouldCache=false"
    );
}

#[test]
fn a_query_too_long_for_the_url_is_stopped_locally() {
    let t = Arc::new(ScriptedTransport::new());
    let c = client(t.clone(), recorded().0);
    let q = select(Some(10), Some((100_000..100_400).collect()));
    let err = c.query(&q).unwrap_err();
    match &err {
        Error::Lint { diagnostics } => {
            assert_eq!(diagnostics[0].code, "E0207");
            assert!(diagnostics[0].message.contains("at most 2048"));
        }
        e => panic!("{e:?}"),
    }
    assert!(c.url(&q, QueryOptions::default()).is_err());
    assert!(t.requests().is_empty());
}

#[test]
fn lint_errors_stop_the_query_before_anything_is_sent() {
    let t = Arc::new(ScriptedTransport::new());
    let c = client(t.clone(), recorded().0);
    for (text, code) in [
        ("SELECT * FROM cmClient", "E0201"),
        ("SELECT ClientID, FirstName + 1 FROM cmClient", "E0204"),
        (
            "SELECT ClientID FROM cmClient ORDER BY ClientID OFFSET 10 ROWS",
            "E0205",
        ),
    ] {
        let q = crate::parse(text).unwrap();
        match c.query(&q) {
            Err(Error::Lint { diagnostics }) => {
                assert!(
                    diagnostics.iter().any(|d| d.code == code),
                    "{text}: {diagnostics:?}"
                )
            }
            other => panic!("{text}: {other:?}"),
        }
        assert!(c.url(&q, QueryOptions::default()).is_err());
    }
    assert!(t.requests().is_empty());
}

#[test]
fn warnings_do_not_stop_a_query_and_a_client_schema_replaces_the_builtin() {
    // W0401 (no TOP) is a warning: the query runs.
    let t = Arc::new(ScriptedTransport::new().json(200, json!({})));
    let c = client(t.clone(), recorded().0);
    let q = crate::parse("SELECT ClientID FROM cmClient").unwrap();
    assert!(c.fetch_all(&q).unwrap().is_empty());

    // A table or a column the built-in (partial) schema does not list is a warning
    // (W0101, W0102): the server may well have it, so the query is sent.
    let t = Arc::new(
        ScriptedTransport::new()
            .json(200, json!({}))
            .json(200, json!({})),
    );
    let c = client(t.clone(), recorded().0);
    for text in [
        "SELECT TOP 5 SiteID FROM cmSite",
        "SELECT TOP 5 ClientID, BirthDate FROM cmClient",
    ] {
        let q = crate::parse(text).unwrap();
        assert!(c.fetch_all(&q).unwrap().is_empty(), "{text}");
    }
    assert_eq!(t.requests().len(), 2);

    // A client schema whose table is complete refuses a column it lacks.
    let schema = crate::schema::Schema::from_json(
        r#"{"tables": [{"name": "cmSite", "complete": true, "columns": [{"name": "SiteID", "type": "integer"}]}]}"#,
    )
    .unwrap();
    let t = Arc::new(ScriptedTransport::new().json(200, json!({})));
    let c = Client::builder()
        .schema(schema)
        .shared_transport(t.clone())
        .build()
        .unwrap();
    let q = crate::parse("SELECT TOP 5 SiteID FROM cmSite").unwrap();
    assert!(c.fetch_all(&q).unwrap().is_empty());
    let q = crate::parse("SELECT TOP 5 SiteName FROM cmSite").unwrap();
    assert!(matches!(c.query(&q), Err(Error::Lint { .. })));
    assert_eq!(t.requests().len(), 1);
}

#[test]
fn a_client_from_a_project_takes_its_endpoint_and_its_cached_descriptions() {
    use crate::config::Config;
    let root = std::env::temp_dir().join(format!("crql-exec-project-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("queries/deep")).unwrap();
    std::fs::write(
        root.join("crql.toml"),
        "[run]\nendpoint = \"https://crql.example.org\"\n",
    )
    .unwrap();
    let birthdate = crate::parse("SELECT TOP 5 ClientID, BirthDate FROM cmClient").unwrap();
    let config = Config::discover(&root.join("queries/deep")).unwrap();
    let no_env = || ClientBuilder::from_lookup(|_| None);

    // The file's endpoint, under the environment's and an explicit one.
    let b = no_env().with_config(&config).unwrap();
    assert_eq!(b.configured_endpoint(), Some("https://crql.example.org"));
    let env =
        ClientBuilder::from_lookup(|k| (k == ENV_ENDPOINT).then(|| "https://env.test".into()));
    let b = env.with_config(&config).unwrap();
    assert_eq!(b.configured_endpoint(), Some("https://env.test"));
    let b = no_env()
        .endpoint("https://set.test")
        .with_config(&config)
        .unwrap();
    assert_eq!(b.configured_endpoint(), Some("https://set.test"));

    // Nothing cached: BirthDate is only a warning, and the query is sent.
    let t = Arc::new(ScriptedTransport::new().json(200, json!({})));
    let c = no_env()
        .with_config(&config)
        .unwrap()
        .shared_transport(t.clone())
        .build()
        .unwrap();
    assert!(c.fetch_all(&birthdate).unwrap().is_empty());
    assert_eq!(t.requests().len(), 1);

    // Once the project caches the server's description without BirthDate, the
    // client refuses the query before sending, with the linter's did-you-mean.
    let described = crate::schema::Table::new(
        "cmClient",
        [
            ("ClientID", crate::schema::ColumnType::Integer),
            ("BirthDateQuality", crate::schema::ColumnType::Integer),
        ],
    );
    crate::schema::cache::save_table(&config.cache_dir(), &described).unwrap();
    let t = Arc::new(ScriptedTransport::new());
    let c = no_env()
        .with_config(&config)
        .unwrap()
        .shared_transport(t.clone())
        .build()
        .unwrap();
    match c.query(&birthdate) {
        Err(Error::Lint { diagnostics }) => {
            let codes: Vec<_> = diagnostics.iter().map(|d| d.code).collect();
            assert_eq!(codes, [crate::Code::E0102]);
            let help = diagnostics[0].help.as_deref().unwrap_or_default();
            assert!(help.contains("BirthDateQuality"), "{help}");
        }
        other => panic!("not refused: {other:?}"),
    }
    assert!(t.requests().is_empty(), "nothing sent");

    // A schema source the project names but that cannot be read: a config error.
    std::fs::write(root.join("crql.toml"), "[lint]\nschema = [\"missing\"]\n").unwrap();
    let config = Config::discover(&root).unwrap();
    assert!(matches!(
        no_env().with_config(&config),
        Err(Error::Config(m)) if m.contains("missing")
    ));
    std::fs::remove_dir_all(&root).unwrap();
}
