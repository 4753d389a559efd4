//! Build + print with the typed builder, side by side with the string pasting it
//! replaces (`format!` producing the very same text, with the escaping done by hand).
//!
//! `cargo bench --bench build`

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use crql::build::prelude::*;

fn typed(last_name: &str, ids: &[i64], since: chrono::NaiveDateTime) -> String {
    typed_ast(last_name, ids, since).to_string()
}

fn typed_ast(last_name: &str, ids: &[i64], since: chrono::NaiveDateTime) -> crql::Query<'static> {
    select((
        enrollment::client_id,
        enrollment::enroll_id,
        enrollment::clnt_case_id,
    ))
    .top(200)
    .from(Enrollment)
    .join(CmClient)
    .on(cm_client::client_id.eq(enrollment::client_id))
    .filter(
        enrollment::enroll_id
            .in_list(ids.iter().copied())
            .and(enrollment::updated_date.gt(since))
            .and(
                cm_client::last_name
                    .eq(last_name)
                    .or(cm_client::last_name.is_null()),
            ),
    )
    .build()
}

fn pasted(last_name: &str, ids: &[i64], since: chrono::NaiveDateTime) -> String {
    let ids = ids
        .iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "SELECT TOP 200 Enrollment.ClientID, Enrollment.EnrollID, Enrollment.ClntCaseID FROM Enrollment \
         INNER JOIN cmClient ON cmClient.ClientID = Enrollment.ClientID \
         WHERE Enrollment.EnrollID IN ({ids}) AND Enrollment.UpdatedDate > '{}' \
         AND (cmClient.LastName = '{}' OR cmClient.LastName IS NULL)",
        since.format("%Y-%m-%d %H:%M:%S"),
        last_name.replace('\'', "''"),
    )
}

fn bench(c: &mut Criterion) {
    let ids: Vec<i64> = (1000..1020).collect();
    let since = NaiveDate::from_ymd_opt(2024, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .expect("valid date");
    assert_eq!(
        typed("O'Brien", &ids, since),
        pasted("O'Brien", &ids, since),
        "both sides must produce the same text"
    );
    let mut g = c.benchmark_group("build_and_print");
    g.bench_function("typed_builder", |b| {
        b.iter(|| typed(black_box("O'Brien"), black_box(&ids), black_box(since)))
    });
    // The two halves of the typed side, to show where its time goes.
    g.bench_function("typed_build_only", |b| {
        b.iter(|| typed_ast(black_box("O'Brien"), black_box(&ids), black_box(since)))
    });
    let ast = typed_ast("O'Brien", &ids, since);
    g.bench_function("typed_print_only", |b| {
        b.iter(|| black_box(&ast).to_string())
    });
    g.bench_function("format_baseline", |b| {
        b.iter(|| pasted(black_box("O'Brien"), black_box(&ids), black_box(since)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
