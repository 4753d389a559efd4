// The settings object the server receives, as `initializationOptions`, as the
// `settings` of `workspace/didChangeConfiguration` and as the answer to a
// `workspace/configuration` request for the section `crql`: one shape in all
// three places, so the server parses one thing. Kept free of the `vscode`
// module so that tests run under plain Node.

import * as os from "node:os";
import * as path from "node:path";

/**
 * What the server reads (see the README's "Language server" section). A key left
 * out is "not set here": the server takes the value from `crql.toml`, else its
 * built-in default. Unset keys are omitted, not sent as `null`, and so are empty
 * lists, which the server reads as unset too.
 */
export interface ServerSettings {
  /** From `crql.lint.select`. */
  select?: string[];
  /** From `crql.lint.ignore`. */
  ignore?: string[];
  /** Absolute when a workspace folder is open (relative entries are resolved against it). */
  schema?: string[];
  format: { width?: number; keywordCase?: "upper" | "lower" };
  maxDocumentBytes?: number;
}

/** Reads one setting of the `crql` section (`get("lint.select")`); `undefined` or `null` when unset. */
export type Get = (key: string) => unknown;

/** Expands `~` and `${workspaceFolder}` / `${userHome}` in a user-written path. */
export function expandPath(raw: string, workspaceFolder: string | undefined): string {
  let p = raw.replace(/\$\{userHome\}/g, os.homedir());
  if (workspaceFolder !== undefined) {
    p = p.replace(/\$\{workspaceFolder\}/g, workspaceFolder);
  }
  if (p === "~" || p.startsWith("~/") || p.startsWith("~\\")) {
    p = path.join(os.homedir(), p.slice(1));
  }
  return p;
}

/**
 * The executable to start. A bare name (`crql`) stays bare so that the
 * operating system searches `PATH`; a relative path with a separator is taken
 * from the workspace folder, like a schema path.
 */
export function serverPath(get: Get, workspaceFolder: string | undefined): string {
  const raw = get("path");
  const p = expandPath(typeof raw === "string" && raw.trim() !== "" ? raw.trim() : "crql", workspaceFolder);
  const hasSeparator = p.includes("/") || p.includes("\\");
  if (hasSeparator && !path.isAbsolute(p) && workspaceFolder !== undefined) {
    return path.join(workspaceFolder, p);
  }
  return p;
}

function stringList(value: unknown): string[] | null {
  if (!Array.isArray(value)) {
    return null;
  }
  return value.filter((v): v is string => typeof v === "string");
}

/** Builds the object the server receives from the `crql.*` settings. */
export function serverSettings(get: Get, workspaceFolder: string | undefined): ServerSettings {
  const settings: ServerSettings = { format: {} };
  const select = stringList(get("lint.select"));
  if (select !== null && select.length > 0) {
    settings.select = select;
  }
  const ignore = stringList(get("lint.ignore"));
  if (ignore !== null && ignore.length > 0) {
    settings.ignore = ignore;
  }
  const schema = stringList(get("schema"));
  if (schema !== null && schema.length > 0) {
    settings.schema = schema.map((entry) => {
      const p = expandPath(entry, workspaceFolder);
      return workspaceFolder !== undefined && !path.isAbsolute(p) ? path.join(workspaceFolder, p) : p;
    });
  }
  const width = get("format.width");
  if (typeof width === "number" && Number.isInteger(width)) {
    settings.format.width = width;
  }
  const keywordCase = get("format.keywordCase");
  if (keywordCase === "upper" || keywordCase === "lower") {
    settings.format.keywordCase = keywordCase;
  }
  const maxBytes = get("maxDocumentBytes");
  if (typeof maxBytes === "number" && Number.isInteger(maxBytes) && maxBytes > 0) {
    settings.maxDocumentBytes = maxBytes;
  }
  return settings;
}
