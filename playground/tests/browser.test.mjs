// The playground in Debian's Chromium, headless, against the built dist/ (run
// `npm run build` first). CHROMIUM overrides the browser's path.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { format } from "crql";
import { DIST, serve } from "./serve.mjs";

const EXECUTABLE = process.env.CHROMIUM ?? "/usr/bin/chromium";
// No network here: nothing may reach out on its own (updates, sync, safe browsing).
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
const EDITOR = "[data-testid=editor] .cm-content";
// A schema that lists every table, so an unknown table is the error E0101 rather than
// the built-in (partial) schema's warning W0101.
const COMPLETE_SCHEMA = JSON.stringify({
  complete: true,
  tables: [{ name: "cmClient", columns: [{ name: "ClientID", type: "integer" }, { name: "ActiveStatus", type: "integer" }] }],
});

let server, base, context, profile;
const problems = [];

before(async () => {
  await stat(join(DIST, "index.html")); // a clear failure when the build was not run
  ({ server, url: base } = await serve());
  profile = await mkdtemp(join(tmpdir(), "crql-playground-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: EXECUTABLE,
    headless: true,
    args: ARGS,
  });
});

after(async () => {
  await context?.close();
  server?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

async function open(url = base) {
  const page = await context.newPage();
  page.on("console", (msg) => {
    // Warnings too: wasm-bindgen only warns when the .wasm comes with the wrong MIME type.
    if (msg.type() === "error" || msg.type() === "warning") problems.push(`console ${msg.type()}: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  await page.goto(url);
  // A page that fails to start says why (a missing .wasm, a bad MIME type, ...).
  await page.waitForSelector("body[data-ready=true]", { timeout: 15000 }).catch((err) => {
    throw new Error(`the page did not start: ${problems.join("; ") || err.message}`);
  });
  return page;
}

// The text as shown: one .cm-line per line (a query this small is rendered whole).
const shownText = (el) => [...el.querySelectorAll(".cm-line")].map((l) => l.textContent).join("\n");
const editorText = (page) => page.$eval(EDITOR, shownText);

async function replaceText(page, text) {
  await page.click(EDITOR);
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.type(text);
}

test("a typo'd table shows E0101 within 500 ms of the last keystroke", async () => {
  const page = await open();
  await page.click("#schema-panel summary");
  await page.fill("[data-testid=schema]", COMPLETE_SCHEMA);
  await page.waitForSelector("#schema-status:has-text('Using the pasted schema')");
  const query = "SELECT TOP 5 ClientID FROM cmClinet";
  await replaceText(page, query.slice(0, -1));
  // Only the full name is in the finding we wait for: one about a prefix (`cmClin`), from
  // a lint between two keys, cannot pass for it.
  const finding = "li[data-code=E0101]:has-text('cmClinet')";
  assert.equal(await page.$(finding), null);
  const start = performance.now();
  await page.keyboard.type(query.slice(-1));
  await page.waitForSelector(finding, { timeout: 500 });
  console.log(`E0101 listed ${(performance.now() - start).toFixed(0)} ms after the last keystroke`);
  assert.equal(await editorText(page), query);
  // Underlined in the editor too, not only listed.
  await page.waitForSelector("[data-testid=editor] .cm-lintRange-error", { timeout: 500 });
  await page.close();
});

test("a fix click changes the text (UTF-16 offsets past non-ASCII text)", async () => {
  const page = await open();
  // `ü` and the emoji take more bytes than UTF-16 units: a fix placed by byte offsets
  // would land off to the right.
  const query = "SELECT TOP 5 ClientID FROM cmClient WHERE City = 'Zürich 😀' AND ActiveStatus = NULL";
  await replaceText(page, query);
  const button = "li[data-code=W0403] button.fix";
  await page.waitForSelector(button);
  await page.click(button);
  await page.waitForSelector("li[data-code=W0403]", { state: "detached" });
  assert.equal(await editorText(page), query.replace("ActiveStatus = NULL", "ActiveStatus IS NULL"));
  await page.close();
});

test("Format rewrites the editor as the package's format does", async () => {
  const page = await open();
  const query =
    "select top 5 ClientID, FirstName, LastName, City, State, ZipCode, HomePhone from cmClient " +
    "where ActiveStatus = 1 and UpdatedDate > '2024-01-01' -- kept";
  await replaceText(page, query);
  await page.click("[data-testid=format]");
  const expected = format(query);
  assert.notEqual(expected, query);
  assert.equal(await editorText(page), expected);
  await page.close();
});

test("a pasted cto/{table}/description is used once its table is named", async () => {
  const page = await open();
  await replaceText(page, "SELECT TOP 5 EnrollIDx FROM Enrollment");
  // The built-in schema does not know every column of Enrollment: a warning.
  await page.waitForSelector("li[data-code=W0102]");
  await page.click("#schema-panel summary");
  await page.fill("[data-testid=schema]", JSON.stringify({ metadata: [{ attributeName: "EnrollID", dataType: "int" }] }));
  await page.waitForSelector("#schema-table-row:not([hidden])");
  await page.fill("#schema-table", "Enrollment");
  // A description lists every column of its table: the same column is now an error.
  await page.waitForSelector("li[data-code=E0102]:has-text('EnrollIDx')");
  assert.equal(await page.$("li[data-code=W0102]"), null);
  await page.close();
});

test("a permalink reload restores the query", async () => {
  const page = await open();
  const query = "SELECT TOP 3 City, State FROM cmClient -- Zürich, ünïcödé";
  await replaceText(page, query);
  await page.waitForFunction((q) => location.hash === "#q=" + encodeURIComponent(q), query);
  const link = page.url();
  await page.close();
  const again = await open(link);
  assert.equal(await editorText(again), query);
  // The request URL tab follows the restored query.
  assert.match(await again.textContent("[data-testid=url]"), /cmClient/);
  await again.close();
});

test("the page logged no console error or warning and no page error", () => {
  assert.deepEqual(problems, []);
});
