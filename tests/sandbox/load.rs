//! Bounded load tests: 16, then 64 concurrent clients each page through all of
//! cmClient with `shouldCache=true` over real HTTP; every client must get every row
//! exactly once. Each prints requests/s and latency percentiles (run with
//! `--nocapture` to see them); timing is reported, never asserted.
//!
//! Thousands of requests take seconds of both cores, so the default `cargo test`
//! skips them; `.ci/run` runs them in a step of their own:
//! `cargo test --all-features --test sandbox load -- --ignored --nocapture`.
#![cfg(all(feature = "sandbox", feature = "http"))]

use crate::support::sandbox_kit as kit;

use std::sync::Arc;
use std::time::{Duration, Instant};

use crql::sandbox::Value;
use kit::{As, json, start};

const ROWS: usize = 10_000;
const PAGE: usize = 100;

#[test]
#[ignore = "a load test (1,600 requests): .ci/run runs it in its own step"]
fn sixteen_clients_page_through_cm_client_and_each_gets_every_row_once() {
    pull(16);
}

#[test]
#[ignore = "a load test (6,400 requests): .ci/run runs it in its own step"]
fn sixty_four_clients_page_through_cm_client_and_each_gets_every_row_once() {
    pull(64);
}

/// `clients` concurrent full paged pulls of cmClient, each checked row by row.
fn pull(clients: usize) {
    let sb = Arc::new(start(ROWS));
    let table = sb.data.table("cmClient").unwrap();
    let mut all: Vec<i64> = table
        .rows
        .iter()
        .map(|r| match table.get(r, "ClientID") {
            Value::Int(i) => *i,
            v => panic!("{v:?}"),
        })
        .collect();
    all.sort();

    let started = Instant::now();
    let handles: Vec<_> = (0..clients)
        .map(|_| {
            let sb = sb.clone();
            std::thread::spawn(move || {
                let mut ids = Vec::new();
                let mut latencies = Vec::new();
                // Bounded: never more pages than the table could fill, plus one.
                for page in 1..=((ROWS + 1) / PAGE + 2) {
                    let t = Instant::now();
                    let r = sb.crql(
                        As::Admin,
                        "SELECT ClientID, FirstName, LastName FROM cmClient",
                        page,
                        PAGE,
                        true,
                    );
                    latencies.push(t.elapsed());
                    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
                    let v = json(&r);
                    let rows = v["data"]["Table1"].as_array().cloned().unwrap_or_default();
                    ids.extend(rows.iter().map(|r| r["ClientID"].as_i64().unwrap()));
                    // A short page is the last one: page by counting rows.
                    if rows.len() < PAGE {
                        break;
                    }
                }
                (ids, latencies)
            })
        })
        .collect();
    let mut latencies: Vec<Duration> = Vec::new();
    for h in handles {
        let (mut ids, lat) = h.join().expect("client thread");
        ids.sort();
        assert_eq!(
            ids.len(),
            all.len(),
            "a client got {} rows of {}",
            ids.len(),
            all.len()
        );
        assert_eq!(ids, all, "every row exactly once");
        latencies.extend(lat);
    }
    let elapsed = started.elapsed();
    latencies.sort();
    let pct = |p: f64| {
        latencies[((latencies.len() as f64 * p).ceil() as usize).clamp(1, latencies.len()) - 1]
    };
    println!(
        "sandbox load: {clients} clients x {} rows, pageSize {PAGE}: {} requests in {:.2} s = {:.0} requests/s; latency p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        all.len(),
        latencies.len(),
        elapsed.as_secs_f64(),
        latencies.len() as f64 / elapsed.as_secs_f64(),
        pct(0.50).as_secs_f64() * 1e3,
        pct(0.99).as_secs_f64() * 1e3,
        latencies[latencies.len() - 1].as_secs_f64() * 1e3,
    );
}
