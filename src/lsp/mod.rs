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
//!
//! The server itself is split by what each part does: `serve` (the main loop over
//! stdio), `dispatch` (each message routed to its handler, the lifecycle rules and
//! the panic guard), `requests` (the glue of each request capability),
//! `lifecycle` (initialization, registrations, settings, reload) and `publish`
//! (the diagnostics pushed after each batch); this module holds the state.

use std::collections::BTreeSet;
use std::sync::Arc;

use lsp_server::{ErrorCode, Message, Notification, RequestId};
use lsp_types::notification::{self as note, Notification as _};
use lsp_types::*;
use serde::de::DeserializeOwned;
use serde_json::Value;

pub mod actions;
pub mod completion;
pub mod config;
pub mod diagnostics;
mod dispatch;
pub mod documents;
pub mod format;
pub mod hover;
mod lifecycle;
pub mod position;
mod publish;
mod requests;
pub mod semantic_tokens;
mod serve;
pub mod symbols;
pub mod tokens;
pub mod transport;

pub use lifecycle::capabilities;
pub use serve::serve_stdio;

use config::{Projects, Settings};
use documents::{Document, Documents};

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
}
