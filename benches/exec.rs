//! Executor overhead: a 100-page pull (100 rows a page) from a loopback server,
//! side by side with plain loops of raw ureq GETs of the same pages, in one run.
//!
//! `raw_get` only reads the bytes; `raw_get_parse` also parses each page into a
//! `serde_json::Value`, which is what any caller of the raw API must do. The
//! executor adds to that: envelope checks, `__crql_rid` removal, row iteration.
//!
//!     cargo bench --bench exec --features http

use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use crql::ast::*;
use crql::exec::Client;

#[path = "../tests/support/server.rs"]
mod server;

const PAGES: u64 = 100;
const PAGE_SIZE: u64 = 100;

fn query() -> Query<'static> {
    let item = |c: &'static str| SelectItem::Expr {
        expr: Expr::column(c),
        alias: None,
        span: Span::empty(),
    };
    Query {
        select: Select {
            distinct: None,
            top: None,
            items: vec![
                item("ClientID"),
                item("FirstName"),
                item("LastName"),
                item("ActiveStatus"),
            ],
            from: TableRef::Table {
                name: TableName {
                    schema: None,
                    name: Ident::new("cmClient"),
                    span: Span::empty(),
                },
                alias: None,
                span: Span::empty(),
            },
            joins: vec![],
            selection: None,
            group_by: vec![],
            having: None,
            span: Span::empty(),
        },
        set_ops: vec![],
        order_by: vec![],
        limit: None,
        offset: None,
        fetch: None,
        span: Span::empty(),
    }
}

fn bench(c: &mut Criterion) {
    // Pages rendered once, so the server's cost is the same small copy for both.
    let total = PAGES * PAGE_SIZE - 1; // the last page is short: no extra request
    let bodies: Arc<Vec<Vec<u8>>> = Arc::new(
        (1..=PAGES)
            .map(|p| {
                let start = (p - 1) * PAGE_SIZE;
                let end = (start + PAGE_SIZE).min(total);
                let rows: Vec<serde_json::Value> = (start..end)
                    .map(|id| serde_json::json!({"ClientID": id, "FirstName": format!("Name{id}"), "LastName": "Doe", "ActiveStatus": 1}))
                    .collect();
                server::envelope(&rows, total).to_string().into_bytes()
            })
            .collect(),
    );
    let b2 = bodies.clone();
    let srv = server::TestServer::start(move |req| {
        let p: usize = req
            .param("pageNo")
            .and_then(|p| p.parse().ok())
            .unwrap_or(1);
        server::Reply::Answer {
            status: 200,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: b2.get(p - 1).cloned().unwrap_or_else(|| b"{}".to_vec()),
        }
    });
    let client = Client::builder()
        .endpoint(srv.url())
        .subscription_key("bench-sub")
        .api_key("bench-api")
        .page_size(PAGE_SIZE as u32)
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let q = query();
    let text = q.to_string();
    let agent = ureq::Agent::new_with_defaults();
    let urls: Vec<String> = (1..=PAGES)
        .map(|p| {
            format!(
                "{}/crql?q={}&pageNo={p}&pageSize={PAGE_SIZE}&shouldCache=true",
                srv.url(),
                crql::exec::url::encode_component(&text)
            )
        })
        .collect();
    let get = |url: &str| -> Vec<u8> {
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

    let mut g = c.benchmark_group("pull_100_pages");
    g.throughput(Throughput::Elements(total));
    g.sample_size(20);
    g.measurement_time(Duration::from_secs(8));
    g.bench_function("executor", |b| {
        b.iter(|| {
            let rows = client.fetch_all(&q).unwrap();
            assert_eq!(rows.len() as u64, total);
            black_box(rows)
        })
    });
    g.bench_function("raw_get_parse", |b| {
        b.iter(|| {
            let mut n = 0;
            for url in &urls {
                let v: serde_json::Value = serde_json::from_slice(&get(url)).unwrap();
                n += v["data"]["Table1"].as_array().map_or(0, Vec::len);
                black_box(v);
            }
            assert_eq!(n as u64, total);
        })
    });
    g.bench_function("raw_get", |b| {
        b.iter(|| {
            let mut bytes = 0;
            for url in &urls {
                bytes += black_box(get(url)).len();
            }
            black_box(bytes)
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
