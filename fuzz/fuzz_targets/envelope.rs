//! Arbitrary bytes as CTAPI answers, read by the executor through its public client
//! over a scripted transport: every call ends in rows (or a record, a procedure
//! result, ...) or a typed `crql::exec::Error`, never a panic or an endless pull;
//! delivered rows never carry the `__crql_rid` sequence column; no error ever shows
//! a key, even when the server echoes it back.
//!
//! Input layout, so that seeds stay readable JSON:
//! `call-byte (status-byte body) [0xFF status-byte body]...` — one answer per
//! `0xFF`-separated segment (0xFF never occurs in UTF-8, so never inside JSON).
#![no_main]

#[path = "../../tests/support/ast_kit.rs"]
mod ast_kit;

use ast_kit::{select, table, with_top, with_where};
use crql::ast::{BinaryOp, Expr, Query};
use crql::exec::testing::ScriptedTransport;
use crql::exec::{Client, QueryOptions, ROW_ID_COLUMN, RetryPolicy, Sleeper};
use libfuzzer_sys::fuzz_target;

const API_KEY: &str = "FUZZ-API-KEY-0123456789";
const SUBSCRIPTION_KEY: &str = "FUZZ-SUB-KEY-9876543210";

/// Statuses worth telling apart: success, the three 401 meanings, retryable 5xx
/// and 429, the final 4xx, and odd ones.
const STATUSES: &[u16] = &[
    200, 200, 200, 200, 201, 202, 204, 301, 400, 401, 403, 404, 408, 429, 500, 502, 503, 504, 0,
    999,
];

fn query(top: Option<u8>) -> Query<'static> {
    let q = select(
        table("cmClient", None),
        vec![Expr::column("ClientID"), Expr::column("FirstName")],
    );
    let q = match top {
        Some(n) => with_top(q, n.into()),
        None => q,
    };
    with_where(q, Expr::column("ClientID").binary(BinaryOp::Gt, Expr::integer(0)))
}

fn check_error(e: &crql::exec::Error) {
    let shown = format!("{e} {e:?}");
    assert!(
        !shown.contains(API_KEY) && !shown.contains(SUBSCRIPTION_KEY),
        "a key leaked into an error: {shown}"
    );
    // Server text reaches a terminal through errors: no control character raw.
    let text = e.to_string();
    assert!(
        !text.chars().any(crql::exec::shown::is_unsafe),
        "a control character reached an error: {text:?}"
    );
}

fn check_row(row: &crql::exec::Row) {
    assert!(
        !row.contains_key(ROW_ID_COLUMN),
        "a delivered row still carries {ROW_ID_COLUMN}"
    );
}

fuzz_target!(|data: &[u8]| {
    let Some((&call, rest)) = data.split_first() else {
        return;
    };
    let mut script = ScriptedTransport::new();
    let mut answers = 0usize;
    for segment in rest.split(|&b| b == 0xFF) {
        let Some((&s, body)) = segment.split_first() else {
            continue;
        };
        let status = STATUSES[usize::from(s & 0x7F) % STATUSES.len()];
        let retry_after = (s & 0x80 != 0).then(|| u64::from(s & 0x7F).to_string());
        let headers: Vec<(&str, &str)> = match &retry_after {
            Some(v) => vec![("Retry-After", v.as_str())],
            None => vec![],
        };
        script = script.raw(status, &headers, body);
        answers += 1;
    }

    let page_size = u32::from(call >> 4) + 1;
    let client = match Client::builder()
        .endpoint("https://api.clienttrack.net")
        .api_key(API_KEY)
        .subscription_key(SUBSCRIPTION_KEY)
        .page_size(page_size)
        .retry(RetryPolicy::default().with_sleeper(Sleeper::from_fn(|_| {})))
        .transport(script)
        .build()
    {
        Ok(c) => c,
        Err(e) => panic!("a fixed, valid configuration was refused: {e}"),
    };

    match call & 0x07 {
        0..=2 => {
            let top = match call & 0x07 {
                0 => None,
                1 => Some(page_size as u8),
                _ => Some(3 * page_size as u8),
            };
            let options = QueryOptions {
                max_rows: (call & 0x08 != 0).then_some(u64::from(page_size) * 2),
                ..QueryOptions::default()
            };
            let limit = match (top, options.max_rows) {
                (Some(t), Some(m)) => Some(u64::from(t).min(m)),
                (t, m) => t.map(u64::from).or(m),
            };
            let rows = match client.query_with(&query(top), options) {
                Ok(rows) => rows,
                // The linter may refuse the query shape; that is not the reader's concern.
                Err(crql::exec::Error::Lint { .. }) => return,
                Err(e) => panic!("the query was refused before any answer was read: {e}"),
            };
            let mut delivered = 0u64;
            // Each answer yields at most one page; with retries, a page can take
            // several answers. Anything beyond that is an endless pull.
            for (i, row) in rows.enumerate() {
                assert!(i <= (answers + 1) * 500, "the pull does not end");
                match row {
                    Ok(row) => {
                        check_row(&row);
                        delivered += 1;
                    }
                    Err(e) => {
                        check_error(&e);
                        break;
                    }
                }
            }
            if let Some(l) = limit {
                assert!(
                    delivered <= l,
                    "{delivered} rows delivered past the limit {l}"
                );
            }
        }
        3 => match client.call_procedure("dbo.FuzzProc", &serde_json::Map::new()) {
            Ok(result) => drop(result),
            Err(e) => check_error(&e),
        },
        4 => match client.describe("cmClient") {
            Ok(columns) => drop(columns),
            Err(e) => check_error(&e),
        },
        5 => match client.get("cmClient", 1) {
            Ok(row) => check_row(&row),
            Err(e) => check_error(&e),
        },
        _ => match client.auth_test() {
            Ok(info) => drop(info),
            Err(e) => check_error(&e),
        },
    }
});
