//! Every query the shared generator calls CTAPI-valid runs on the sandbox: printed,
//! sent to `/crql`, parsed, linted, translated and executed, it comes back as rows or
//! the bare `{}` — never a 500 — with the select list's names and at most TOP rows.
#![cfg(feature = "sandbox")]

use crate::support;

use std::sync::OnceLock;
use std::time::Duration;

use crql::ast::SelectItem;
use crql::exec::{Method, Request, Transport};
use crql::sandbox::{Access, Database, Dataset, DatasetSpec, Emulator};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestCaseError;

fn emulator() -> &'static Emulator {
    static E: OnceLock<Emulator> = OnceLock::new();
    E.get_or_init(|| {
        let data = Dataset::generate(DatasetSpec {
            seed: 5,
            clients: 800,
            orgs: 3,
        });
        Emulator::new(Database::in_memory(&data).unwrap(), Access::open())
    })
}

#[derive(Default, Debug)]
struct Outcomes {
    rows: usize,
    empty: usize,
    refused: usize,
}

#[test]
fn valid_queries_run() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let mut seen = Outcomes::default();
    for _ in 0..300 {
        let q = support::arb::crql_valid_query()
            .new_tree(&mut runner)
            .unwrap()
            .current();
        if let Err(e) = check(&q, &mut seen) {
            panic!("{e}");
        }
    }
    // Not vacuous: most queries return rows, few are refused.
    eprintln!("{seen:?}");
    assert!(seen.rows > 100 && seen.refused < 60, "{seen:?}");
}

fn check(q: &crql::Query<'static>, seen: &mut Outcomes) -> Result<(), TestCaseError> {
    {
        let text = q.to_string();
        let req = Request {
            method: Method::Get,
            path: "/crql".into(),
            query: vec![
                ("q".into(), text.clone()),
                ("pageSize".into(), "500".into()),
            ],
            headers: vec![],
            body: None,
            timeout: Duration::from_secs(30),
        };
        let r = emulator().send(&req).unwrap();
        let body: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
        if r.status == 400 {
            // What SQL Server itself refuses at run time: a literal that does not
            // convert to its column's type, on a column the schema types as unknown
            // (so the linter cannot tell).
            let msg = body["errors"][0].as_str().unwrap_or_default();
            prop_assert!(
                msg.starts_with("Conversion failed") || msg.starts_with("Error converting"),
                "{} -> {}",
                text,
                body
            );
            seen.refused += 1;
            return Ok(());
        }
        prop_assert_eq!(r.status, 200, "{} -> {}", text, body);
        let rows = body["data"]["Table1"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        if rows.is_empty() {
            prop_assert_eq!(&body, &serde_json::json!({}));
            seen.empty += 1;
            return Ok(());
        }
        let top = match &q.select.top {
            Some(t) => match &t.quantity {
                crql::ast::Expr::Literal(l) => l.as_i64().unwrap_or(i64::MAX),
                _ => i64::MAX,
            },
            None => i64::MAX,
        };
        prop_assert!(rows.len() as i64 <= top);
        // Result names are the columns' names; a repeated name gets a number, as a
        // .NET DataTable names it (`ClientID`, `ClientID1`).
        let mut want: Vec<String> = Vec::new();
        for it in &q.select.items {
            let SelectItem::Expr {
                expr: crql::ast::Expr::Column(c),
                ..
            } = it
            else {
                panic!("{it:?}")
            };
            let base = c.name.value.to_ascii_lowercase();
            let (mut name, mut n) = (base.clone(), 0);
            while want.contains(&name) {
                n += 1;
                name = format!("{base}{n}");
            }
            want.push(name);
        }
        let keys: Vec<String> = rows[0]
            .as_object()
            .unwrap()
            .keys()
            .filter(|k| *k != "__crql_rid")
            .map(|k| k.to_ascii_lowercase())
            .collect();
        prop_assert_eq!(keys, want);
        seen.rows += 1;
    }
    Ok(())
}
