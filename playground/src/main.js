import { CrqlError, encodedLength, format, lint, parse, rules, toUrl, version } from "crql";
import { setDiagnostics } from "@codemirror/lint";
import { createEditor } from "./editor.js";
import { fixEdits, fixLabel } from "./fixes.js";
import { readQuery, writeQuery } from "./permalink.js";
import "./style.css";

// CTAPI refuses a query longer than this once URL-encoded (rule E0207).
const URL_LIMIT = 2048;
// Short enough that findings follow typing closely, long enough not to lint every key
// of a fast typist; a lint of a 2 KB query takes well under a millisecond.
const DEBOUNCE_MS = 60;

const EXAMPLE = `-- Findings show as you type; a link to this page keeps the query.
SELECT TOP 50 ClientID, FirstName, LastName
FROM cmClient
WHERE ActiveStatus = 1 AND UpdatedDate > '2024-01-01'
`;

const $ = (id) => document.getElementById(id);
const status = (text) => ($("status").textContent = text);

let schema; // undefined: the built-in schema
let timer;

const view = createEditor($("editor"), readQuery(location.hash) ?? EXAMPLE, () => {
  clearTimeout(timer);
  timer = setTimeout(analyse, DEBOUNCE_MS);
});

function lintOptions() {
  return schema === undefined ? {} : { schema };
}

function describeError(err) {
  if (err instanceof CrqlError && Array.isArray(err.diagnostics) && err.diagnostics.length) {
    return err.diagnostics.map((d) => `${d.code} at ${d.line}:${d.column}: ${d.message}`).join("\n");
  }
  return String(err?.message ?? err);
}

function analyse() {
  clearTimeout(timer);
  const text = view.state.doc.toString();
  let found;
  try {
    found = lint(text, lintOptions());
  } catch (err) {
    // Only a schema the package refuses gets here: lint reports bad queries as findings.
    status(`Lint failed: ${describeError(err)}`);
    found = [];
  }
  view.dispatch(setDiagnostics(view.state, found.map((d) => toEditorDiagnostic(text, d))));
  renderFindings(text, found);
  renderUrl(text);
  renderAst(text);
  writeQuery(text);
}

function toEditorDiagnostic(text, d) {
  return {
    from: d.from,
    to: d.to,
    severity: d.severity,
    source: d.code,
    message: d.help ? `${d.message}\n${d.help}` : d.message,
    actions: (d.fixes ?? []).map((fix) => ({
      name: fixLabel(fix),
      apply: () => applyFix(text, fix),
    })),
  };
}

// Fix edits are offsets into the text they were computed for; applied to anything
// else they would land in the wrong place, so a stale fix re-lints instead.
function applyFix(lintedText, fix) {
  if (view.state.doc.toString() !== lintedText) {
    analyse();
    status("The query changed since that finding: findings refreshed, click again.");
    return;
  }
  const changes = fixEdits(fix).map((e) => ({ from: e.from, to: e.to, insert: e.text }));
  view.dispatch({ changes, userEvent: "input.fix" });
  view.focus();
  analyse();
}

function renderFindings(text, found) {
  const list = $("diagnostics");
  list.replaceChildren();
  $("count").textContent = found.length ? `(${found.length})` : "(none)";
  for (const d of found) {
    const li = document.createElement("li");
    li.dataset.code = d.code;
    li.className = d.severity;
    const where = document.createElement("button");
    where.type = "button";
    where.className = "where";
    where.textContent = `${d.line}:${d.column}`;
    where.title = "Show in the editor";
    where.addEventListener("click", () => {
      view.dispatch({ selection: { anchor: d.from, head: d.to }, scrollIntoView: true });
      view.focus();
    });
    const head = document.createElement("div");
    const code = document.createElement("strong");
    code.textContent = d.code;
    head.append(where, code, ` ${d.message}`);
    li.append(head);
    if (d.help) {
      const help = document.createElement("p");
      help.className = "help";
      help.textContent = d.help;
      li.append(help);
    }
    for (const fix of d.fixes ?? []) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "fix";
      button.textContent = `Fix: ${fixLabel(fix)}`;
      button.addEventListener("click", () => applyFix(text, fix));
      li.append(button);
    }
    list.append(li);
  }
}

function renderUrl(text) {
  const length = encodedLength(text);
  const out = $("url-length");
  out.textContent = `Encoded length ${length.toLocaleString("en")} of ${URL_LIMIT.toLocaleString("en")} characters`;
  out.className = length > URL_LIMIT ? "over" : "";
  try {
    $("url").textContent = toUrl(text);
  } catch (err) {
    $("url").textContent = describeError(err);
  }
}

function renderAst(text) {
  try {
    $("ast").textContent = JSON.stringify(parse(text), null, 2);
  } catch (err) {
    $("ast").textContent = describeError(err);
  }
}

function renderRules() {
  const body = $("rules");
  for (const r of rules()) {
    const tr = document.createElement("tr");
    tr.className = r.severity;
    for (const cell of [r.code, r.severity, r.name, r.fixable ? "yes" : "", r.summary]) {
      const td = document.createElement("td");
      td.textContent = cell;
      tr.append(td);
    }
    body.append(tr);
  }
}

$("format").addEventListener("click", () => {
  const text = view.state.doc.toString();
  let formatted;
  try {
    formatted = format(text, { keywordCase: $("keyword-case").value });
  } catch (err) {
    status(`Cannot format: ${describeError(err)}`);
    return;
  }
  status("");
  if (formatted !== text) {
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: formatted }, userEvent: "input.format" });
  }
  analyse();
});

$("copy-link").addEventListener("click", async () => {
  writeQuery(view.state.doc.toString());
  try {
    await navigator.clipboard.writeText(location.href);
    status("Link copied.");
  } catch {
    status("Copy the address bar: it holds the query.");
  }
});

// Another permalink pasted into the address bar of an open page.
window.addEventListener("hashchange", () => {
  const text = readQuery(location.hash);
  if (text !== null && text !== view.state.doc.toString()) {
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    analyse();
  }
});

for (const tab of document.querySelectorAll("[role=tab]")) {
  tab.addEventListener("click", () => {
    for (const other of document.querySelectorAll("[role=tab]")) {
      const selected = other === tab;
      other.setAttribute("aria-selected", String(selected));
      $(`tab-${other.dataset.tab}`).hidden = !selected;
    }
  });
}

// Schema panel: the pasted JSON is used once it parses; until then the built-in one is.
function updateSchema() {
  const custom = document.querySelector("input[name=schema]:checked").value === "custom";
  const raw = $("schema-json").value.trim();
  schema = undefined;
  $("schema-table-row").hidden = true;
  let note = "Using the built-in ClientTrack schema.";
  if (custom && raw) {
    try {
      schema = JSON.parse(raw);
      note = "Using the pasted schema.";
    } catch (err) {
      note = `Not JSON (${err.message}): using the built-in schema.`;
    }
  } else if (custom) {
    note = "Paste a schema to use it; until then the built-in one is used.";
  }
  $("schema-status").textContent = note;
  $("schema-name").textContent = schema === undefined ? "built-in ClientTrack schema" : "pasted";
  analyse();
}
for (const input of document.querySelectorAll("input[name=schema]")) {
  input.addEventListener("change", updateSchema);
}
$("schema-json").addEventListener("input", () => {
  document.querySelector("input[name=schema][value=custom]").checked = true;
  clearTimeout(timer);
  timer = setTimeout(updateSchema, DEBOUNCE_MS);
});

$("version").textContent = `crql ${version}`;
renderRules();
updateSchema();
// The browser tests wait for this: the wasm module is compiled and the first lint ran.
document.body.dataset.ready = "true";
