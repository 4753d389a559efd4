// The playground in Debian's Chromium, headless, against the built dist/ (run
// `npm run build` first). CHROMIUM overrides the browser's path.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
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
    if (msg.type() === "error") problems.push(`console: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  await page.goto(url);
  await page.waitForSelector("body[data-ready=true]");
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

test("a fix click changes the text", async () => {
  const page = await open();
  const query = "SELECT TOP 5 ClientID FROM cmClient WHERE ActiveStatus = NULL";
  await replaceText(page, query);
  const button = "li[data-code=W0403] button.fix";
  await page.waitForSelector(button);
  await page.click(button);
  await page.waitForFunction(
    ([sel, q]) => document.querySelector(sel).innerText.trim() !== q,
    [EDITOR, query],
  );
  const fixed = await editorText(page);
  assert.match(fixed, /ActiveStatus IS NULL/i);
  await page.waitForSelector("li[data-code=W0403]", { state: "detached" });
  await page.close();
});

test("Format rewrites the editor", async () => {
  const page = await open();
  const query = "select top 5 ClientID, FirstName from cmClient where ActiveStatus = 1";
  await replaceText(page, query);
  await page.click("[data-testid=format]");
  const formatted = await editorText(page);
  assert.notEqual(formatted, query);
  assert.match(formatted, /^SELECT TOP 5/);
  assert.match(formatted, /\nFROM cmClient/);
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

test("the page logged no console error and no page error", () => {
  assert.deepEqual(problems, []);
});
