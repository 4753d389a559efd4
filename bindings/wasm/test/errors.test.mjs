// How failures reach JavaScript: CrqlError with diagnostics for refused CRQL,
// TypeError/RangeError for bad arguments, and a panic as a thrown Error after which
// the package still works.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as crql from "../pkg/node.js";
import { internals } from "../pkg/api.js";

test("CrqlError is an Error with a name, a message and the diagnostics", () => {
  let caught;
  try {
    crql.parse("SELECT FROM");
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof crql.CrqlError);
  assert.ok(caught instanceof Error);
  assert.equal(caught.name, "CrqlError");
  assert.match(caught.message, /^E0001: /);
  assert.equal(caught.diagnostics.length, 1);
  const [d] = caught.diagnostics;
  assert.equal(d.code, "E0001");
  assert.equal(d.severity, "error");
  assert.deepEqual(d, crql.lint("SELECT FROM")[0], "the same diagnostic lint reports");
});

test("bind's CrqlError lists every unbound and unused parameter", () => {
  const text = "SELECT TOP 1 A FROM B WHERE A = :a AND C = :c";
  assert.throws(() => crql.bind(text, { a: 1, z: 2 }), (e) => {
    assert.ok(e instanceof crql.CrqlError);
    const codes = e.diagnostics.map((d) => d.code).sort();
    assert.deepEqual(codes, ["E0303", "E0304"]);
    const unbound = e.diagnostics.find((d) => d.code === "E0303");
    assert.equal(text.slice(unbound.from, unbound.to), ":c");
    return true;
  });
});

test("arguments of the wrong type are TypeErrors", () => {
  for (const f of [crql.lint, crql.format, crql.parse, crql.toUrl, crql.encodedLength, crql.splitInList]) {
    assert.throws(() => f(42), TypeError, f.name);
    assert.throws(() => f(undefined), TypeError, f.name);
  }
  assert.throws(() => crql.lint("SELECT", "E0001"), TypeError);
  assert.throws(() => crql.format("SELECT", []), TypeError);
  assert.throws(() => crql.bind(42, {}), TypeError);
});

test("a panic is a thrown Error, and the next call works", () => {
  assert.throws(() => internals.panicForTests(), (e) => {
    assert.ok(e instanceof Error);
    assert.match(e.message, /crql panicked.*on purpose/s);
    return true;
  });
  // A second one too: the hook stays installed.
  assert.throws(() => internals.panicForTests(), /on purpose/);
  assert.equal(crql.lint("SELECT TOP 5 ClientId FROM cmClients")[0].code, "W0101");
  assert.equal(crql.format("select top 1 a from b"), "SELECT TOP 1 a FROM b\n");
});

// WebAssembly's stack (1 MiB) is far smaller than a native thread's: the deepest
// input the parser and the linter accept must still be handled there, and one step
// more must be E0002, not a trap.
test("the parser's and the linter's limits hold within the WebAssembly stack", () => {
  const parens = (n) => "SELECT TOP 1 A FROM B WHERE " + "(".repeat(n) + "A = 1" + ")".repeat(n);
  const subqueries = (n) =>
    "SELECT TOP 1 A FROM B WHERE A IN " + "(SELECT A FROM B WHERE A IN ".repeat(n) + "(1)" + ")".repeat(n);
  const chain = (n) => "SELECT TOP 1 A FROM B WHERE " + Array(n).fill("A = 1").join(" AND ");
  const e0002 = (text) => crql.lint(text).filter((d) => d.code === "E0002");
  const refused = (e) => e instanceof crql.CrqlError && e.diagnostics[0].code === "E0002";
  // The parser's limits: 64 levels of nesting, 7 nested subqueries, 1,000 operators.
  for (const [make, ok, over] of [[parens, 64, 65], [subqueries, 7, 8], [chain, 500, 501]]) {
    const deepest = make(ok);
    crql.format(deepest, { width: 10 });
    crql.parse(deepest);
    assert.throws(() => crql.parse(make(over)), refused, `${make.name}(${over})`);
    assert.throws(() => crql.format(make(over)), refused, `${make.name}(${over})`);
  }
  assert.deepEqual(e0002(parens(64)), []);
  assert.deepEqual(e0002(subqueries(7)), []);
  // The linter's: an AND chain is checked to 255 levels, and past that says so.
  assert.deepEqual(e0002(chain(255)), []);
  assert.match(e0002(chain(256))[0].message, /not checked further/);
  assert.match(e0002(chain(500))[0].message, /not checked further/);
  const huge = "SELECT TOP 1 A FROM B;\n".repeat(100000);
  assert.match(e0002(huge)[0].message, /bytes, more than the/);
});
