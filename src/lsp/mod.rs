//! `crql lsp`: a Language Server Protocol 3.17 server for CRQL, over stdio.
//!
//! A thin layer over the library: diagnostics are the linter's findings (what
//! `crql check` reports, with the project's `crql.toml` and schema), formatting is
//! the printer's (what `crql fmt` writes), code actions are the linter's fixes and
//! its suppression comments; completion, hover, aliases, symbols and semantic
//! tokens read the schema and the text. Synchronous: one thread reads and frames
//! the peer's messages ([`transport`]), the main thread answers them in order.
//!
//! [`Server`] holds the state and answers one message at a time, returning what to
//! send; [`serve_stdio`] runs it over stdin and stdout. A panic inside a handler is
//! caught and answered with an error (a request) or logged (a notification); the
//! server goes on. Diagnostics are published after each batch of pending messages,
//! so a burst of keystrokes is checked once.

use std::collections::BTreeSet;
use std::io::Write;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{self as note, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::*;
use serde::de::DeserializeOwned;
use serde_json::Value;

pub mod actions;
pub mod completion;
pub mod config;
pub mod diagnostics;
pub mod documents;
pub mod format;
pub mod hover;
pub mod position;
pub mod semantic_tokens;
pub mod symbols;
pub mod tokens;
pub mod transport;

use config::{Projects, Settings};
use documents::{Document, Documents, uri_path};

/// The server's limits and switches.
#[derive(Clone, Debug)]
pub struct Options {
    /// The largest message body read; a larger one is skipped and answered with an
    /// error.
    pub max_message_bytes: usize,
    /// The largest document checked (the editor's `maxDocumentBytes` may lower it).
    pub max_document_bytes: usize,
    /// The most documents open at once; one opened past it is not kept (its one
    /// diagnostic says so) until another is closed.
    pub max_documents: usize,
    /// Answer the request `crql/testPanic` by panicking (for the tests that show a
    /// panic is caught).
    pub test_panic: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_message_bytes: 16 << 20,
            max_document_bytes: config::DEFAULT_MAX_DOCUMENT_BYTES,
            max_documents: 256,
            test_panic: false,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Uninitialized,
    Running,
    ShuttingDown,
}

/// The language server's state: open documents, settings, projects.
pub struct Server {
    options: Options,
    state: State,
    docs: Documents,
    projects: Projects,
    settings: Settings,
    /// Documents whose diagnostics are to be published.
    dirty: BTreeSet<String>,
    /// Set by `exit`: the process's exit status.
    exit: Option<i32>,
    /// Whether the client can watch files for us (crql.toml, schema files).
    can_watch: bool,
    /// Whether the client answers `workspace/configuration` (settings are pulled
    /// when a change notification carries none, as VS Code's client sends it).
    can_pull_config: bool,
    /// Whether the client takes a registration for configuration changes.
    can_register_config: bool,
    /// Our pending `workspace/configuration` request.
    config_request: Option<RequestId>,
    next_id: i32,
    /// Configuration errors already shown, so that each is shown once.
    shown_errors: BTreeSet<String>,
}

/// A handler's failure: the JSON-RPC error to answer with.
struct Failure(ErrorCode, String);

type Answer = Result<Value, Failure>;

fn params<P: DeserializeOwned>(v: Value) -> Result<P, Failure> {
    serde_json::from_value(v).map_err(|e| Failure(ErrorCode::InvalidParams, e.to_string()))
}

fn to_value(v: impl serde::Serialize) -> Answer {
    serde_json::to_value(v).map_err(|e| Failure(ErrorCode::InternalError, e.to_string()))
}

fn notification(method: &str, params: impl serde::Serialize) -> Message {
    Message::Notification(Notification::new(method.to_string(), params))
}

fn log(kind: MessageType, message: String) -> Message {
    notification(
        note::LogMessage::METHOD,
        LogMessageParams { typ: kind, message },
    )
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "a panic".into())
}

/// The capabilities the server announces.
pub fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(PositionEncodingKind::UTF16),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
                ..TextDocumentSyncOptions::default()
            },
        )),
        document_formatting_provider: Some(OneOf::Left(true)),
        document_range_formatting_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, actions::fix_all_kind()]),
            ..CodeActionOptions::default()
        })),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![".".into(), "(".into(), " ".into()]),
            ..CompletionOptions::default()
        }),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        })),
        document_symbol_provider: Some(OneOf::Left(true)),
        semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
            SemanticTokensOptions {
                legend: semantic_tokens::legend(),
                full: Some(SemanticTokensFullOptions::Bool(true)),
                range: None,
                work_done_progress_options: WorkDoneProgressOptions::default(),
            },
        )),
        ..ServerCapabilities::default()
    }
}

impl Server {
    /// A server that has not been initialized yet.
    pub fn new(options: Options) -> Self {
        Server {
            options,
            state: State::Uninitialized,
            docs: Documents::default(),
            projects: Projects::default(),
            settings: Settings::default(),
            dirty: BTreeSet::new(),
            exit: None,
            can_watch: false,
            can_pull_config: false,
            can_register_config: false,
            config_request: None,
            next_id: 0,
            shown_errors: BTreeSet::new(),
        }
    }

    /// The exit status, once `exit` has come: 0 after `shutdown`, 1 without.
    pub fn exit_code(&self) -> Option<i32> {
        self.exit
    }

    /// The status to end with when the peer goes away without `exit`.
    pub fn eof_code(&self) -> i32 {
        if self.state == State::ShuttingDown {
            0
        } else {
            1
        }
    }

    fn max_document_bytes(&self) -> usize {
        self.settings
            .max_document_bytes
            .map_or(self.options.max_document_bytes, |m| {
                m.min(self.options.max_document_bytes)
            })
    }

    /// Answers one message; returns what to send back, in order.
    pub fn handle(&mut self, msg: Message) -> Vec<Message> {
        match msg {
            Message::Request(r) => self.request(r),
            Message::Notification(n) => self.notification(n),
            Message::Response(r) => self.response(r),
        }
    }

    fn request(&mut self, r: Request) -> Vec<Message> {
        let id = r.id.clone();
        let err = |code: ErrorCode, msg: &str| {
            vec![Message::Response(Response::new_err(
                id.clone(),
                code as i32,
                msg.to_string(),
            ))]
        };
        match (self.state, r.method.as_str()) {
            (State::Uninitialized, req::Initialize::METHOD) => {}
            (State::Uninitialized, _) => {
                return err(
                    ErrorCode::ServerNotInitialized,
                    "the server is not initialized yet",
                );
            }
            (_, req::Initialize::METHOD) => {
                return err(
                    ErrorCode::InvalidRequest,
                    "the server is initialized already",
                );
            }
            (State::ShuttingDown, _) => {
                return err(ErrorCode::InvalidRequest, "the server is shutting down");
            }
            (State::Running, req::Shutdown::METHOD) => {
                self.state = State::ShuttingDown;
                return vec![Message::Response(Response::new_ok(id, Value::Null))];
            }
            _ => {}
        }
        let mut out = Vec::new();
        let answer = catch_unwind(AssertUnwindSafe(|| self.dispatch(r, &mut out)));
        let response = match answer {
            Ok(Ok(v)) => Response::new_ok(id, v),
            Ok(Err(Failure(code, message))) => Response::new_err(id, code as i32, message),
            Err(payload) => Response::new_err(
                id,
                ErrorCode::InternalError as i32,
                format!("crql lsp: internal error: {}", panic_message(&*payload)),
            ),
        };
        out.push(Message::Response(response));
        out
    }

    fn notification(&mut self, n: Notification) -> Vec<Message> {
        if n.method == note::Exit::METHOD {
            self.exit = Some(self.eof_code());
            return Vec::new();
        }
        if self.state == State::Uninitialized {
            return Vec::new();
        }
        let mut out = Vec::new();
        let method = n.method.clone();
        match catch_unwind(AssertUnwindSafe(|| self.notify(n, &mut out))) {
            Ok(Ok(())) => {}
            Ok(Err(Failure(_, message))) => {
                out.push(log(
                    MessageType::WARNING,
                    format!("crql lsp: {method}: {message}"),
                ));
            }
            Err(payload) => out.push(log(
                MessageType::ERROR,
                format!(
                    "crql lsp: internal error in {method}: {}",
                    panic_message(&*payload)
                ),
            )),
        }
        out
    }

    fn dispatch(&mut self, r: Request, out: &mut Vec<Message>) -> Answer {
        match r.method.as_str() {
            req::Initialize::METHOD => self.initialize(params(r.params)?, out),
            req::Formatting::METHOD => {
                let p: DocumentFormattingParams = params(r.params)?;
                let (doc, project, settings) = self.doc(&p.text_document.uri)?;
                let opts = project.format_options(settings);
                to_value(format::format_document(&doc.text, &doc.index, &opts))
            }
            req::RangeFormatting::METHOD => {
                let p: DocumentRangeFormattingParams = params(r.params)?;
                let (doc, project, settings) = self.doc(&p.text_document.uri)?;
                let opts = project.format_options(settings);
                to_value(format::format_range(&doc.text, &doc.index, p.range, &opts))
            }
            req::CodeActionRequest::METHOD => {
                let p: CodeActionParams = params(r.params)?;
                self.findings(&p.text_document.uri)?;
                let (doc, _, _) = self.doc(&p.text_document.uri)?;
                let found = doc.findings.as_deref().unwrap_or_default();
                to_value(actions::actions(
                    &p.text_document.uri,
                    &doc.text,
                    &doc.index,
                    found,
                    p.range,
                    p.context.only.as_deref(),
                ))
            }
            req::Completion::METHOD => {
                let p: CompletionParams = params(r.params)?;
                let pos = p.text_document_position;
                let (doc, project, _) = self.doc(&pos.text_document.uri)?;
                let offset = doc.index.offset(&doc.text, pos.position);
                let items = completion::complete(&doc.text, offset, &project.schema);
                to_value(CompletionResponse::List(CompletionList {
                    is_incomplete: false,
                    items,
                }))
            }
            req::HoverRequest::METHOD => {
                let p: HoverParams = params(r.params)?;
                let pos = p.text_document_position_params;
                self.findings(&pos.text_document.uri)?;
                let (doc, project, _) = self.doc(&pos.text_document.uri)?;
                let offset = doc.index.offset(&doc.text, pos.position);
                let found = doc.findings.as_deref().unwrap_or_default();
                to_value(hover::hover(
                    &doc.text,
                    &doc.index,
                    offset,
                    &project.schema,
                    found,
                ))
            }
            req::GotoDefinition::METHOD => {
                let p: GotoDefinitionParams = params(r.params)?;
                let pos = p.text_document_position_params;
                let (doc, _, _) = self.doc(&pos.text_document.uri)?;
                let offset = doc.index.offset(&doc.text, pos.position);
                let found = symbols::alias_at(&doc.text, offset).map(|a| {
                    GotoDefinitionResponse::Scalar(Location::new(
                        pos.text_document.uri.clone(),
                        doc.index.range(&doc.text, a.definition),
                    ))
                });
                to_value(found)
            }
            req::References::METHOD => {
                let p: ReferenceParams = params(r.params)?;
                let pos = p.text_document_position;
                let (doc, _, _) = self.doc(&pos.text_document.uri)?;
                let offset = doc.index.offset(&doc.text, pos.position);
                let found = symbols::alias_at(&doc.text, offset).map(|a| {
                    let mut spans = a.uses.clone();
                    if p.context.include_declaration {
                        spans.insert(0, a.definition);
                    }
                    spans
                        .into_iter()
                        .map(|s| {
                            Location::new(
                                pos.text_document.uri.clone(),
                                doc.index.range(&doc.text, s),
                            )
                        })
                        .collect::<Vec<_>>()
                });
                to_value(found)
            }
            req::PrepareRenameRequest::METHOD => {
                let p: TextDocumentPositionParams = params(r.params)?;
                let (doc, _, _) = self.doc(&p.text_document.uri)?;
                let offset = doc.index.offset(&doc.text, p.position);
                let found = symbols::alias_at(&doc.text, offset)
                    .map(|a| PrepareRenameResponse::Range(doc.index.range(&doc.text, a.at)));
                to_value(found)
            }
            req::Rename::METHOD => {
                let p: RenameParams = params(r.params)?;
                let pos = p.text_document_position;
                let (doc, _, _) = self.doc(&pos.text_document.uri)?;
                let offset = doc.index.offset(&doc.text, pos.position);
                let Some(a) = symbols::alias_at(&doc.text, offset) else {
                    return Err(Failure(
                        ErrorCode::RequestFailed,
                        "no table alias here to rename".into(),
                    ));
                };
                let new_name = symbols::valid_alias(&p.new_name).ok_or_else(|| {
                    Failure(
                        ErrorCode::RequestFailed,
                        format!(
                            "{:?} is not a valid alias (a word that is not a keyword)",
                            p.new_name
                        ),
                    )
                })?;
                let edits = std::iter::once(a.definition)
                    .chain(a.uses)
                    .map(|s| TextEdit::new(doc.index.range(&doc.text, s), new_name.to_string()))
                    .collect();
                to_value(WorkspaceEdit {
                    changes: Some(
                        [(pos.text_document.uri.clone(), edits)]
                            .into_iter()
                            .collect(),
                    ),
                    ..WorkspaceEdit::default()
                })
            }
            req::DocumentSymbolRequest::METHOD => {
                let p: DocumentSymbolParams = params(r.params)?;
                let (doc, _, _) = self.doc(&p.text_document.uri)?;
                to_value(DocumentSymbolResponse::Nested(symbols::document_symbols(
                    &doc.text, &doc.index,
                )))
            }
            req::SemanticTokensFullRequest::METHOD => {
                let p: SemanticTokensParams = params(r.params)?;
                let (doc, project, _) = self.doc(&p.text_document.uri)?;
                to_value(SemanticTokensResult::Tokens(SemanticTokens {
                    result_id: None,
                    data: semantic_tokens::full(&doc.text, &doc.index, &project.schema),
                }))
            }
            "crql/testPanic" if self.options.test_panic => {
                panic!("crql/testPanic asked for a panic")
            }
            other => Err(Failure(
                ErrorCode::MethodNotFound,
                format!("no method {other:?}"),
            )),
        }
    }

    fn notify(&mut self, n: Notification, out: &mut Vec<Message>) -> Result<(), Failure> {
        match n.method.as_str() {
            note::Initialized::METHOD => out.extend(self.register()),
            note::DidOpenTextDocument::METHOD => {
                let p: DidOpenTextDocumentParams = params(n.params)?;
                let uri = p.text_document.uri.as_str().to_string();
                if self.docs.get(&uri).is_none() && self.docs.len() >= self.options.max_documents {
                    out.push(notification(
                        note::PublishDiagnostics::METHOD,
                        PublishDiagnosticsParams::new(
                            p.text_document.uri,
                            vec![diagnostics::too_many(self.options.max_documents)],
                            Some(p.text_document.version),
                        ),
                    ));
                    return Ok(());
                }
                let doc = Document::new(
                    p.text_document.text,
                    p.text_document.version,
                    uri_path(&uri),
                    self.max_document_bytes(),
                );
                self.docs.open(uri.clone(), doc);
                self.dirty.insert(uri);
            }
            note::DidChangeTextDocument::METHOD => {
                let p: DidChangeTextDocumentParams = params(n.params)?;
                let uri = p.text_document.uri.as_str().to_string();
                let limit = self.max_document_bytes();
                let Some(doc) = self.docs.get_mut(&uri) else {
                    return Err(Failure(
                        ErrorCode::InvalidParams,
                        format!("{uri} is not open"),
                    ));
                };
                doc.apply(p.content_changes, p.text_document.version, limit);
                self.dirty.insert(uri);
            }
            note::DidSaveTextDocument::METHOD => {
                let p: DidSaveTextDocumentParams = params(n.params)?;
                self.dirty.insert(p.text_document.uri.as_str().to_string());
            }
            note::DidCloseTextDocument::METHOD => {
                let p: DidCloseTextDocumentParams = params(n.params)?;
                let uri = p.text_document.uri;
                if self.docs.close(uri.as_str()).is_some() {
                    self.dirty.remove(uri.as_str());
                    // Closed: its diagnostics go away with it.
                    out.push(notification(
                        note::PublishDiagnostics::METHOD,
                        PublishDiagnosticsParams::new(uri, Vec::new(), None),
                    ));
                }
            }
            note::DidChangeConfiguration::METHOD => {
                let p: DidChangeConfigurationParams = params(n.params)?;
                // No settings in the notification (VS Code's client sends `null`):
                // ask for them, or keep the ones there are.
                if p.settings.is_null() {
                    if self.can_pull_config {
                        out.push(self.pull_config());
                    }
                    return Ok(());
                }
                let settings = Settings::from_value(&p.settings)
                    .map_err(|e| Failure(ErrorCode::InvalidParams, format!("settings: {e}")))?;
                self.settings = settings;
                self.reload();
            }
            note::DidChangeWatchedFiles::METHOD => self.reload(),
            // `$/cancelRequest`, `$/setTrace` and other optional notifications.
            _ => {}
        }
        Ok(())
    }

    /// Reads every project again and re-checks every open document (a settings or
    /// crql.toml or schema file change).
    fn reload(&mut self) {
        self.projects.clear();
        let limit = self.max_document_bytes();
        for uri in self.docs.uris() {
            if let Some(doc) = self.docs.get_mut(&uri) {
                doc.findings = None;
                // A lowered limit applies to the documents open already.
                if doc.text.len() > limit {
                    let t = std::mem::take(&mut doc.text);
                    *doc = Document::new(t, doc.version, doc.path.clone(), limit);
                }
            }
            self.dirty.insert(uri);
        }
    }

    fn request_id(&mut self) -> RequestId {
        self.next_id += 1;
        RequestId::from(format!("crql-{}", self.next_id))
    }

    /// The registrations the client allows: file watchers for crql.toml and schema
    /// files, and configuration changes.
    fn register(&mut self) -> Option<Message> {
        let mut registrations = Vec::new();
        if self.can_watch {
            let watchers = ["**/crql.toml", "**/.crql/schema/**", "**/*.json"]
                .into_iter()
                .map(|g| FileSystemWatcher {
                    glob_pattern: GlobPattern::String(g.into()),
                    kind: None,
                })
                .collect();
            registrations.push(Registration {
                id: "crql-watch".into(),
                method: note::DidChangeWatchedFiles::METHOD.into(),
                register_options: serde_json::to_value(DidChangeWatchedFilesRegistrationOptions {
                    watchers,
                })
                .ok(),
            });
        }
        if self.can_register_config {
            registrations.push(Registration {
                id: "crql-configuration".into(),
                method: note::DidChangeConfiguration::METHOD.into(),
                register_options: None,
            });
        }
        if registrations.is_empty() {
            return None;
        }
        Some(Message::Request(Request::new(
            self.request_id(),
            req::RegisterCapability::METHOD.into(),
            RegistrationParams { registrations },
        )))
    }

    /// Asks the client for the `crql` settings.
    fn pull_config(&mut self) -> Message {
        let id = self.request_id();
        self.config_request = Some(id.clone());
        Message::Request(Request::new(
            id,
            req::WorkspaceConfiguration::METHOD.into(),
            ConfigurationParams {
                items: vec![ConfigurationItem {
                    scope_uri: None,
                    section: Some("crql".into()),
                }],
            },
        ))
    }

    /// An answer to one of our requests: the pulled settings are applied; the
    /// rest (registrations) need nothing.
    fn response(&mut self, r: Response) -> Vec<Message> {
        if self.config_request.as_ref() != Some(&r.id) {
            return Vec::new();
        }
        self.config_request = None;
        let value = match r.response_result {
            Ok(Value::Array(mut items)) if !items.is_empty() => items.swap_remove(0),
            _ => return Vec::new(),
        };
        if value.is_null() {
            return Vec::new();
        }
        match Settings::from_value(&value) {
            Ok(s) => {
                self.settings = s;
                self.reload();
                Vec::new()
            }
            Err(e) => vec![log(
                MessageType::WARNING,
                format!("crql lsp: settings: {e}"),
            )],
        }
    }

    fn initialize(&mut self, p: InitializeParams, out: &mut Vec<Message>) -> Answer {
        if let Some(o) = &p.initialization_options {
            match Settings::from_value(o) {
                Ok(s) => self.settings = s,
                Err(e) => out.push(log(
                    MessageType::WARNING,
                    format!("crql lsp: initializationOptions: {e}"),
                )),
            }
        }
        let root = p
            .workspace_folders
            .as_ref()
            .and_then(|f| f.first())
            .map(|f| f.uri.as_str().to_string());
        #[allow(deprecated)]
        let root = root.or_else(|| p.root_uri.as_ref().map(|u| u.as_str().to_string()));
        self.projects.root = root.as_deref().and_then(uri_path);
        let workspace = p.capabilities.workspace.as_ref();
        self.can_pull_config = workspace.and_then(|w| w.configuration).unwrap_or(false);
        self.can_register_config = workspace
            .and_then(|w| w.did_change_configuration.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false);
        self.can_watch = p
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false);
        self.state = State::Running;
        to_value(InitializeResult {
            capabilities: capabilities(),
            server_info: Some(ServerInfo {
                name: "crql".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        })
    }

    /// The open document at `uri`, its project, and the settings.
    fn doc(&mut self, uri: &Uri) -> Result<(&Document, Arc<config::Project>, &Settings), Failure> {
        let Server {
            docs,
            projects,
            settings,
            ..
        } = self;
        let doc = docs.get(uri.as_str()).ok_or_else(|| {
            Failure(
                ErrorCode::InvalidParams,
                format!("{} is not open", uri.as_str()),
            )
        })?;
        let project = projects.for_path(doc.path.as_deref(), settings);
        Ok((doc, project, settings))
    }

    /// Makes sure the findings of `uri` are computed (they are kept until it
    /// changes).
    fn findings(&mut self, uri: &Uri) -> Result<(), Failure> {
        let (doc, project, settings) = self.doc(uri)?;
        if doc.findings.is_some() || doc.too_large.is_some() {
            return Ok(());
        }
        let linter = project.linter(doc.path.as_deref(), settings);
        let found = diagnostics::analyze(&doc.text, &linter);
        if let Some(d) = self.docs.get_mut(uri.as_str()) {
            d.findings = Some(found);
        }
        Ok(())
    }

    /// The diagnostics of every document changed since the last call.
    pub fn flush(&mut self) -> Vec<Message> {
        let mut out = Vec::new();
        for uri in std::mem::take(&mut self.dirty) {
            let Ok(parsed) = uri.parse::<Uri>() else {
                continue;
            };
            let result = catch_unwind(AssertUnwindSafe(|| self.publish(&parsed, &mut out)));
            if let Err(payload) = result {
                out.push(log(
                    MessageType::ERROR,
                    format!(
                        "crql lsp: internal error checking {uri}: {}",
                        panic_message(&*payload)
                    ),
                ));
            }
        }
        out
    }

    fn publish(&mut self, uri: &Uri, out: &mut Vec<Message>) {
        let limit = self.max_document_bytes();
        if self.findings(uri).is_err() {
            return;
        }
        let Ok((_, project, _)) = self.doc(uri) else {
            return;
        };
        if let Some(e) = &project.error
            && self.shown_errors.insert(e.clone())
        {
            out.push(notification(
                note::ShowMessage::METHOD,
                ShowMessageParams {
                    typ: MessageType::WARNING,
                    message: format!("crql: {e} (using the defaults)"),
                },
            ));
        }
        let Ok((doc, _, _)) = self.doc(uri) else {
            return;
        };
        let diags = match doc.too_large {
            Some(size) => vec![diagnostics::too_large(size, limit)],
            None => doc
                .findings
                .iter()
                .flatten()
                .map(|d| diagnostics::to_lsp(&doc.text, &doc.index, d))
                .collect(),
        };
        out.push(notification(
            note::PublishDiagnostics::METHOD,
            PublishDiagnosticsParams::new(uri.clone(), diags, Some(doc.version)),
        ));
    }
}

/// Runs the server over stdin and stdout until `exit` (or the end of stdin);
/// returns the exit status: 0 after `shutdown` and `exit`, 1 otherwise.
pub fn serve_stdio(options: Options) -> i32 {
    let (tx, rx) = std::sync::mpsc::sync_channel::<transport::Incoming>(64);
    let max = options.max_message_bytes;
    // The reader thread is not joined: at `exit` the process ends with it blocked
    // on stdin, which is what ending the process is for.
    let spawned = std::thread::Builder::new()
        .name("crql-lsp-reader".into())
        .spawn(move || {
            let stdin = std::io::stdin();
            let mut input = stdin.lock();
            loop {
                let m = transport::read(&mut input, max);
                let end = matches!(
                    &m,
                    transport::Incoming::Eof
                ) || matches!(&m, transport::Incoming::Message(Message::Notification(n)) if n.method == "exit");
                if tx.send(m).is_err() || end {
                    return;
                }
            }
        });
    if let Err(e) = spawned {
        eprintln!("crql lsp: cannot start the reader thread: {e}");
        return 1;
    }
    let mut server = Server::new(options);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let send = |out: &mut std::io::BufWriter<std::io::StdoutLock<'_>>, msgs: Vec<Message>| {
        for m in msgs {
            if transport::write(out, &m).is_err() {
                return false;
            }
        }
        out.flush().is_ok()
    };
    loop {
        let Ok(first) = rx.recv() else {
            return server.eof_code();
        };
        let mut next = Some(first);
        // Handle everything pending, then publish diagnostics once for the batch.
        while let Some(incoming) = next.take() {
            match incoming {
                transport::Incoming::Eof => return server.eof_code(),
                transport::Incoming::Malformed(v) => {
                    if transport::write_raw(&mut out, &v).is_err() {
                        return 1;
                    }
                }
                transport::Incoming::Message(m) => {
                    let answers = server.handle(m);
                    if !send(&mut out, answers) {
                        return 1;
                    }
                    if let Some(code) = server.exit_code() {
                        return code;
                    }
                }
            }
            next = rx.try_recv().ok();
        }
        let diags = server.flush();
        if !send(&mut out, diags) {
            return 1;
        }
    }
}
