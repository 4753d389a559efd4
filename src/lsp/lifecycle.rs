//! The session with the client: the capabilities announced at `initialize`, the
//! registrations and settings asked of the client after it, and the reload a
//! settings or file change causes.

use lsp_server::{Message, Request, RequestId};
use lsp_types::notification::{self as note, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::*;

use super::config::Settings;
use super::documents::{Document, uri_path};
use super::{Answer, Server, State, actions, log, semantic_tokens, to_value};

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
    pub(super) fn initialize(&mut self, p: InitializeParams, out: &mut Vec<Message>) -> Answer {
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

    /// Reads every project again and re-checks every open document (a settings or
    /// crql.toml or schema file change).
    pub(super) fn reload(&mut self) {
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

    pub(super) fn request_id(&mut self) -> RequestId {
        self.next_id += 1;
        RequestId::from(format!("crql-{}", self.next_id))
    }

    /// The registrations the client allows: file watchers for crql.toml and schema
    /// files, and configuration changes.
    pub(super) fn register(&mut self) -> Option<Message> {
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
    pub(super) fn pull_config(&mut self) -> Message {
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
}
