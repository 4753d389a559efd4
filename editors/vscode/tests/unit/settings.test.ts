// The object the server receives is a contract with `crql lsp` (see README):
// these tests pin its shape and the path handling, without VS Code.

import { strict as assert } from "node:assert";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { serverPath, serverSettings } from "../../src/settings";

const folder = path.join(os.tmpdir(), "proj");

function getter(values: Record<string, unknown>) {
  return (key: string) => values[key];
}

test("unset settings are left out, so the server falls back to crql.toml", () => {
  const unset = { format: {} };
  assert.deepEqual(serverSettings(getter({}), folder), unset);
  // VS Code gives null for a setting whose default is null.
  const nulls = {
    "lint.select": null,
    "lint.ignore": null,
    schema: null,
    "format.width": null,
    "format.keywordCase": null,
    maxDocumentBytes: null,
  };
  assert.deepEqual(serverSettings(getter(nulls), folder), unset);
  // Sent as JSON, nothing is null.
  assert.equal(JSON.stringify(serverSettings(getter(nulls), folder)), '{"format":{}}');
});

test("set settings keep their values; schema paths become absolute", () => {
  const got = serverSettings(
    getter({
      "lint.select": ["E", "W04"],
      "lint.ignore": ["W0402"],
      schema: ["schema", "${workspaceFolder}/more.json", "/abs/s.json", "~/s.json"],
      "format.width": 80,
      "format.keywordCase": "lower",
      maxDocumentBytes: 65536,
    }),
    folder,
  );
  assert.deepEqual(got, {
    select: ["E", "W04"],
    ignore: ["W0402"],
    schema: [
      path.join(folder, "schema"),
      `${folder}/more.json`,
      "/abs/s.json",
      path.join(os.homedir(), "s.json"),
    ],
    format: { width: 80, keywordCase: "lower" },
    maxDocumentBytes: 65536,
  });
});

test("an empty list is left out: the server reads it as unset", () => {
  const got = serverSettings(getter({ "lint.select": [], "lint.ignore": [], schema: [] }), folder);
  assert.deepEqual(got, { format: {} });
});

test("ill-typed values hand-written in settings.json are dropped, not sent", () => {
  const got = serverSettings(
    getter({
      "lint.select": "E",
      "lint.ignore": ["W0402", 7],
      schema: {},
      "format.width": "80",
      "format.keywordCase": "UPPER",
      maxDocumentBytes: -1,
    }),
    folder,
  );
  assert.deepEqual(got, { ignore: ["W0402"], format: {} });
  assert.equal(serverSettings(getter({ "format.width": 80.5 }), folder).format.width, undefined);
});

test("without a workspace folder, relative schema paths stay relative", () => {
  assert.deepEqual(serverSettings(getter({ schema: ["schema"] }), undefined).schema, ["schema"]);
});

test("a bare executable name is left for PATH; a relative path is taken from the folder", () => {
  assert.equal(serverPath(getter({}), folder), "crql");
  assert.equal(serverPath(getter({ path: "  " }), folder), "crql");
  assert.equal(serverPath(getter({ path: "crql-dev" }), folder), "crql-dev");
  assert.equal(serverPath(getter({ path: "target/debug/crql" }), folder), path.join(folder, "target/debug/crql"));
  assert.equal(serverPath(getter({ path: "/usr/bin/crql" }), folder), "/usr/bin/crql");
  assert.equal(serverPath(getter({ path: "~/.cargo/bin/crql" }), folder), path.join(os.homedir(), ".cargo/bin/crql"));
  assert.equal(
    serverPath(getter({ path: "${workspaceFolder}/bin/crql" }), folder),
    `${folder}/bin/crql`,
  );
});
