// How a TypeScript program uses the `crql` package; `npm run typecheck` (tsc --noEmit)
// checks it against the package's declarations (pkg/index.d.ts). The expected errors
// at the end must stay errors: they show what the declarations refuse.
import {
  CrqlError,
  bind,
  encodedLength,
  format,
  lint,
  parse,
  rules,
  splitInList,
  toUrl,
  version,
  type Diagnostic,
  type Edit,
  type Rule,
} from "crql";

const query = "select TOP 5 ClientId from cmClients where FirstName = NULL";

// Findings, with offsets into `query` for an editor's underline.
const findings: Diagnostic[] = lint(query, { select: ["E01", "W04"], ignore: ["W0401"] });
for (const d of findings) {
  const where: string = `${d.line}:${d.column}`;
  const level: "error" | "warning" = d.severity;
  console.log(`${where} ${level} ${d.code} ${d.message} [${query.slice(d.from, d.to)}]`);
  if (d.help !== null) console.log(`  help: ${d.help}`);
}

// Apply the safe fixes (those that keep the query's meaning), last first so that
// earlier offsets stay valid.
const edits: Edit[] = findings
  .flatMap((d) => d.fixes)
  .filter((e) => e.safe)
  .sort((a, b) => b.from - a.from);
const fixed = edits.reduce((t, e) => t.slice(0, e.from) + e.replacement + t.slice(e.to), query);

// A schema: schema JSON, or a saved cto/{table}/description with its table.
lint(fixed, {
  schema: [
    { tables: [{ name: "MyTable", columns: [{ name: "Id", type: "integer" }] }] },
    { table: "cmClient", description: { metadata: [{ attributeName: "ClientID" }] } },
  ],
});

const pretty: string = format(fixed, { width: 60, keywordCase: "lower", indent: 4 });
const tree: object = parse(pretty);
const url: string = toUrl(fixed, { endpoint: "https://api.example.org", pageSize: 100, page: 2 });
const tooLong: boolean = encodedLength(fixed) > 2048;
const parts: string[] = splitInList("SELECT TOP 500 ClientID FROM cmClient WHERE ClientID IN (1, 2, 3)");
const fixable: Rule[] = rules().filter((r) => r.fixable);
console.log(version, pretty, tree, url, tooLong, parts, fixable.length);

try {
  bind("SELECT TOP 10 ClientID FROM cmClient WHERE LastName = :name AND ClientID IN (:ids)", {
    name: "O'Brien",
    ids: [1, 2, 3],
  });
} catch (e) {
  if (e instanceof CrqlError) {
    const first: Diagnostic | undefined = e.diagnostics[0];
    console.log(e.name, e.message, first?.code);
  }
}

// @ts-expect-error keyword case is "upper" or "lower"
format(query, { keywordCase: "title" });
// @ts-expect-error a bound value is a string, number, boolean or null (or an array of them)
bind(query, { when: new Date() });
// @ts-expect-error select takes codes as strings
lint(query, { select: [101] });
// @ts-expect-error severity is "error" or "warning"
const notASeverity: Diagnostic["severity"] = "info";
console.log(notASeverity);
