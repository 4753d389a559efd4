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
