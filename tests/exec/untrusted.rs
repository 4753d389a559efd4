//! The executor against servers that misbehave on purpose: pages that never end,
//! `pageNo` ignored, keys echoed back in every spelling, control characters in
//! messages and rows. Over real HTTP on loopback, and through the real `crql`
//! binary; every server here answers a bounded number of requests.

#![cfg(feature = "http")]

use crate::support;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use crql::exec::{Client, Error, QueryOptions, REPEATED_ROWS_LIMIT, RetryPolicy};
use serde_json::{Value, json};
use support::server::{Reply, TestServer, envelope, page_reply};

const SUB: &str = "Sub-Key/7f3a+9c";
const API: &str = "api-key-44d1e0ab";

fn client(server: &TestServer, page_size: u32) -> Client {
    Client::builder()
        .endpoint(server.url())
        .subscription_key(SUB)
        .api_key(API)
        .page_size(page_size)
        .timeout(Duration::from_secs(5))
        .retry(RetryPolicy::none())
        .build()
        .unwrap()
}

fn query() -> crql::Query<'static> {
    crql::parse("select ClientID, FirstName from cmClient")
        .unwrap()
        .into_owned()
}

/// A server past its `limit`-th request answers 500: a runaway client fails the
/// test instead of running forever.
fn bounded(
    limit: usize,
    handler: impl Fn(&support::server::Seen) -> Reply + Send + Sync + 'static,
) -> TestServer {
    let n = AtomicUsize::new(0);
    TestServer::start(move |req| {
        if n.fetch_add(1, Ordering::SeqCst) >= limit {
            return Reply::status(500, "test server: request limit passed");
        }
        handler(req)
    })
}

/// Pulls until the first error; returns the rows delivered and the error.
fn pull(client: &Client, options: QueryOptions) -> (u64, Error) {
    let mut rows = client.query_with(&query(), options).unwrap();
    let mut delivered = 0;
    for r in rows.by_ref() {
        match r {
            Ok(_) => delivered += 1,
            Err(e) => return (delivered, e),
        }
    }
    panic!("the pull ended without an error after {delivered} rows");
}

#[test]
fn a_server_that_always_sends_full_pages_is_stopped_by_the_page_cap() {
    let server = bounded(100, |req| page_reply(req, u64::MAX / 4));
    let (delivered, e) = pull(
        &client(&server, 25),
        QueryOptions {
            max_pages: Some(40),
            ..QueryOptions::default()
        },
    );
    assert!(matches!(e.root(), Error::PageLimit { pages: 40 }), "{e:?}");
    assert_eq!(delivered, 40 * 25);
    assert_eq!(server.seen().len(), 40, "no request past the cap");
    assert!(e.to_string().contains("sent no last page"), "{e}");
}

#[test]
fn the_default_page_cap_holds_in_process() {
    use crql::exec::testing::{FnTransport, json_response, query_param, rows_envelope};
    let calls = Arc::new(AtomicUsize::new(0));
    let c = calls.clone();
    let transport = FnTransport(move |req: &crql::exec::Request| {
        c.fetch_add(1, Ordering::Relaxed);
        let page: u64 = query_param(req, "pageNo").unwrap().parse().unwrap();
        // One fresh row per page, forever.
        Ok(json_response(
            200,
            &rows_envelope(&[json!({"ClientID": page})], 0),
        ))
    });
    let client = Client::builder()
        .transport(transport)
        .page_size(1)
        .build()
        .unwrap();
    let started = std::time::Instant::now();
    let (delivered, e) = pull(&client, QueryOptions::default());
    assert!(
        matches!(e.root(), Error::PageLimit { pages } if *pages == crql::exec::DEFAULT_MAX_PAGES),
        "{e:?}"
    );
    assert_eq!(delivered, u64::from(crql::exec::DEFAULT_MAX_PAGES));
    assert_eq!(calls.load(Ordering::Relaxed), 100_000);
    eprintln!("default cap: 100000 pages in {:?}", started.elapsed());
}

#[test]
fn a_server_that_ignores_page_no_is_stopped_within_a_few_pages() {
    // The first page, whatever page is asked for.
    let server = bounded(100, |req| {
        let mut first = req.clone();
        first.query.retain(|(k, _)| k != "pageNo");
        page_reply(&first, 10_000)
    });
    let (delivered, e) = pull(&client(&server, 25), QueryOptions::default());
    // Copies of page 1 count up to REPEATED_ROWS_LIMIT rows: pages 2..=5.
    let pages = 1 + REPEATED_ROWS_LIMIT.div_ceil(25) as usize;
    assert_eq!(pages, 5);
    assert_eq!(server.seen().len(), pages);
    match e.root() {
        Error::RepeatedPages {
            first: 2,
            last: 5,
            delivered_copies: 75,
        } => {}
        other => panic!("{other:?}"),
    }
    assert_eq!(delivered, 25 + 75, "page 1 and the copies before the stop");
    assert!(e.to_string().contains("ignores pageNo"), "{e}");

    // At the largest page size, the second page is enough.
    let server = bounded(10, |req| {
        let mut first = req.clone();
        first.query.retain(|(k, _)| k != "pageNo");
        page_reply(&first, 10_000)
    });
    let (delivered, e) = pull(&client(&server, 500), QueryOptions::default());
    assert!(
        matches!(
            e.root(),
            Error::RepeatedPages {
                first: 2,
                last: 2,
                ..
            }
        ),
        "{e:?}"
    );
    assert_eq!((delivered, server.seen().len()), (500, 2));
}

#[test]
fn a_repeated_page_of_identical_rows_is_stopped_by_the_page_cap() {
    let server = bounded(100, |_| {
        let rows: Vec<Value> = (0..25)
            .map(|_| json!({"ClientID": 7, "FirstName": "Same"}))
            .collect();
        Reply::json(200, &envelope(&rows, 25))
    });
    let (delivered, e) = pull(
        &client(&server, 25),
        QueryOptions {
            max_pages: Some(30),
            ..QueryOptions::default()
        },
    );
    assert!(matches!(e.root(), Error::PageLimit { pages: 30 }), "{e:?}");
    assert_eq!((delivered, server.seen().len()), (750, 30));
}

#[test]
fn real_data_that_repeats_briefly_is_delivered_whole() {
    // Pages of two alternating values repeat row for row, as a narrow field list
    // over few values does; 20 such pages and a short last one.
    let server = bounded(100, |req| {
        let page: u64 = req.param("pageNo").unwrap().parse().unwrap();
        let rows: Vec<Value> = if page <= 20 {
            vec![json!({"ClientID": 1}), json!({"ClientID": 2})]
        } else {
            vec![json!({"ClientID": 3})]
        };
        Reply::json(200, &envelope(&rows, 41))
    });
    let rows = client(&server, 2).fetch_all(&query()).unwrap();
    assert_eq!(rows.len(), 41);
    assert_eq!(server.seen().len(), 21);
}

/// Every 4-character piece of `key`, any case, absent from `text`.
fn assert_no_piece_of(key: &str, text: &str) {
    let lower = text.to_ascii_lowercase();
    for w in key.as_bytes().windows(4) {
        let w = std::str::from_utf8(w).unwrap().to_ascii_lowercase();
        assert!(!lower.contains(&w), "`{w}` of the key in: {text}");
    }
}

#[test]
fn keys_echoed_in_any_case_or_encoding_are_scrubbed_before_the_cut() {
    let forms = [
        SUB.to_owned(),
        SUB.to_uppercase(),
        SUB.to_lowercase(),
        "Sub-Key%2F7f3a%2B9c".to_owned(),
        "sub-key%2f7f3a%2b9c".to_owned(),
        r"Sub-Key\/7f3a+9c".to_owned(),
        API.to_uppercase(),
    ];
    for form in &forms {
        // In an error message, whole.
        let f = form.clone();
        let server = bounded(1, move |_| {
            Reply::json(
                400,
                &json!({"errors": [format!("bad request from key {f}")]}),
            )
        });
        let e = client(&server, 25).fetch_all(&query()).unwrap_err();
        assert_eq!(e.status(), Some(400));
        assert!(e.to_string().contains("<redacted>"), "{e}");
        assert_no_piece_of(&form.to_ascii_lowercase(), &e.to_string());

        // In a malformed body, across the 120-character excerpt cut.
        for at in [100, 110, 115, 118, 119, 120] {
            let body = format!("{}{form}\"", "x".repeat(at));
            let server = bounded(1, move |_| Reply::status(200, &body));
            let e = client(&server, 25).fetch_all(&query()).unwrap_err();
            assert!(matches!(e.root(), Error::Envelope { .. }), "{e:?}");
            let text = e.to_string();
            let key_part = text
                .split("body starts: ")
                .nth(1)
                .unwrap()
                .trim_start_matches('x');
            assert_no_piece_of(&form.to_ascii_lowercase(), key_part);
        }
    }
}

#[test]
fn control_characters_in_server_text_are_escaped_in_errors() {
    let server = bounded(1, |_| {
        Reply::json(
            400,
            &json!({"errors": ["\u{1b}]0;pwned\u{7}\u{1b}[2J\rover\u{9b}31m\u{202e}"]}),
        )
    });
    let e = client(&server, 25).fetch_all(&query()).unwrap_err();
    let text = e.to_string();
    assert!(!text.chars().any(|c| c.is_control()), "{text:?}");
    assert!(
        text.contains(r"\u{1b}]0;pwned\u{7}\u{1b}[2J\rover\u{9b}31m\u{202e}"),
        "{text}"
    );
}

#[cfg(feature = "cli")]
mod binary {
    //! The same attacks through `crql run`, the process a person runs.

    use super::*;
    use std::process::{Command, Output, Stdio};

    fn crql(server: &TestServer, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_crql"));
        cmd.env("CRQL_ENDPOINT", server.url())
            .env("CRQL_SUBSCRIPTION_KEY", SUB)
            .env("CRQL_API_KEY", API)
            .env_remove("CRQL_ORG_ID")
            // These tests count the server's requests, and run in the repository:
            // no description request, no schema cache written here
            // (describing is tested in tests/cli/project.rs).
            .args(["run", "--no-describe"])
            .args(args);
        cmd
    }

    fn run(server: &TestServer, args: &[&str]) -> Output {
        crql(server, args).output().expect("run crql")
    }

    const Q: &str = "select ClientID, FirstName from cmClient";

    fn hostile_rows() -> TestServer {
        bounded(10, |_| {
            let rows = vec![
                json!({"ClientID": 1, "FirstName": "\u{1b}]0;owned\u{7}Ann"}),
                json!({"ClientID": 2, "FirstName": "Bo\rb\u{1b}[2J\u{9b}1A"}),
            ];
            Reply::json(200, &envelope(&rows, 2))
        })
    }

    #[test]
    fn table_output_escapes_control_characters_and_data_formats_keep_them() {
        let server = hostile_rows();
        let o = run(&server, &[Q, "--format", "table"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let out = String::from_utf8(o.stdout).unwrap();
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
        assert!(out.contains(r"\u{1b}]0;owned\u{7}Ann"), "{out}");
        assert!(out.contains(r"Bo\rb\u{1b}[2J\u{9b}1A"), "{out}");

        for format in ["json", "ndjson"] {
            let o = run(&server, &[Q, "--format", format]);
            let out = String::from_utf8(o.stdout).unwrap();
            let names: Vec<String> = out
                .lines()
                .filter_map(|l| {
                    l.trim()
                        .trim_start_matches('[')
                        .trim_end_matches([',', ']'])
                        .parse::<Value>()
                        .ok()
                })
                .filter_map(|v| v["FirstName"].as_str().map(str::to_owned))
                .collect();
            assert_eq!(
                names,
                ["\u{1b}]0;owned\u{7}Ann", "Bo\rb\u{1b}[2J\u{9b}1A"],
                "{format}: {out}"
            );
        }
        let o = run(&server, &[Q, "--format", "csv"]);
        let out = String::from_utf8(o.stdout).unwrap();
        assert!(out.contains("\u{1b}]0;owned\u{7}Ann"), "{out:?}");
        assert!(out.contains("\"Bo\rb\u{1b}[2J\u{9b}1A\""), "{out:?}");
    }

    #[test]
    fn error_text_reaches_the_terminal_escaped_and_without_keys() {
        let echoed = format!("{}{}", "x".repeat(110), SUB.to_uppercase());
        let server = bounded(1, move |_| {
            Reply::json(
                400,
                &json!({"errors": [format!("\u{1b}]0;pwned\u{7}\u{1b}[2J key {echoed}")]}),
            )
        });
        let o = run(&server, &[Q]);
        assert_eq!(o.status.code(), Some(2));
        let err = String::from_utf8(o.stderr).unwrap();
        assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
        assert!(err.contains(r"\u{1b}]0;pwned"), "{err}");
        assert!(err.contains("<redacted>"), "{err}");
        assert_no_piece_of(&SUB.to_ascii_lowercase(), &err);
    }

    #[test]
    fn run_stops_against_a_server_that_ignores_page_no_or_never_ends() {
        let server = bounded(100, |req| {
            let mut first = req.clone();
            first.query.retain(|(k, _)| k != "pageNo");
            page_reply(&first, 10_000)
        });
        let o = run(&server, &[Q, "--format", "ndjson"]);
        assert_eq!(o.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&o.stderr).contains("ignores pageNo"));
        assert_eq!(server.seen().len(), 5);
        assert_eq!(o.stdout.iter().filter(|b| **b == b'\n').count(), 100);

        let server = bounded(100, |req| page_reply(req, u64::MAX / 4));
        let o = run(&server, &[Q, "--format", "ndjson", "--max-pages", "7"]);
        assert_eq!(o.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&o.stderr).contains("stopped after 7 pages"));
        assert_eq!(server.seen().len(), 7);
        assert_eq!(o.stdout.iter().filter(|b| **b == b'\n').count(), 7 * 25);
    }

    /// `VmHWM` (peak resident memory) of process `pid`, in KiB.
    fn peak_kib(pid: u32) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap()
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn table_output_holds_a_bounded_number_of_rows() {
        // 40,000 rows of ~1 KB (over 80 MB as parsed rows), then a last page held back until the child's peak
        // memory has been read.
        const ROWS: u64 = 40_000;
        let release = Arc::new(AtomicBool::new(false));
        let r = release.clone();
        let server = bounded(1_000, move |req| {
            let page: u64 = req.param("pageNo").unwrap().parse().unwrap();
            let start = (page - 1) * 500;
            if start >= ROWS {
                let deadline = std::time::Instant::now() + Duration::from_secs(20);
                while !r.load(Ordering::SeqCst) && std::time::Instant::now() < deadline {
                    std::thread::sleep(Duration::from_millis(5));
                }
                return Reply::json(200, &json!({}));
            }
            let rows: Vec<Value> = (start..(start + 500).min(ROWS))
                .map(|id| json!({"ClientID": id, "FirstName": "n".repeat(1000)}))
                .collect();
            Reply::json(200, &envelope(&rows, ROWS))
        });
        let mut child = crql(&server, &[Q, "--format", "table", "--page-size", "500"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let last = (ROWS / 500 + 1) as usize;
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        while server.seen().len() < last && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        assert_eq!(server.seen().len(), last, "the pull reached its last page");
        let peak = peak_kib(child.id());
        release.store(true, Ordering::SeqCst);
        assert!(child.wait().unwrap().success());
        eprintln!("crql run --format table, {ROWS} rows of 1 KB: peak {peak} KiB");
        // All the rows would be over 80 MB; the table holds 1,000 and one page.
        assert!(peak < 32 * 1024, "peak {peak} KiB");
    }
}
