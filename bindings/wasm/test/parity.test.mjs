// The package and the Rust CLI agree on the benchmark corpus: the same findings
// (`crql check --format json`), the same formatting (`crql fmt`), the same syntax
// tree (`crql parse --json`) and the same rule list (`crql rules`).
//
// The CLI is $CRQL_BIN, else target/release/crql, else target/debug/crql (CI builds
// it before this step); none of them is a failure, not a skip.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as crql from "../pkg/node.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const corpusPath = `${root}benches/corpus/queries.crql`;
const corpus = readFileSync(corpusPath, "utf8");

function cliPath() {
  const candidates = [process.env.CRQL_BIN, `${root}target/release/crql`, `${root}target/debug/crql`];
  const found = candidates.find((p) => p && existsSync(p));
  assert.ok(found, `no crql binary: build it (cargo build) or set CRQL_BIN; tried ${candidates.join(", ")}`);
  return found;
}

function cli(args, input) {
  try {
    return execFileSync(cliPath(), args, { input, encoding: "utf8", maxBuffer: 256 << 20, cwd: root });
  } catch (e) {
    // check exits 1 when it finds errors; its output is still the answer.
    if (e.status === 1 && e.stdout) return e.stdout;
    throw e;
  }
}

/** JS diagnostics in the CLI's JSON shape: UTF-16 offsets back to bytes. */
function asCli(file, text, d) {
  const bytes = (i) => Buffer.byteLength(text.slice(0, i));
  return {
    file, code: d.code, severity: d.severity, message: d.message, line: d.line, column: d.column,
    offset: bytes(d.from), length: bytes(d.to) - bytes(d.from), help: d.help,
    fix: d.fixes.length === 0 ? null : {
      applicability: d.fixes[0].safe ? "safe" : "unsafe",
      edits: d.fixes.map((e) => ({
        offset: bytes(e.from), length: bytes(e.to) - bytes(e.from), replacement: e.replacement,
      })),
    },
  };
}

test("lint finds what crql check finds on the corpus", () => {
  const expected = JSON.parse(cli(["check", "--isolated", "--format", "json", corpusPath]));
  const got = crql.lint(corpus).map((d) => asCli(corpusPath, corpus, d));
  assert.ok(expected.length > 100, `the corpus has findings (${expected.length})`);
  assert.deepEqual(got, expected);
});

test("lint agrees with crql check on non-ASCII text too", () => {
  const text = "-- 😀 Müller\n" + corpus.split(";\n").slice(0, 200).join(";\n-- ñandú 𝔘\n");
  const expected = JSON.parse(cli(["check", "--isolated", "--format", "json", "-"], text));
  assert.ok(expected.length > 10);
  assert.deepEqual(crql.lint(text).map((d) => asCli("<stdin>", text, d)), expected);
});

test("format gives crql fmt's text on the corpus, with each option", () => {
  assert.equal(crql.format(corpus), cli(["fmt", "--isolated", "-"], corpus));
  assert.equal(crql.format(corpus, { width: 40, keywordCase: "lower" }),
    cli(["fmt", "--isolated", "--width", "40", "--keyword-case", "lower", "-"], corpus));
});

test("parse gives crql parse --json's tree", () => {
  const text = corpus.split(";\n").slice(0, 300).join(";\n");
  assert.deepEqual(crql.parse(text), JSON.parse(cli(["parse", "--json", "-"], text)));
});

test("rules lists crql rules's codes, severities, names and summaries", () => {
  const lines = cli(["rules"]).split("\n").filter((l) => /^[EW]\d{4} /.test(l));
  const expected = lines.map((l) => {
    const [code, severity, name] = l.split(/\s+/);
    return { code, severity, name };
  });
  assert.deepEqual(crql.rules().map(({ code, severity, name }) => ({ code, severity, name })), expected);
  for (const [i, r] of crql.rules().entries()) assert.ok(lines[i].endsWith(r.summary), r.code);
});

test("toUrl gives crql url's URL, or refuses what it refuses", async () => {
  const { tmpdir } = await import("node:os");
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("CRQL_")));
  const queries = corpus.split(";").map((q) => q.trim()).filter(Boolean).slice(0, 24)
    .concat(["SELECT TOP 5 * FROM cmClient", "SELECT FROM", "SELECT TOP 5 A FROM B WHERE A = :p"]);
  let accepted = 0;
  for (const [i, q] of queries.entries()) {
    const opts = i % 3 === 0 ? { page: 2, pageSize: 50, endpoint: "https://ctapi.example.org" } : {};
    const flags = i % 3 === 0 ? ["--page", "2", "--page-size", "50", "--endpoint", "https://ctapi.example.org"] : [];
    let expected = null;
    try {
      // Outside the checkout: no crql.toml, no schema cache, no CRQL_* variables.
      expected = execFileSync(cliPath(), ["url", ...flags, q], { cwd: tmpdir(), env, encoding: "utf8", stdio: "pipe" }).trim();
    } catch (e) {
      assert.ok(e.status > 0, String(e));
    }
    if (expected === null) {
      assert.throws(() => crql.toUrl(q, opts), crql.CrqlError, q);
    } else {
      accepted += 1;
      assert.equal(crql.toUrl(q, opts), expected);
    }
  }
  assert.ok(accepted >= 5 && accepted < queries.length, `${accepted} of ${queries.length} accepted`);
});
