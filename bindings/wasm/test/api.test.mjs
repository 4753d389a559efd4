// Every function of the package, through its Node entry.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as crql from "../pkg/node.js";

const TYPO = "SELECT TOP 5 ClientId FROM cmClients";

test("lint finds a typo'd table and says what was meant", () => {
  const [d, ...rest] = crql.lint(TYPO);
  assert.equal(rest.length, 0);
  assert.equal(d.code, "W0101");
  assert.equal(d.severity, "warning");
  assert.equal(d.message, "table `cmClients` is not in the schema");
  assert.match(d.help, /^did you mean `cmClient`\?/);
  assert.deepEqual([d.from, d.to, d.line, d.column], [27, 36, 1, 28]);
  assert.deepEqual(d.fixes, []);
  assert.deepEqual(Object.keys(d).sort(),
    ["code", "column", "fixes", "from", "help", "line", "message", "severity", "to"]);
});

test("lint of clean text is empty, and of a syntax error is E0001", () => {
  assert.deepEqual(crql.lint("SELECT TOP 5 ClientID FROM cmClient"), []);
  const [d] = crql.lint("SELECT FROM");
  assert.equal(d.code, "E0001");
  assert.equal(d.severity, "error");
});

test("lint's fixes are edits that make the finding go away", () => {
  const text = "SELECT TOP 5 ClientID FROM cmClient WHERE FirstName = NULL";
  const [d] = crql.lint(text);
  assert.equal(d.code, "W0403");
  assert.equal(d.fixes.length, 1);
  const [e] = d.fixes;
  // It changes what the query means (to what was surely meant): not safe.
  assert.equal(e.safe, false);
  const fixed = text.slice(0, e.from) + e.replacement + text.slice(e.to);
  assert.equal(fixed, "SELECT TOP 5 ClientID FROM cmClient WHERE FirstName IS NULL");
  assert.deepEqual(crql.lint(fixed), []);
});

test("a fix that keeps the query's meaning is marked safe", () => {
  const text = "SELECT TOP 5 ClientID FROM cmClient WHERE ClientID = '5'";
  const [d] = crql.lint(text);
  assert.equal(d.code, "W0407");
  assert.deepEqual(d.fixes, [{ from: 53, to: 56, replacement: "5", safe: true }]);
});

test("lint's select and ignore pick codes by prefix", () => {
  const text = "SELECT ClientID, ClientID FROM cmClients";
  const codes = (o) => crql.lint(text, o).map((d) => d.code).sort();
  assert.deepEqual(codes(), ["W0101", "W0401", "W0405"]);
  assert.deepEqual(codes({ select: ["W04"] }), ["W0401", "W0405"]);
  assert.deepEqual(codes({ ignore: ["W0401", "W0101"] }), ["W0405"]);
  assert.throws(() => crql.lint(text, { select: ["X9"] }), RangeError);
});

test("lint's schema: a schema file listing every table, and a description", () => {
  const every = { complete: true, tables: [{ name: "Only", columns: [{ name: "A", type: "integer" }] }] };
  const [d] = crql.lint(TYPO, { schema: every });
  assert.equal(d.code, "E0101");
  // The same schema as text.
  assert.equal(crql.lint(TYPO, { schema: JSON.stringify(every) })[0].code, "E0101");
  const description = { metadata: [{ attributeName: "ClientID", dataType: "int" }] };
  const q = "SELECT TOP 5 Nope FROM cmClient";
  // The built-in cmClient may have more columns than it lists: a warning only.
  assert.deepEqual(crql.lint(q).map((d) => d.code), ["W0102"]);
  const found = crql.lint(q, { schema: [{ table: "cmClient", description }] });
  assert.deepEqual(found.map((d) => d.code), ["E0102"]);
  assert.throws(() => crql.lint(q, { schema: description }),
    (e) => e instanceof crql.CrqlError && /does not name its table/.test(e.message));
  assert.throws(() => crql.lint(q, { schema: 5 }), TypeError);
  assert.throws(() => crql.lint(q, { shema: {} }), TypeError);
});

test("format lays out, keeps comments, and follows its options", () => {
  const text = "select TOP 5 ClientID, FirstName from cmClient -- five clients\n";
  assert.equal(crql.format(text), "SELECT TOP 5 ClientID, FirstName FROM cmClient -- five clients\n");
  assert.equal(crql.format(text, { keywordCase: "lower" }),
    "select top 5 ClientID, FirstName from cmClient -- five clients\n");
  const narrow = crql.format("SELECT TOP 5 ClientID, FirstName, LastName FROM cmClient WHERE ClientID > 5",
    { width: 20, indent: 4 });
  assert.match(narrow, /\n    ClientID,\n/);
  assert.throws(() => crql.format(text, { width: 0 }), RangeError);
  assert.throws(() => crql.format(text, { keywordCase: "title" }), TypeError);
});

test("parse gives the syntax tree, spans in bytes", () => {
  const ast = crql.parse("SELECT TOP 5 ClientID FROM cmClient; SELECT TOP 1 A FROM B");
  assert.equal(ast.statements.length, 2);
  assert.match(JSON.stringify(ast.statements[0]), /"cmClient"/);
});

test("toUrl builds the request URL and refuses what the linter refuses", () => {
  const url = crql.toUrl("SELECT TOP 5 ClientID FROM cmClient");
  assert.ok(url.startsWith("https://api.clienttrack.net/"), url);
  assert.ok(url.includes("SELECT%20TOP%205%20ClientID%20FROM%20cmClient"), url);
  const other = crql.toUrl("SELECT TOP 500 ClientID FROM cmClient", { endpoint: "http://127.0.0.1:8080", page: 3 });
  assert.ok(other.startsWith("http://127.0.0.1:8080/"), other);
  assert.notEqual(other, crql.toUrl("SELECT TOP 500 ClientID FROM cmClient", { endpoint: "http://127.0.0.1:8080" }));
  assert.throws(() => crql.toUrl("SELECT TOP 5 * FROM cmClient"),
    (e) => e instanceof crql.CrqlError && e.diagnostics[0].code === "E0201");
  // Linted against the schema given: one that lists every table refuses another.
  const every = { complete: true, tables: [{ name: "Only", columns: [{ name: "A" }] }] };
  assert.ok(crql.toUrl("SELECT TOP 5 A FROM Other").includes("Other"));
  assert.throws(() => crql.toUrl("SELECT TOP 5 A FROM Other", { schema: every }),
    (e) => e instanceof crql.CrqlError && e.diagnostics[0].code === "E0101");
  assert.throws(() => crql.toUrl("SELECT TOP 5 A FROM B", { endpoint: "ftp://x" }), RangeError);
  assert.throws(() => crql.toUrl("SELECT TOP 5 A FROM B", { pageSize: 501 }), RangeError);
});

test("encodedLength counts the URL-encoded query", () => {
  assert.equal(crql.encodedLength("A B"), 5);
  assert.equal(crql.encodedLength("é"), 6);
  assert.equal(crql.encodedLength(""), 0);
});

test("bind quotes every kind of value, so none becomes syntax", () => {
  const q = crql.bind(
    "SELECT TOP 10 ClientID FROM cmClient WHERE LastName = :name AND ClientID IN (:ids) AND Active = :a AND X = :n AND Y = :f",
    { name: "O'Brien'; DROP TABLE cmClient --", ids: [1, 2, 3], a: true, n: null, f: 2.5 },
  );
  assert.equal(q,
    "SELECT TOP 10 ClientID FROM cmClient WHERE LastName = 'O''Brien''; DROP TABLE cmClient --' AND ClientID IN (1, 2, 3) AND Active = 1 AND X = NULL AND Y = 2.5");
  assert.throws(() => crql.bind("SELECT A FROM B WHERE A = :x", { x: NaN }), RangeError);
  assert.throws(() => crql.bind("SELECT A FROM B WHERE A = :x", { x: undefined }), TypeError);
  assert.throws(() => crql.bind("SELECT A FROM B WHERE A = :x", { x: [[1]] }), TypeError);
  assert.throws(() => crql.bind("SELECT A FROM B WHERE A = :x", { x: new Date(0) }), TypeError);
  assert.throws(() => crql.bind("SELECT A FROM B WHERE A = :x", null), TypeError);
});

test("splitInList splits a too-long IN list into queries that fit", () => {
  const ids = Array.from({ length: 600 }, (_, i) => 1000000 + i).join(", ");
  const parts = crql.splitInList(`SELECT TOP 500 ClientID FROM Enrollment WHERE EnrollID IN (${ids})`);
  assert.ok(parts.length > 1);
  for (const p of parts) assert.ok(crql.encodedLength(p) <= 2048, p.length);
  const back = parts.flatMap((p) => p.match(/IN \((.*)\)/)[1].split(", "));
  assert.equal(back.join(", "), ids);
  assert.deepEqual(crql.splitInList("SELECT TOP 5 A FROM B WHERE A IN (1, 2)"),
    ["SELECT TOP 5 A FROM B WHERE A IN (1, 2)"]);
});

test("rules lists every code, with the linter's fixable ones marked", () => {
  const list = crql.rules();
  const byCode = Object.fromEntries(list.map((r) => [r.code, r]));
  assert.deepEqual(byCode.E0102,
    { code: "E0102", severity: "error", name: "unknown-column", summary: byCode.E0102.summary, fixable: false });
  assert.match(byCode.E0102.summary, /column/);
  assert.equal(byCode.W0403.fixable, true);
  assert.equal(byCode.E0001.fixable, false);
  assert.ok(list.every((r) => r.severity === "error" || r.severity === "warning"));
});
