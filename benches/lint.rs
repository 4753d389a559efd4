//! The linter's cost next to the parser's, on the bench corpus, in one run:
//! `parse` (parse_script alone) vs `parse+lint` (parse_script, then lint_script with
//! the built-in schema and every rule). Target: parse+lint ≤ 2× parse.
//! `lint` alone (on a parsed script) is measured too.
//!
//! `cargo bench --bench lint`

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use crql::{Schema, lint_script, parse_script};

const CORPUS: &str = include_str!("corpus/queries.crql");

fn lint(c: &mut Criterion) {
    let schema = Schema::builtin();
    let script = parse_script(CORPUS).expect("the corpus parses");
    let mut group = c.benchmark_group("lint");
    group.throughput(Throughput::Elements(script.statements.len() as u64));
    group.bench_function("parse", |b| {
        b.iter(|| parse_script(black_box(CORPUS)).map(|s| s.statements.len()))
    });
    group.bench_function("parse+lint", |b| {
        b.iter(|| {
            let s = parse_script(black_box(CORPUS)).expect("the corpus parses");
            lint_script(&s, CORPUS, schema).len()
        })
    });
    group.bench_function("lint", |b| {
        b.iter(|| lint_script(black_box(&script), CORPUS, schema).len())
    });
    group.finish();
}

criterion_group!(benches, lint);
criterion_main!(benches);
