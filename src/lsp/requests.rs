//! The glue of each request capability: the document and project looked up, the
//! library asked, the answer shaped as LSP wants it.

use lsp_server::ErrorCode;
use lsp_types::*;

use super::{
    Answer, Failure, Server, actions, completion, format, hover, semantic_tokens, symbols, to_value,
};

impl Server {
    pub(super) fn formatting(&mut self, p: DocumentFormattingParams) -> Answer {
        let (doc, project, settings) = self.doc(&p.text_document.uri)?;
        let opts = project.format_options(settings);
        to_value(format::format_document(&doc.text, &doc.index, &opts))
    }

    pub(super) fn range_formatting(&mut self, p: DocumentRangeFormattingParams) -> Answer {
        let (doc, project, settings) = self.doc(&p.text_document.uri)?;
        let opts = project.format_options(settings);
        to_value(format::format_range(&doc.text, &doc.index, p.range, &opts))
    }

    pub(super) fn code_action(&mut self, p: CodeActionParams) -> Answer {
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

    pub(super) fn completion(&mut self, p: CompletionParams) -> Answer {
        let pos = p.text_document_position;
        let (doc, project, _) = self.doc(&pos.text_document.uri)?;
        let offset = doc.index.offset(&doc.text, pos.position);
        let items = completion::complete(&doc.text, offset, &project.schema);
        to_value(CompletionResponse::List(CompletionList {
            is_incomplete: false,
            items,
        }))
    }

    pub(super) fn hover(&mut self, p: HoverParams) -> Answer {
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

    pub(super) fn definition(&mut self, p: GotoDefinitionParams) -> Answer {
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

    pub(super) fn references(&mut self, p: ReferenceParams) -> Answer {
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
                    Location::new(pos.text_document.uri.clone(), doc.index.range(&doc.text, s))
                })
                .collect::<Vec<_>>()
        });
        to_value(found)
    }

    pub(super) fn prepare_rename(&mut self, p: TextDocumentPositionParams) -> Answer {
        let (doc, _, _) = self.doc(&p.text_document.uri)?;
        let offset = doc.index.offset(&doc.text, p.position);
        let found = symbols::alias_at(&doc.text, offset)
            .map(|a| PrepareRenameResponse::Range(doc.index.range(&doc.text, a.at)));
        to_value(found)
    }

    pub(super) fn rename(&mut self, p: RenameParams) -> Answer {
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

    pub(super) fn document_symbols(&mut self, p: DocumentSymbolParams) -> Answer {
        let (doc, _, _) = self.doc(&p.text_document.uri)?;
        to_value(DocumentSymbolResponse::Nested(symbols::document_symbols(
            &doc.text, &doc.index,
        )))
    }

    pub(super) fn semantic_tokens(&mut self, p: SemanticTokensParams) -> Answer {
        let (doc, project, _) = self.doc(&p.text_document.uri)?;
        to_value(SemanticTokensResult::Tokens(SemanticTokens {
            result_id: None,
            data: semantic_tokens::full(&doc.text, &doc.index, &project.schema),
        }))
    }
}
