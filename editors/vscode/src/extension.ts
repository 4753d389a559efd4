// The VS Code client of `crql lsp`: starts the server over stdio, hands it the
// `crql.*` settings, and restarts it on demand or when `crql.path` changes.

import * as vscode from "vscode";
import {
  ConfigurationParams,
  DidChangeConfigurationNotification,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";
import { serverPath, serverSettings, ServerSettings } from "./settings";

const SECTION = "crql";

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;
// Restarts are chained so that two quick ones never start two servers.
let pending: Promise<void> = Promise.resolve();

function workspaceFolder(scope?: vscode.Uri): string | undefined {
  const folder = scope ? vscode.workspace.getWorkspaceFolder(scope) : vscode.workspace.workspaceFolders?.[0];
  return folder?.uri.scheme === "file" ? folder.uri.fsPath : undefined;
}

function settingsFor(scope?: vscode.Uri): ServerSettings {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  return serverSettings((key) => config.get(key), workspaceFolder(scope));
}

function createClient(): LanguageClient {
  const folder = workspaceFolder();
  const config = vscode.workspace.getConfiguration(SECTION);
  const command = serverPath((key) => config.get(key), folder);
  const serverOptions: ServerOptions = {
    command,
    args: ["lsp"],
    transport: TransportKind.stdio,
    options: folder !== undefined ? { cwd: folder } : {},
  };
  output ??= vscode.window.createOutputChannel("CRQL Language Server");
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "crql" },
      { scheme: "untitled", language: "crql" },
    ],
    initializationOptions: settingsFor(),
    outputChannel: output,
    synchronize: {
      // The project file and the schema cache change what the server reports.
      fileEvents: [
        vscode.workspace.createFileSystemWatcher("**/crql.toml"),
        vscode.workspace.createFileSystemWatcher("**/.crql/schema/*.json"),
      ],
    },
    middleware: {
      workspace: {
        // A server that pulls its settings gets the same object as its
        // initializationOptions, not VS Code's raw `crql` section.
        configuration: async (params: ConfigurationParams, token, next) => {
          const answers = await next(params, token);
          if (!Array.isArray(answers)) {
            return answers;
          }
          return params.items.map((item, i) =>
            item.section === SECTION
              ? settingsFor(item.scopeUri !== undefined ? vscode.Uri.parse(item.scopeUri) : undefined)
              : answers[i],
          );
        },
      },
    },
  };
  // The id `crql` makes the client read `crql.trace.server` by itself.
  const created = new LanguageClient(SECTION, "CRQL Language Server", serverOptions, clientOptions);
  commands.set(created, command);
  return created;
}

// The executable a client was created with, for messages.
const commands = new WeakMap<LanguageClient, string>();

function commandOf(c: LanguageClient): string {
  return commands.get(c) ?? "crql";
}

async function start(): Promise<void> {
  const next = createClient();
  client = next;
  try {
    await next.start();
  } catch (err) {
    const open = "Open Settings";
    const message = err instanceof Error ? err.message : String(err);
    const choice = await vscode.window.showErrorMessage(
      `CRQL: could not start \`${commandOf(next)} lsp\` (${message}). ` +
        "Install crql (cargo install crql) or set `crql.path` to its executable.",
      open,
    );
    if (choice === open) {
      await vscode.commands.executeCommand("workbench.action.openSettings", "crql.path");
    }
  }
}

async function stop(): Promise<void> {
  const current = client;
  client = undefined;
  if (current === undefined) {
    return;
  }
  try {
    // A server that never started cannot be stopped; nothing is left to clean.
    if (current.isRunning()) {
      await current.stop();
    }
  } catch (err) {
    output?.appendLine(`stopping the server failed: ${String(err)}`);
  }
}

function restart(): Promise<void> {
  pending = pending.then(async () => {
    await stop();
    await start();
  });
  return pending;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand("crql.restartServer", restart),
    vscode.commands.registerCommand("crql.showOutput", () => output?.show(true)),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration(`${SECTION}.path`)) {
        await restart();
      } else if (event.affectsConfiguration(SECTION) && client?.isRunning()) {
        await client.sendNotification(DidChangeConfigurationNotification.type, { settings: settingsFor() });
      }
    }),
  );
  await restart();
}

export async function deactivate(): Promise<void> {
  await pending;
  await stop();
}
