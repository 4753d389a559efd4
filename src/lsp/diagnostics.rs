//! Diagnostics: what `crql check` finds, as the editor shows it.
//!
//! `crql check` stops a script at its first syntax error; an editor must not, or
//! one half-typed query would hide every finding in the rest of the file. So
//! [`analyze`] parses the script, and on a syntax error reports it, blanks the
//! statement it is in (byte for byte, so that every offset stays put) and parses
//! again, until the rest parses; then it lints what parsed with the project's
//! linter, exactly as `crql check` does.

use lsp_types::{
    CodeDescription, Diagnostic as LspDiagnostic, DiagnosticSeverity, NumberOrString, Uri,
};

use super::position::LineIndex;
use super::tokens;
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::lint::Linter;

/// How many statements with syntax errors are blanked one by one; past that the
/// rest of the text is blanked at once (bounds the work on a file of garbage).
const MAX_RECOVERIES: usize = 100;

/// Every finding in `text`: the syntax error of each statement that does not parse,
/// and the linter's findings in the statements that do, in source order.
pub fn analyze(text: &str, linter: &Linter<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut masked: Option<String> = None;
    let mut chunks: Option<Vec<(usize, usize)>> = None;
    let mut blanked = Vec::new();
    let mut gave_up = false;
    loop {
        let current = masked.as_deref().unwrap_or(text);
        match crate::parser::parse_script(current) {
            Ok(script) => {
                out.extend(linter.lint_script(&script, current));
                break;
            }
            Err(e) => {
                let d = e.diagnostic().clone();
                let at = d.span.start;
                let code = d.code;
                if !out
                    .iter()
                    .any(|o: &Diagnostic| o.span.same_as(&d.span) && o.code == d.code)
                {
                    out.push(d);
                }
                let chunks =
                    chunks.get_or_insert_with(|| tokens::statements(&tokens::tokenize(text)));
                // The statement holding the error, or (an error between statements, or
                // at the end) the next one.
                let i = chunks
                    .iter()
                    .position(|&(_, end)| at <= end)
                    .unwrap_or(chunks.len().saturating_sub(1));
                if gave_up {
                    break;
                }
                // E0002 on the whole input, an error that blanking did not move, or
                // too many: blank everything from here on, and stop after that parse.
                gave_up = code == Code::E0002 && at == 0
                    || blanked.contains(&i)
                    || blanked.len() >= MAX_RECOVERIES;
                let (start, end) = match chunks.get(i) {
                    Some(&(s, e)) if !gave_up => (s, e),
                    Some(&(s, _)) => (s, text.len()),
                    None => (0, text.len()),
                };
                blanked.push(i);
                masked = Some(blank(current, start, end));
            }
        }
    }
    out.sort_by_key(|d| (d.span.start, d.span.end, d.code));
    out
}

/// `text` with bytes `start..end` turned into spaces, line breaks kept.
fn blank(text: &str, start: usize, end: usize) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for b in &mut bytes[start.min(text.len())..end.min(text.len())] {
        if *b != b'\n' && *b != b'\r' {
            *b = b' ';
        }
    }
    // Whole characters were replaced (the range runs from token to token), and a
    // UTF-8 continuation byte turned into a space leaves only ASCII in its place.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The documentation page of `code`: its entry in the crate's reference, which
/// holds the code table (the same text as `crql explain CODE`).
pub fn doc_url(code: Code) -> String {
    format!(
        "https://docs.rs/crql/latest/crql/diagnostic/enum.Code.html#variant.{}",
        code.as_str()
    )
}

/// `d` as an LSP diagnostic in `text`.
pub fn to_lsp(text: &str, index: &LineIndex, d: &Diagnostic) -> LspDiagnostic {
    let mut message = d.message.clone();
    if let Some(h) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(h);
    }
    LspDiagnostic {
        range: index.range(text, d.span),
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(d.code.as_str().to_string())),
        code_description: doc_url(d.code)
            .parse::<Uri>()
            .ok()
            .map(|href| CodeDescription { href }),
        source: Some("crql".into()),
        message,
        related_information: None,
        tags: None,
        data: None,
    }
}

/// The one diagnostic of a document over the size limit.
pub fn too_large(size: usize, limit: usize) -> LspDiagnostic {
    LspDiagnostic {
        range: Default::default(),
        severity: Some(DiagnosticSeverity::WARNING),
        code: Some(NumberOrString::String(Code::E0002.as_str().into())),
        code_description: doc_url(Code::E0002)
            .parse::<Uri>()
            .ok()
            .map(|href| CodeDescription { href }),
        source: Some("crql".into()),
        message: format!(
            "the document is {size} bytes, over the limit of {limit} (setting `maxDocumentBytes`): crql does not check it"
        ),
        related_information: None,
        tags: None,
        data: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Schema;

    fn codes(text: &str) -> Vec<(&'static str, usize)> {
        analyze(text, &Linter::new(Schema::builtin()))
            .iter()
            .map(|d| (d.code.as_str(), d.span.start))
            .collect()
    }

    #[test]
    fn a_syntax_error_leaves_the_other_statements_checked() {
        let text = "SELECT ClientID FROM cmClient WHERE ClientID = NULL;\nSELECT FROM;\nSELECT FristName FROM cmClient";
        let found = codes(text);
        assert!(found.iter().any(|&(c, _)| c == "E0001"), "{found:?}");
        assert!(
            found.iter().any(|&(c, at)| c == "W0403" && at < 52),
            "{found:?}"
        );
        assert!(
            found.iter().any(|&(c, at)| c == "W0102" && at > 65),
            "{found:?}"
        );
    }

    #[test]
    fn a_valid_script_gets_exactly_what_crql_check_gets() {
        let text = "SELECT FristName FROM cmClient WHERE ClientID = NULL -- crql:allow(W0403)\n";
        let linter = Linter::new(Schema::builtin());
        assert_eq!(analyze(text, &linter), linter.lint_text(text));
    }

    #[test]
    fn garbage_ends() {
        let text = "(((( ;; )) ' /* ".repeat(50);
        assert!(!codes(&text).is_empty());
        let errors = "SELECT FROM;".repeat(300);
        let n = codes(&errors).len();
        assert!((MAX_RECOVERIES..=MAX_RECOVERIES + 2).contains(&n), "{n}");
    }
}
