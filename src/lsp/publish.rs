//! Diagnostics pushed to the client: after each batch of messages, once per
//! changed document.

use std::panic::{AssertUnwindSafe, catch_unwind};

use lsp_server::Message;
use lsp_types::notification::{self as note, Notification as _};
use lsp_types::*;

use super::{Server, diagnostics, log, notification, panic_message};

impl Server {
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

    pub(super) fn publish(&mut self, uri: &Uri, out: &mut Vec<Message>) {
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
