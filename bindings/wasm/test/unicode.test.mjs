// Offsets are UTF-16 (what JS strings index), whatever comes before a finding.
import { test } from "node:test";
import assert from "node:assert/strict";
import { lint, CrqlError, format, bind } from "../pkg/node.js";

test("an emoji and accented letters before findings shift nothing", () => {
  const text = "-- 😀 emoji\nSELECT TOP 5 ClientId FROM cmClients;\n" +
    "SELECT TOP 5 ClientID FROM cmClient WHERE LastName = 'Müller' AND FirstName = NULL;\n";
  const [typo, isNull] = lint(text);
  assert.equal(typo.code, "W0101");
  assert.equal(text.slice(typo.from, typo.to), "cmClients");
  assert.deepEqual([typo.line, typo.column], [2, 28]);
  assert.equal(isNull.code, "W0403");
  assert.equal(text.slice(isNull.from, isNull.to), "FirstName = NULL");
  // Characters, as `crql check --format json` counts them: 'Müller' is 6.
  assert.deepEqual([isNull.line, isNull.column], [3, 67]);
  const [e] = isNull.fixes;
  const fixed = text.slice(0, e.from) + e.replacement + text.slice(e.to);
  assert.ok(fixed.includes("'Müller' AND FirstName IS NULL;"), fixed);
});

test("astral characters count as two UTF-16 units, and a BOM as one with no column", () => {
  const text = "\uFEFFSELECT TOP 5 ClientID FROM cmClient WHERE LastName = '𝔘𝔫𝔦' AND FirstName = NULL";
  const [d] = lint(text);
  assert.equal(text.slice(d.from, d.to), "FirstName = NULL");
  assert.equal(d.from, text.indexOf("FirstName = NULL"));
  // Characters after the BOM, plus one: each astral letter is one column, two units.
  assert.equal(d.column, [...text.slice(1, d.from)].length + 1);
  assert.equal(d.column, d.from - 3);
});

test("a syntax error's CrqlError points at the right UTF-16 offset", () => {
  const text = "SELECT TOP 5 ClientID FROM cmClient WHERE LastName = '😀😀' AND";
  assert.throws(() => format(text), (e) => {
    assert.ok(e instanceof CrqlError);
    const [d] = e.diagnostics;
    assert.equal(d.code, "E0001");
    assert.ok(d.from >= text.indexOf("AND"), `${d.from}`);
    assert.ok(d.to <= text.length);
    return true;
  });
});

test("values with any character bind as one literal", () => {
  assert.equal(bind("SELECT TOP 1 A FROM B WHERE A = :v", { v: "😀'--\n" }),
    "SELECT TOP 1 A FROM B WHERE A = '😀''--\n'");
});
