import { CrqlError, encodedLength, format, lint, parse, rules, toUrl, version } from "crql";
import { setDiagnostics } from "@codemirror/lint";
import { createEditor } from "./editor.js";
import { fixChanges, fixLabel } from "./fixes.js";
import { readQuery, writeQuery } from "./permalink.js";
import "./style.css";

// CTAPI refuses a query longer than this once URL-encoded (rule E0207).
const URL_LIMIT = 2048;
// Short enough that findings follow typing closely, long enough not to lint every key
// of a fast typist; a lint of a 2 KB query takes well under a millisecond.
const DEBOUNCE_MS = 40;

const EXAMPLE = `-- Findings show as you type; a link to this page keeps the query.
SELECT TOP 50 ClientID, FirstName, LastName
FROM cmClient
WHERE ActiveStatus = 1 AND UpdatedDate > '2024-01-01'
`;

const $ = (id) => document.getElementById(id);
const status = (text) => ($("status").textContent = text);

let schema; // the schema option from the panel; undefined: the built-in schema
let accepted; // the same once lint accepted it
let schemaNote = ""; // why the panel's schema is not in use
let timer;

const view = createEditor($("editor"), readQuery(location.hash) ?? EXAMPLE, () => {
  clearTimeout(timer);
  timer = setTimeout(analyse, DEBOUNCE_MS);
});

function describeError(err) {
  if (err instanceof CrqlError && Array.isArray(err.diagnostics) && err.diagnostics.length) {
    return err.diagnostics.map((d) => `${d.code} at ${d.line}:${d.column}: ${d.message}`).join("\n");
  }
  return String(err?.message ?? err);
}

function analyse() {
  clearTimeout(timer);
  const text = view.state.doc.toString();
  status("");
  let found;
  let note = schemaNote;
  accepted = schema;
  try {
    found = lint(text, schema === undefined ? {} : { schema });
  } catch (err) {
    // lint reports a bad query as findings: only a schema it refuses throws.
    note = `Schema refused: ${describeError(err)}`;
    accepted = undefined;
    found = lint(text);
  }
  $("schema-status").textContent =
    accepted === undefined
      ? `${note} Using the built-in ClientTrack schema.`.trim()
      : "Using the pasted schema, merged over the built-in one.";
  $("schema-name").textContent = accepted === undefined ? "built-in ClientTrack schema" : "pasted, over the built-in one";
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
    actions: d.fixes.length ? [{ name: fixLabel(d.fixes), apply: () => applyFix(text, d.fixes) }] : [],
  };
}

// Fix edits are offsets into the text they were computed for; applied to anything
// else they would land in the wrong place, so a stale fix re-lints instead.
function applyFix(lintedText, fixes) {
  if (view.state.doc.toString() !== lintedText) {
    analyse();
    status("The query changed since that finding: findings refreshed, click again.");
    return;
  }
  view.dispatch({ changes: fixChanges(fixes), userEvent: "input.fix" });
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
    if (d.fixes.length) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "fix";
      button.textContent = fixLabel(d.fixes);
      button.title = d.fixes.map((e) => `replace ${e.from}..${e.to} with "${e.replacement}"`).join("\n");
      button.addEventListener("click", () => applyFix(text, d.fixes));
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
    $("url").textContent = toUrl(text, accepted === undefined ? {} : { schema: accepted });
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

// Schema panel: the pasted JSON is used once it parses (and the package accepts it);
// until then the built-in schema is, and the panel says why.
function updateSchema() {
  const custom = document.querySelector("input[name=schema]:checked").value === "custom";
  const raw = $("schema-json").value.trim();
  schema = undefined;
  schemaNote = "";
  let parsed;
  if (custom && raw) {
    try {
      parsed = JSON.parse(raw);
    } catch (err) {
      schemaNote = `Not JSON (${err.message}).`;
    }
  } else if (custom) {
    schemaNote = "Paste a schema file or a description.";
  }
  // A saved cto/{table}/description answer does not say which table it describes.
  const description = parsed !== null && typeof parsed === "object" && "metadata" in parsed;
  $("schema-table-row").hidden = !description;
  if (description) {
    const table = $("schema-table").value.trim();
    if (table) schema = { table, description: parsed };
    else schemaNote = "A description: name its table.";
  } else if (parsed !== undefined) {
    schema = parsed;
  }
  analyse();
}
for (const input of document.querySelectorAll("input[name=schema]")) {
  input.addEventListener("change", updateSchema);
}
for (const id of ["schema-json", "schema-table"]) {
  $(id).addEventListener("input", () => {
    document.querySelector("input[name=schema][value=custom]").checked = true;
    clearTimeout(timer);
    timer = setTimeout(updateSchema, DEBOUNCE_MS);
  });
}

$("version").textContent = `crql ${version}`;
renderRules();
updateSchema();
// The browser tests wait for this: the wasm module is compiled and the first lint ran.
document.body.dataset.ready = "true";
