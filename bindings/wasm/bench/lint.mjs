// Lint throughput of the package in Node against the same function built natively,
// on the benchmark corpus, in one run (rounds alternate so that load from other
// processes falls on both). Also prints the .wasm's size, raw and gzipped.
//
//   bash bindings/wasm/build.sh
//   cargo build -p crql-wasm --profile wasm-release --example lint_bench
//   node bindings/wasm/bench/lint.mjs [ROUNDS] [RUNS]
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { lint } from "../pkg/node.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const corpusPath = `${root}benches/corpus/queries.crql`;
const corpus = readFileSync(corpusPath, "utf8");
const target = process.env.CARGO_TARGET_DIR ?? `${root}target`;
const native = `${target}/wasm-release/examples/lint_bench`;
const rounds = Number(process.argv[2] ?? 5);
const runs = Number(process.argv[3] ?? 20);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function nodeRound() {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    lint(corpus);
    times.push(performance.now() - t);
  }
  return median(times);
}

function nativeRound() {
  return median(JSON.parse(execFileSync(native, [corpusPath, String(runs)], { encoding: "utf8" })));
}

// Warm-up: the first calls compile and grow the wasm memory.
for (let i = 0; i < 5; i++) lint(corpus);
const js = [];
const rs = [];
for (let r = 0; r < rounds; r++) {
  rs.push(nativeRound());
  js.push(nodeRound());
}
const statements = corpus.split(";").length - 1;
const findings = lint(corpus).length;
const wasm = readFileSync(new URL("../pkg/crql_wasm_bg.wasm", import.meta.url));
const [j, n] = [median(js), median(rs)];
const mib = corpus.length / 2 ** 20;
console.log(`corpus: ${corpus.length} bytes, ${statements} statements, ${findings} findings`);
console.log(`native lint: ${n.toFixed(2)} ms (${(mib / (n / 1e3)).toFixed(1)} MiB/s)  rounds ${rs.map((x) => x.toFixed(2)).join(" ")}`);
console.log(`node   lint: ${j.toFixed(2)} ms (${(mib / (j / 1e3)).toFixed(1)} MiB/s)  rounds ${js.map((x) => x.toFixed(2)).join(" ")}`);
console.log(`ratio node/native: ${(j / n).toFixed(2)}x (target <= 3x)`);
console.log(`wasm: ${wasm.length} bytes raw, ${gzipSync(wasm, { level: 9 }).length} gzipped (level 9)`);
