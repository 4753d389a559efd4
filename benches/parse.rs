//! Parse and print throughput over the committed corpus of realistic CTAPI queries
//! (`benches/corpus/queries.crql`, 1,200 queries).
//!
//! `cargo bench --bench parse -- --warm-up-time 1 --measurement-time 3`
//!
//! Each group measures one pass over every query of the corpus, once reported per
//! byte (`*_bytes`, MB/s) and once per query (`*_queries`, queries/s). Another
//! parser joins a group as one more `bench_function` on the same `Corpus`, so that
//! criterion reports both side by side for a ratio.
//!
//! - `parse_*`: `crql::parse` against sqlparser-rs (`MsSqlDialect`) on the same text
//!   (target: crql at least 5x sqlparser-rs's throughput);
//!
//! Parse + lint against parse alone is `benches/lint.rs`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use crql::Query;
use crql::print::{FormatOptions, pretty};
use sqlparser::dialect::MsSqlDialect;
use sqlparser::parser::Parser;

const CORPUS: &str = include_str!("corpus/queries.crql");

/// The corpus split into its queries, each as its own text (no `;`, no comment).
struct Corpus {
    queries: Vec<&'static str>,
    bytes: u64,
}

impl Corpus {
    fn load() -> Corpus {
        let script = crql::parse_script(CORPUS).expect("the corpus parses");
        let queries: Vec<&'static str> = script
            .statements
            .iter()
            .map(|s| &CORPUS[s.span().range()])
            .collect();
        let bytes = queries.iter().map(|q| q.len() as u64).sum();
        Corpus { queries, bytes }
    }

    fn parsed(&self) -> Vec<Query<'static>> {
        self.queries
            .iter()
            .map(|q| crql::parse(q).expect("a corpus query parses"))
            .collect()
    }

    /// The two throughputs each group is reported in.
    fn throughputs(&self, bytes: u64) -> [(&'static str, Throughput); 2] {
        [
            ("bytes", Throughput::Bytes(bytes)),
            ("queries", Throughput::Elements(self.queries.len() as u64)),
        ]
    }
}

fn parse(c: &mut Criterion) {
    let corpus = Corpus::load();
    // Both parsers must accept every query, or the comparison is not like for like.
    for q in &corpus.queries {
        assert!(
            Parser::parse_sql(&MsSqlDialect {}, q).is_ok(),
            "sqlparser rejects {q}"
        );
    }
    for (unit, throughput) in corpus.throughputs(corpus.bytes) {
        let mut g = c.benchmark_group(format!("parse_{unit}"));
        g.throughput(throughput);
        g.bench_function("crql", |b| {
            b.iter(|| {
                for q in &corpus.queries {
                    let _ = black_box(crql::parse(black_box(q)));
                }
            })
        });
        g.bench_function("sqlparser", |b| {
            let dialect = MsSqlDialect {};
            b.iter(|| {
                for q in &corpus.queries {
                    let _ = black_box(Parser::parse_sql(&dialect, black_box(q)));
                }
            })
        });
        g.finish();
    }
}

fn print(c: &mut Criterion) {
    let corpus = Corpus::load();
    let parsed = corpus.parsed();
    let printed: u64 = parsed.iter().map(|q| q.to_string().len() as u64).sum();
    let opts = FormatOptions::default();
    for (unit, throughput) in corpus.throughputs(printed) {
        let mut g = c.benchmark_group(format!("print_{unit}"));
        g.throughput(throughput);
        g.bench_function("crql canonical", |b| {
            b.iter(|| {
                for q in &parsed {
                    black_box(black_box(q).to_string());
                }
            })
        });
        g.bench_function("crql pretty", |b| {
            b.iter(|| {
                for q in &parsed {
                    black_box(pretty(black_box(q), &opts));
                }
            })
        });
        g.finish();
    }
}

criterion_group!(benches, parse, print);
criterion_main!(benches);
