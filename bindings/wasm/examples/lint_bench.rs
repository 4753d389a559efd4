//! The native side of `node bench/lint.mjs`: the package's own `lint` function
//! (parse, lint, positions, JSON), compiled for the host instead of wasm32, timed on
//! a file. Prints one JSON array of milliseconds per run.
//!
//! `cargo run -p crql-wasm --profile wasm-release --example lint_bench -- FILE RUNS`

use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let file = args.next().expect("usage: lint_bench FILE RUNS");
    let runs: usize = args
        .next()
        .map_or(20, |r| r.parse().expect("RUNS is a number"));
    let text = std::fs::read_to_string(&file).expect("readable file");
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        let out = crql_wasm::lint(std::hint::black_box(&text), "");
        std::hint::black_box(out);
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    println!("{times:?}");
}
