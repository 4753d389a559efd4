// The built package as npm users get it: `import ... from "crql"` resolves through
// package.json's "exports" and needs no initialisation; its version is the crate's.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { version } from "../pkg/node.js";

const pkg = fileURLToPath(new URL("../pkg/", import.meta.url));
const root = fileURLToPath(new URL("../../../", import.meta.url));

test("a plain import of crql works in Node with no set-up", () => {
  const dir = mkdtempSync(join(tmpdir(), "crql-import-"));
  try {
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(pkg, join(dir, "node_modules", "crql"), "dir");
    writeFileSync(join(dir, "main.mjs"),
      'import { lint, version } from "crql";\n' +
      'console.log(JSON.stringify([version, lint("SELECT TOP 5 ClientId FROM cmClients")[0].code]));\n');
    const out = execFileSync(process.execPath, ["main.mjs"], { cwd: dir, encoding: "utf8" });
    assert.deepEqual(JSON.parse(out), [version, "W0101"]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the version is the crql crate's, in package.json and in the module", () => {
  const cargo = readFileSync(join(root, "Cargo.toml"), "utf8").match(/^version = "(.*)"$/m)[1];
  const manifest = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8"));
  assert.equal(version, cargo);
  assert.equal(manifest.version, cargo);
  assert.equal(manifest.name, "crql");
  assert.equal(manifest.exports["."].node, "./node.js");
});
