// The settings contract between this extension and `crql lsp`, end to end: the
// real server binary (CRQL_BIN) is started over stdio, as the extension starts it,
// and handed the object `serverSettings` builds from `crql.*` settings; each
// setting must change what the server answers. Each check also runs without the
// setting, so that a server ignoring it fails the test.

import { strict as assert } from "node:assert";
import { ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, test } from "node:test";
import { pathToFileURL } from "node:url";
import * as rpc from "vscode-jsonrpc/node";
import {
  Diagnostic,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentFormattingRequest,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  ShutdownRequest,
  TextEdit,
} from "vscode-languageserver-protocol";
import { serverSettings, ServerSettings } from "../../src/settings";

const bin = process.env.CRQL_BIN;
if (bin === undefined || bin === "") {
  throw new Error("set CRQL_BIN to the crql executable to test (e.g. ../../target/debug/crql)");
}
const crql: string = path.resolve(bin);
// Generous: a debug build on a busy 2-core machine. Only a hang reaches it.
const WAIT_MS = 20_000;

const root = mkdtempSync(path.join(os.tmpdir(), "crql-vscode-"));
const sessions: Session[] = [];
after(async () => {
  for (const s of sessions) {
    await s.close();
  }
});

function settings(values: Record<string, unknown>): ServerSettings {
  return serverSettings((key) => values[key], root);
}

class Session {
  private readonly proc: ChildProcess;
  private readonly conn: rpc.MessageConnection;
  private published: PublishDiagnosticsParams[] = [];
  private waiters: (() => void)[] = [];
  private stderr = "";
  private version = 1;
  private closed = false;
  /** Rejects when the server exits before being told to, naming what it said. */
  readonly died: Promise<never>;

  constructor(private current: ServerSettings) {
    this.proc = spawn(crql, ["lsp"], { cwd: root, stdio: ["pipe", "pipe", "pipe"] });
    this.proc.stderr!.on("data", (d) => (this.stderr += String(d)));
    this.died = new Promise<never>((_, reject) => {
      this.proc.on("exit", (code) => {
        if (!this.closed) {
          reject(new Error(`\`${crql} lsp\` exited (status ${code}): ${this.stderr.trim()}`));
        }
      });
    });
    this.died.catch(() => undefined); // reported where awaited
    this.conn = rpc.createMessageConnection(
      new rpc.StreamMessageReader(this.proc.stdout!),
      new rpc.StreamMessageWriter(this.proc.stdin!),
    );
    // What the extension's middleware answers: the same object for `crql`.
    this.conn.onRequest("workspace/configuration", (params: { items: { section?: string }[] }) =>
      params.items.map((item) => (item.section === "crql" ? this.current : null)),
    );
    this.conn.onRequest("client/registerCapability", () => null);
    this.conn.onRequest("client/unregisterCapability", () => null);
    this.conn.onRequest("window/workDoneProgress/create", () => null);
    this.conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.published.push(p);
      const ws = this.waiters;
      this.waiters = [];
      ws.forEach((w) => w());
    });
    this.conn.listen();
    sessions.push(this);
  }

  static async start(init: ServerSettings): Promise<Session> {
    const s = new Session(init);
    const rootUri = pathToFileURL(root).href;
    const initialize = s.conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: "root" }],
      initializationOptions: init,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: {
          synchronization: { didSave: true },
          publishDiagnostics: { relatedInformation: true },
          formatting: {},
        },
      },
    });
    await Promise.race([initialize, s.died]);
    await s.conn.sendNotification(InitializedNotification.type, {});
    return s;
  }

  async open(name: string, text: string): Promise<string> {
    const uri = pathToFileURL(path.join(root, name)).href;
    await this.conn.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: "crql", version: this.version++, text },
    });
    return uri;
  }

  /** Replaces the whole text, which makes the server check it again. */
  async touch(uri: string, text: string): Promise<void> {
    await this.conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: this.version++ },
      contentChanges: [{ text }],
    });
  }

  async configure(next: ServerSettings): Promise<void> {
    this.current = next;
    await this.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: next });
  }

  /** Resolves with the first diagnostics published for `uri`, from `from` on, that satisfy `ok`. */
  async diagnostics(uri: string, ok: (d: Diagnostic[]) => boolean, from = 0): Promise<Diagnostic[]> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const hit = this.published.slice(from).find((p) => p.uri === uri && ok(p.diagnostics));
      if (hit !== undefined) {
        return hit.diagnostics;
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        const seen = this.published.filter((p) => p.uri === uri).map((p) => codes(p.diagnostics));
        throw new Error(`no matching diagnostics for ${uri}; published: ${JSON.stringify(seen)}; stderr: ${this.stderr}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  get publishedCount(): number {
    return this.published.length;
  }

  async format(uri: string): Promise<TextEdit[]> {
    const edits = await this.conn.sendRequest(DocumentFormattingRequest.type, {
      textDocument: { uri },
      options: { tabSize: 4, insertSpaces: true },
    });
    return edits ?? [];
  }

  async close(): Promise<void> {
    if (this.closed) {
      return;
    }
    this.closed = true;
    try {
      await this.conn.sendRequest(ShutdownRequest.type);
      await this.conn.sendNotification(ExitNotification.type);
    } finally {
      this.conn.dispose();
      this.proc.kill();
    }
  }
}

function codes(ds: Diagnostic[]): string[] {
  return ds.map((d) => String(d.code));
}

/** Applies LSP edits (UTF-16 positions, as JavaScript strings count) to `text`. */
function apply(text: string, edits: TextEdit[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "\n") {
      lineStarts.push(i + 1);
    }
  }
  const offset = (p: { line: number; character: number }) =>
    p.line >= lineStarts.length ? text.length : Math.min(lineStarts[p.line] + p.character, text.length);
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) {
    out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  }
  return out;
}

const UNBOUNDED = "SELECT ClientID FROM cmClient\n"; // W0401: no TOP

test("lint.ignore in initializationOptions silences a rule", { timeout: 2 * WAIT_MS }, async () => {
  const plain = await Session.start(settings({}));
  const a = await plain.open("plain.crql", UNBOUNDED);
  await plain.diagnostics(a, (d) => codes(d).includes("W0401"));

  const ignoring = await Session.start(settings({ "lint.ignore": ["W0401"] }));
  const b = await ignoring.open("ignoring.crql", UNBOUNDED);
  const got = await ignoring.diagnostics(b, () => true);
  assert.ok(!codes(got).includes("W0401"), `W0401 reported although ignored: ${codes(got)}`);
});

test("lint.select in initializationOptions keeps only the selected rules", { timeout: 2 * WAIT_MS }, async () => {
  // W0401 (no TOP) and W0407 (a quoted number compared with an integer column).
  const text = "SELECT ClientID FROM cmClient WHERE ClientID = '5'\n";
  const s = await Session.start(settings({ "lint.select": ["W0407"] }));
  const uri = await s.open("select.crql", text);
  const got = await s.diagnostics(uri, (d) => d.length > 0);
  assert.deepEqual([...new Set(codes(got))], ["W0407"]);
});

test("workspace/didChangeConfiguration changes what is reported", { timeout: 2 * WAIT_MS }, async () => {
  const s = await Session.start(settings({}));
  const uri = await s.open("change.crql", UNBOUNDED);
  await s.diagnostics(uri, (d) => codes(d).includes("W0401"));
  const mark = s.publishedCount;
  await s.configure(settings({ "lint.ignore": ["W0401"] }));
  // A server may re-check open files on its own; an edit makes sure it does.
  await s.touch(uri, UNBOUNDED);
  await s.diagnostics(uri, (d) => !codes(d).includes("W0401"), mark);
});

test("schema in initializationOptions (relative to the workspace folder) is read", { timeout: 2 * WAIT_MS }, async () => {
  writeFileSync(
    path.join(root, "services.json"),
    JSON.stringify({ tables: [{ name: "Services", complete: true, columns: [{ name: "ServiceID", type: "integer" }] }] }),
  );
  const text = "SELECT TOP 5 ServiceID FROM Services\n";
  const without = await Session.start(settings({}));
  const a = await without.open("noschema.crql", text);
  await without.diagnostics(a, (d) => codes(d).includes("W0101"));

  const opts = settings({ schema: ["services.json"] });
  assert.equal(opts.schema?.[0], path.join(root, "services.json"));
  const withSchema = await Session.start(opts);
  const b = await withSchema.open("schema.crql", text);
  const got = await withSchema.diagnostics(b, () => true);
  assert.ok(!codes(got).includes("W0101"), `Services unknown despite the schema: ${codes(got)}`);
});

test("format.width and format.keywordCase give what crql fmt gives with the same options", { timeout: 2 * WAIT_MS }, async () => {
  const text = "select top 5 ClientID, FirstName, LastName, ActiveStatus from cmClient where ClientID = 1 -- keep me\n";
  const cli = (args: string[]) =>
    execFileSync(crql, ["fmt", "--isolated", ...args, "-"], { input: text, cwd: root, encoding: "utf8" });
  const s = await Session.start(settings({ "format.width": 40, "format.keywordCase": "lower" }));
  const uri = await s.open("fmt.crql", text);
  const formatted = apply(text, await s.format(uri));
  assert.equal(formatted, cli(["--width", "40", "--keyword-case", "lower"]));
  // The options matter: the defaults give something else.
  assert.notEqual(formatted, cli([]));
});

test("maxDocumentBytes lowers the size of the files checked", { timeout: 2 * WAIT_MS }, async () => {
  const big = "SELECT TOP 5 ClientID FROM cmClient WHERE LastName = 'x'\n"; // 57 bytes, no finding
  const plain = await Session.start(settings({}));
  const a = await plain.open("size-plain.crql", big);
  const unlimited = await plain.diagnostics(a, () => true);
  assert.ok(!codes(unlimited).includes("E0002"), `E0002 without a limit: ${codes(unlimited)}`);

  const small = await Session.start(settings({ maxDocumentBytes: 20 }));
  const b = await small.open("size-small.crql", big);
  await small.diagnostics(b, (d) => codes(d).includes("E0002"));
});
