//! Code actions: the linter's fixes, one quick fix each; "allow CODE on this line",
//! which writes the suppression comment `crql check` honours; and
//! `source.fixAll.crql`, the safe fixes `crql check --fix` applies. An unsafe fix
//! (one that changes what the query means) is offered as a quick fix, marked so,
//! and never preferred nor part of fix-all.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Range, TextEdit, Uri, WorkspaceEdit,
};

use super::diagnostics::to_lsp;
use super::format::whole;
use super::position::LineIndex;
use super::tokens::{self, Kind};
use crate::diagnostic::Diagnostic;
use crate::lint::fix;

/// The kind of the fix-all action.
pub fn fix_all_kind() -> CodeActionKind {
    CodeActionKind::new("source.fixAll.crql")
}

const MARKER: &str = "crql:allow(";

/// True when an action of `kind` is wanted by a request that asks for `only`.
fn wanted(only: Option<&[CodeActionKind]>, kind: &CodeActionKind) -> bool {
    match only {
        None => true,
        Some(only) => only.iter().any(|o| {
            kind.as_str() == o.as_str() || kind.as_str().starts_with(&format!("{}.", o.as_str()))
        }),
    }
}

fn edit(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

/// The actions for `range` of the document `uri`, given its findings.
pub fn actions(
    uri: &Uri,
    text: &str,
    index: &LineIndex,
    findings: &[Diagnostic],
    range: Range,
    only: Option<&[CodeActionKind]>,
) -> Vec<CodeActionOrCommand> {
    let (from, to) = index.span(text, range);
    let mut out = Vec::new();
    let here: Vec<&Diagnostic> = findings
        .iter()
        .filter(|d| d.span.start <= to && from <= d.span.end)
        .collect();
    if wanted(only, &CodeActionKind::QUICKFIX) {
        for d in &here {
            let Some(fix) = &d.fix else { continue };
            let safe = fix.is_safe();
            let what = match &d.help {
                Some(h) => format!("{}: {h}", d.code),
                None => format!("{}: apply the fix", d.code),
            };
            // An unsafe fix changes what the query means: the title says so, and it
            // is never the preferred (auto-applied) action.
            let title = if safe {
                what
            } else {
                format!("{what} (unsafe: changes the meaning)")
            };
            let edits = fix
                .edits
                .iter()
                .map(|e| TextEdit {
                    range: index.range(text, crate::Span::new(e.start, e.end)),
                    new_text: e.replacement.clone(),
                })
                .collect();
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![to_lsp(text, index, d)]),
                edit: Some(edit(uri, edits)),
                is_preferred: Some(safe),
                ..CodeAction::default()
            }));
        }
        let mut allowed = Vec::new();
        // A syntax error cannot be allowed: nothing is checked until the text parses.
        for d in here.iter().filter(|d| d.code.info().is_lint_rule()) {
            if allowed.contains(&(d.code, index.line_of(d.span.start))) {
                continue;
            }
            allowed.push((d.code, index.line_of(d.span.start)));
            let Some(e) = allow_edit(text, index, d) else {
                continue;
            };
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("Allow {} on this line", d.code),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![to_lsp(text, index, d)]),
                edit: Some(edit(uri, vec![e])),
                ..CodeAction::default()
            }));
        }
    }
    if wanted(only, &fix_all_kind())
        && let Some(edits) = fix_all(text, index, findings)
    {
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: "Fix all safe fixes in this file".into(),
            kind: Some(fix_all_kind()),
            edit: Some(edit(uri, edits)),
            ..CodeAction::default()
        }));
    }
    out
}

/// The edit of applying every safe fix, as `crql check --fix` does (unsafe fixes
/// stay one quick fix at a time), or `None` when there is nothing to fix.
pub fn fix_all(text: &str, index: &LineIndex, findings: &[Diagnostic]) -> Option<Vec<TextEdit>> {
    let (fixed, applied) = fix::apply_safe(text, findings);
    (applied > 0).then(|| whole(text, index, fixed))
}

/// The edit that silences `d` on its line: the code added to the line's allow
/// comment, or `-- crql:allow(CODE)` at the end of the line, or — when the line ends
/// inside a string or a block comment — `/* crql:allow(CODE) */` before the finding.
fn allow_edit(text: &str, index: &LineIndex, d: &Diagnostic) -> Option<TextEdit> {
    let code = d.code.as_str();
    let line = index.line_of(d.span.start);
    let (line_start, line_end) = index.line_range(text, line);
    let toks = tokens::tokenize(text);
    let insert = |at: usize, s: String| TextEdit {
        range: index.range(text, crate::Span::new(at, at)),
        new_text: s,
    };
    // An allow comment already on the line: add the code to it.
    for t in toks
        .iter()
        .filter(|t| t.kind == Kind::Comment && t.start >= line_start && t.start <= line_end)
    {
        let c = &text[t.start..t.end];
        if let Some(m) = c.find(MARKER)
            && let Some(close) = c[m..].find(')')
        {
            return Some(insert(t.start + m + close, format!(", {code}")));
        }
    }
    let spans_line_end = toks
        .iter()
        .any(|t| t.start < line_end && t.end > line_end && t.kind != Kind::Punct(b';'));
    let ends_open = toks.iter().any(|t| {
        t.start < line_end
            && t.end == line_end
            && line_end == text.len()
            && matches!(t.kind, Kind::String | Kind::Date | Kind::Comment)
            && !text[t.start..t.end].starts_with("--")
            && !(text[t.start..t.end].ends_with('\'') || text[t.start..t.end].ends_with("*/"))
    });
    if spans_line_end || ends_open {
        return Some(insert(d.span.start, format!("/* {MARKER}{code}) */ ")));
    }
    Some(insert(line_end, format!(" -- {MARKER}{code})")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Schema;
    use crate::lint::Linter;

    fn allow_applied(text: &str) -> String {
        let linter = Linter::new(Schema::builtin());
        let found = linter.lint_text(text);
        let d = found.first().expect("a finding");
        let index = LineIndex::new(text);
        let e = allow_edit(text, &index, d).unwrap();
        let (s, t) = index.span(text, e.range);
        let mut out = text.to_string();
        out.replace_range(s..t, &e.new_text);
        assert!(
            !linter.lint_text(&out).iter().any(|x| x.code == d.code),
            "{out}"
        );
        out
    }

    #[test]
    fn allow_comments_silence_the_finding() {
        assert_eq!(
            allow_applied("SELECT TOP 5 ClientID FROM cmClient WHERE ClientID = NULL\n"),
            "SELECT TOP 5 ClientID FROM cmClient WHERE ClientID = NULL -- crql:allow(W0403)\n"
        );
        assert_eq!(
            allow_applied(
                "SELECT TOP 5 ClientID FROM cmClient WHERE ClientID = NULL -- crql:allow(W0401)"
            ),
            "SELECT TOP 5 ClientID FROM cmClient WHERE ClientID = NULL -- crql:allow(W0401, W0403)"
        );
        // The line ends inside a string: a block comment before the finding.
        let out = allow_applied(
            "SELECT TOP 5 ClientID FROM cmClient WHERE ClientID = NULL AND FirstName = 'a\nb'",
        );
        assert!(
            out.contains("/* crql:allow(W0403) */ ClientID = NULL"),
            "{out}"
        );
    }
}
