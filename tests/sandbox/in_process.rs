//! The sandbox as an in-process `Transport`: the executor's client runs against it
//! with no socket, and the emulator's bounds surface as errors, never as `{}`.
#![cfg(feature = "sandbox")]

use std::sync::Arc;
use std::time::Duration;

use crql::exec::{Client, Method, Request, Transport};
use crql::sandbox::{Access, Database, Dataset, DatasetSpec, Emulator, Limits};

fn emulator() -> Emulator {
    let data = Dataset::generate(DatasetSpec {
        seed: 21,
        clients: 600,
        orgs: 3,
    });
    Emulator::new(Database::in_memory(&data).unwrap(), Access::open())
}

#[test]
fn the_executor_pages_through_the_in_process_sandbox() {
    let client = Client::builder()
        .shared_transport(Arc::new(emulator()))
        .page_size(50)
        .build()
        .expect("a client without endpoint or keys, over the sandbox");
    let q =
        crql::parse("SELECT TOP 500 ClientID, LastName FROM cmClient WHERE ClientID > 0").unwrap();
    let rows = client.fetch_all(&q).expect("rows");
    assert_eq!(rows.len(), 500);
    let mut ids: Vec<i64> = rows
        .iter()
        .map(|r| r["ClientID"].as_i64().unwrap())
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 500, "no row lost or repeated");
}

#[test]
fn bounds_give_a_400_with_the_reason() {
    let emu = emulator().with_limits(Limits {
        timeout: Duration::ZERO,
        ..Limits::default()
    });
    let req = Request {
        method: Method::Get,
        path: "/crql".into(),
        query: vec![(
            "q".into(),
            "SELECT c.ClientID FROM cmClient c JOIN Enrollment e ON e.ClientID >= c.ClientID"
                .into(),
        )],
        headers: vec![],
        body: None,
        timeout: Duration::from_secs(5),
    };
    let r = emu.send(&req).unwrap();
    // The query's fault, not the server's: a 400, which clients do not retry.
    assert_eq!(r.status, 400);
    let body = String::from_utf8_lossy(&r.body);
    assert!(body.contains("Execution Timeout Expired"), "{body}");
}
