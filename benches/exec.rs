//! Executor overhead: a 100-page pull (100 rows a page, 9,999 rows) from a loopback
//! server, side by side with plain loops of raw ureq GETs of the same pages, in one run.
//!
//! - `executor`: `Client::query`, rows consumed one by one.
//! - `raw_get_parse`: ureq GET of each page URL + `serde_json::from_slice::<Value>`
//!   (what any caller of the raw API must do), on an agent with the same timeout.
//! - `raw_get_parse_no_timeout`: the same on ureq's default agent (no timeout).
//! - `raw_get`: the bytes only, for scale.
//! - `*_in_memory`: the executor over an in-memory transport vs parsing the same bodies:
//!   the executor's CPU cost without the network.
//!
//! The machine is shared, so the side-by-side criterion numbers drift with load;
//! `paired` runs executor and raw pulls alternately in each iteration and prints the
//! median per-iteration overhead, which load affects equally.
//!
//!     cargo bench --bench exec --features http

use std::cell::RefCell;
use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use crql::Query;
use crql::exec::Client;
use crql::exec::testing::{FnTransport, query_param};

#[path = "../tests/support/server.rs"]
mod server;

const PAGES: u64 = 100;
const PAGE_SIZE: u64 = 100;
const TIMEOUT: Duration = Duration::from_secs(10);

fn query() -> Query<'static> {
    crql::parse("SELECT ClientID, FirstName, LastName, ActiveStatus FROM cmClient")
        .expect("the bench query parses")
        .into_owned()
}

fn page_of(bodies: &[Vec<u8>], page: Option<&str>) -> Vec<u8> {
    let p: usize = page.and_then(|p| p.parse().ok()).unwrap_or(1);
    bodies
        .get(p.wrapping_sub(1))
        .cloned()
        .unwrap_or_else(|| b"{}".to_vec())
}

fn bench(c: &mut Criterion) {
    // The last page is short, so the pull ends without an extra request.
    let total = PAGES * PAGE_SIZE - 1;
    // Pages rendered once: the server's cost is the same small copy for every loop.
    let bodies: Arc<Vec<Vec<u8>>> = Arc::new(
        (0..PAGES)
            .map(|p| {
                let rows: Vec<serde_json::Value> = (p * PAGE_SIZE..((p + 1) * PAGE_SIZE).min(total))
                    .map(|id| serde_json::json!({"ClientID": id, "FirstName": format!("Name{id}"), "LastName": "Doe", "ActiveStatus": 1}))
                    .collect();
                server::envelope(&rows, total).to_string().into_bytes()
            })
            .collect(),
    );
    let served = bodies.clone();
    let srv = server::TestServer::start(move |req| server::Reply::Answer {
        status: 200,
        headers: vec![("Content-Type".into(), "application/json".into())],
        body: page_of(&served, req.param("pageNo")),
    });
    let client = Client::builder()
        .endpoint(srv.url())
        .subscription_key("bench-sub")
        .api_key("bench-api")
        .page_size(PAGE_SIZE as u32)
        .timeout(TIMEOUT)
        .build()
        .unwrap();
    let q = query();
    let urls: Vec<String> = (1..=PAGES)
        .map(|p| {
            format!(
                "{}/crql?q={}&pageNo={p}&pageSize={PAGE_SIZE}&shouldCache=true",
                srv.url(),
                crql::ctapi::encode_component(&q.to_string())
            )
        })
        .collect();
    let plain = ureq::Agent::new_with_defaults();
    let timed: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .build()
        .into();
    let get = |agent: &ureq::Agent, url: &str| -> Vec<u8> {
        agent
            .get(url)
            .header("Ocp-Apim-Subscription-Key", "bench-sub")
            .header("Authorization", "ApiKey bench-api")
            .call()
            .unwrap()
            .body_mut()
            .read_to_vec()
            .unwrap()
    };
    let raw_pull = |agent: &ureq::Agent| {
        let mut n = 0;
        for url in &urls {
            let v: serde_json::Value = serde_json::from_slice(&get(agent, url)).unwrap();
            n += v["data"]["Table1"].as_array().map_or(0, Vec::len) as u64;
            black_box(v);
        }
        assert_eq!(n, total);
    };
    let exec_pull = |client: &Client| {
        let mut n = 0u64;
        for row in client.query(&q).unwrap() {
            black_box(row.unwrap());
            n += 1;
        }
        assert_eq!(n, total);
    };
    let in_memory = {
        let bodies = bodies.clone();
        Client::builder()
            .page_size(PAGE_SIZE as u32)
            .transport(FnTransport(move |r: &crql::exec::Request| {
                Ok(crql::exec::Response {
                    status: 200,
                    headers: vec![],
                    body: page_of(&bodies, query_param(r, "pageNo")),
                })
            }))
            .build()
            .unwrap()
    };

    let mut g = c.benchmark_group("pull_100_pages");
    g.throughput(Throughput::Elements(total));
    g.sample_size(20);
    g.measurement_time(Duration::from_secs(5));
    g.bench_function("executor", |b| b.iter(|| exec_pull(&client)));
    g.bench_function("raw_get_parse", |b| b.iter(|| raw_pull(&timed)));
    g.bench_function("raw_get_parse_no_timeout", |b| b.iter(|| raw_pull(&plain)));
    g.bench_function("raw_get", |b| {
        b.iter(|| urls.iter().map(|u| get(&plain, u).len()).sum::<usize>())
    });
    g.bench_function("executor_in_memory", |b| b.iter(|| exec_pull(&in_memory)));
    g.bench_function("parse_in_memory", |b| {
        b.iter(|| {
            for body in bodies.iter() {
                let v: serde_json::Value = serde_json::from_slice(&body.clone()).unwrap();
                black_box(v);
            }
        })
    });

    // Paired: executor and raw alternate within each iteration (order flipped every
    // time), so both see the same load; the per-iteration ratios give the overhead.
    for (name, agent) in [("timeout", &timed), ("no_timeout", &plain)] {
        let ratios = RefCell::new(Vec::new());
        g.bench_function(format!("paired_vs_raw_{name}"), |b| {
            b.iter_custom(|iters| {
                let mut spent = Duration::ZERO;
                for i in 0..iters {
                    let (ex, raw) = if i % 2 == 0 {
                        let t = Instant::now();
                        exec_pull(&client);
                        let ex = t.elapsed();
                        let t = Instant::now();
                        raw_pull(agent);
                        (ex, t.elapsed())
                    } else {
                        let t = Instant::now();
                        raw_pull(agent);
                        let raw = t.elapsed();
                        let t = Instant::now();
                        exec_pull(&client);
                        (t.elapsed(), raw)
                    };
                    ratios
                        .borrow_mut()
                        .push(ex.as_secs_f64() / raw.as_secs_f64());
                    spent += ex;
                }
                spent
            })
        });
        let mut r = ratios.into_inner();
        r.sort_by(f64::total_cmp);
        let q = |f: f64| (r[((r.len() - 1) as f64 * f) as usize] - 1.0) * 100.0;
        eprintln!(
            "executor overhead vs raw ureq GET+parse ({name}): median {:+.1}% (p25 {:+.1}%, p75 {:+.1}%, {} paired pulls)",
            q(0.5),
            q(0.25),
            q(0.75),
            r.len()
        );
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
