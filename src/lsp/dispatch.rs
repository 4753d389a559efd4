//! Routing: each incoming request, notification or response to its handler, with
//! the protocol's lifecycle rules (nothing before `initialize`, nothing but `exit`
//! after `shutdown`) and the panic guard around every handler.

use std::panic::{AssertUnwindSafe, catch_unwind};

use lsp_server::{ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{self as note, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::*;
use serde_json::Value;

use super::config::Settings;
use super::documents::{Document, uri_path};
use super::{
    Answer, Failure, Server, State, diagnostics, log, notification, panic_message, params,
};

impl Server {
    pub(super) fn request(&mut self, r: Request) -> Vec<Message> {
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

    pub(super) fn notification(&mut self, n: Notification) -> Vec<Message> {
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

    /// An answer to one of our requests: the pulled settings are applied; the
    /// rest (registrations) need nothing.
    pub(super) fn response(&mut self, r: Response) -> Vec<Message> {
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

    pub(super) fn dispatch(&mut self, r: Request, out: &mut Vec<Message>) -> Answer {
        match r.method.as_str() {
            req::Initialize::METHOD => self.initialize(params(r.params)?, out),
            req::Formatting::METHOD => self.formatting(params(r.params)?),
            req::RangeFormatting::METHOD => self.range_formatting(params(r.params)?),
            req::CodeActionRequest::METHOD => self.code_action(params(r.params)?),
            req::Completion::METHOD => self.completion(params(r.params)?),
            req::HoverRequest::METHOD => self.hover(params(r.params)?),
            req::GotoDefinition::METHOD => self.definition(params(r.params)?),
            req::References::METHOD => self.references(params(r.params)?),
            req::PrepareRenameRequest::METHOD => self.prepare_rename(params(r.params)?),
            req::Rename::METHOD => self.rename(params(r.params)?),
            req::DocumentSymbolRequest::METHOD => self.document_symbols(params(r.params)?),
            req::SemanticTokensFullRequest::METHOD => self.semantic_tokens(params(r.params)?),
            "crql/testPanic" if self.options.test_panic => {
                panic!("crql/testPanic asked for a panic")
            }
            other => Err(Failure(
                ErrorCode::MethodNotFound,
                format!("no method {other:?}"),
            )),
        }
    }

    pub(super) fn notify(
        &mut self,
        n: Notification,
        out: &mut Vec<Message>,
    ) -> Result<(), Failure> {
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
}
