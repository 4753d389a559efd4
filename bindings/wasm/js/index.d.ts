// Type declarations of the `crql` npm package (hand-written: the API is the
// JavaScript wrapper's, not wasm-bindgen's raw exports).

/** One edit of a fix: replace `from`..`to` (UTF-16 offsets) with `replacement`. */
export interface Edit {
  from: number;
  to: number;
  replacement: string;
  /**
   * Whether its fix keeps what the query means (`crql check --fix` applies those);
   * `false` for a fix that changes it, most likely to what was meant (`= NULL` to
   * `IS NULL`), which `--unsafe-fixes` applies and a reader should look at.
   */
  safe: boolean;
}

/** A finding, with the same code, message and help as `crql check`. */
export interface Diagnostic {
  /** A stable code such as `"E0102"`; `rules()` and `crql explain CODE` document it. */
  code: string;
  severity: "error" | "warning";
  message: string;
  /** How to fix it, when crql knows. */
  help: string | null;
  /** Start of the span, a UTF-16 offset into the text (what JS strings and editors use). */
  from: number;
  /** End of the span (exclusive), a UTF-16 offset. */
  to: number;
  /** 1-based line of `from`. */
  line: number;
  /** 1-based column of `from`, in characters (code points), as `crql check --format json`. */
  column: number;
  /** The edits of the linter's fix, to apply together; empty when there is none. */
  fixes: Edit[];
}

/**
 * A schema source: schema JSON (the format of a schema file or of crql's schema cache,
 * as an object or its text), or a saved `cto/{table}/description` answer with the
 * table it describes.
 */
export type SchemaSource =
  | string
  | { tables: unknown[]; complete?: boolean; [key: string]: unknown }
  | { table: string; description: string | { metadata: unknown[] } };

export interface LintOptions {
  /** Merged over the built-in ClientTrack schema, like `crql check --schema`. */
  schema?: SchemaSource | SchemaSource[];
  /** Run only these codes or prefixes (`["E01", "W0401"]`). */
  select?: string[];
  /** Skip these codes or prefixes. */
  ignore?: string[];
}

export interface FormatOptions {
  /** Line width to keep within (default 80). */
  width?: number;
  /** Keyword case (default `"upper"`); names and literals are never re-cased. */
  keywordCase?: "upper" | "lower";
  /** Spaces per indentation level, 0 to 16 (default 2). */
  indent?: number;
}

export interface UrlOptions {
  /** Base URL (default `https://api.clienttrack.net`). */
  endpoint?: string;
  /** Rows per page, 1 to 500 (`TOP n` sets it to n). */
  pageSize?: number;
  /** Which page's URL (1-based, default 1). */
  page?: number;
  /** The schema the query is linted against, as for `lint`. */
  schema?: SchemaSource | SchemaSource[];
}

/** A bound value: `null` prints `NULL`, a boolean `1`/`0`, an array expands in `IN (:name)`. */
export type ParamValue = string | number | boolean | null;
export type Params = Record<string, ParamValue | ParamValue[]>;

export interface Rule {
  code: string;
  severity: "error" | "warning";
  /** Kebab-case name, such as `"unknown-column"`. */
  name: string;
  summary: string;
  /** Whether the linter offers a fix for some or all of its findings (`crql rules` says which, and how safe). */
  fixable: boolean;
}

/** Thrown for CRQL that crql refuses: a syntax error, an unbound parameter, ... */
export class CrqlError extends Error {
  name: "CrqlError";
  /** Every reason, as `lint` reports them (offsets into the text given). */
  diagnostics: Diagnostic[];
}

/** Lints a script (`;`-separated queries, comments and `-- crql:allow(...)` included). */
export function lint(text: string, options?: LintOptions): Diagnostic[];
/** Formats a script exactly as `crql fmt`, keeping every comment; throws `CrqlError` on a syntax error. */
export function format(text: string, options?: FormatOptions): string;
/** The syntax tree, as `crql parse --json` prints it (spans in UTF-8 bytes); throws `CrqlError` on a syntax error. */
export function parse(text: string): object;
/** The request URL of the query's page, as `crql url`; throws `CrqlError` if the linter finds an error. */
export function toUrl(text: string, options?: UrlOptions): string;
/** The length of `text` once URL-encoded as the `query` parameter (CTAPI accepts 2,048). */
export function encodedLength(text: string): number;
/** Replaces `:name` placeholders with literals; values can never become syntax. Throws `CrqlError` for an unbound or unused parameter. */
export function bind(text: string, params: Params): string;
/** Splits a query whose `IN` list is too long for one request into queries that fit. */
export function splitInList(text: string): string[];
/** Every code crql reports, as `crql rules` lists them. */
export function rules(): Rule[];
/** The package's version (the crql crate's). */
export const version: string;
