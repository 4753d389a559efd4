//! Diagnostics: what `crql check` finds, as the editor shows it.
//!
//! `crql check` stops a script at its first syntax error; an editor must not, or
//! one half-typed query would hide every finding in the rest of the file. So
//! [`analyze`] parses the script, and on a syntax error parses each statement on
//! its own, reports the syntax error of each that fails, blanks those (byte for
//! byte, so that every offset stays put) and parses the rest as one script; then it
//! lints what parsed with the project's linter, exactly as `crql check` does. Each
//! step is linear in the text, so a file full of broken statements costs about two
//! parses, not one per error.

use lsp_types::{
    CodeDescription, Diagnostic as LspDiagnostic, DiagnosticSeverity, NumberOrString, Uri,
};

use super::position::LineIndex;
use super::tokens;
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::lint::Linter;

/// How many more statements are blanked one by one should the script still not
/// parse once the broken ones are; past that the rest of the text is blanked.
const MAX_RECOVERIES: usize = 100;

/// Every finding in `text`: the syntax error of each statement that does not parse,
/// and the linter's findings in the statements that do, in source order.
pub fn analyze(text: &str, linter: &Linter<'_>) -> Vec<Diagnostic> {
    let mut out = match crate::parser::parse_script(text) {
        Ok(script) => return linter.lint_script(&script, text),
        Err(e) => vec![e.diagnostic().clone()],
    };
    // Each statement on its own: the broken ones are reported and blanked.
    let chunks = tokens::statements(&tokens::tokenize(text));
    let mut masked = text.as_bytes().to_vec();
    let mut first_error = true;
    for &(start, end) in &chunks {
        let Err(e) = crate::parser::parse_script(&text[start..end]) else {
            continue;
        };
        let mut d = e.diagnostic().clone();
        d.span = crate::Span::new(d.span.start + start, d.span.end + start);
        // The whole script's first error is the same one, found in context.
        if first_error && out[0].span.same_as(&d.span) {
            out.clear();
        }
        first_error = false;
        out.push(d);
        blank(&mut masked, start, end);
    }
    let masked = String::from_utf8(masked)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    out.extend(lint_rest(&masked, linter, &chunks, &mut Vec::new()));
    out.sort_by_key(|d| (d.span.start, d.span.end, d.code));
    out.dedup_by(|a, b| a.code == b.code && a.span.same_as(&b.span));
    out
}

/// Lints `text` whose broken statements were blanked. Should it still not parse (a
/// statement that parses alone but not in the script), the statement holding each
/// error is blanked in turn, at most [`MAX_RECOVERIES`] times; after that the rest
/// of the text is.
fn lint_rest(
    text: &str,
    linter: &Linter<'_>,
    chunks: &[(usize, usize)],
    errors: &mut Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let mut current = text.to_string();
    let mut blanked = Vec::new();
    loop {
        let e = match crate::parser::parse_script(&current) {
            Ok(script) => {
                let mut found = linter.lint_script(&script, &current);
                found.append(errors);
                return found;
            }
            Err(e) => e,
        };
        let at = e.diagnostic().span.start;
        errors.push(e.diagnostic().clone());
        let i = chunks
            .iter()
            .position(|&(_, end)| at <= end)
            .unwrap_or(chunks.len());
        let mut bytes = current.into_bytes();
        if blanked.contains(&i) || blanked.len() >= MAX_RECOVERIES || i == chunks.len() {
            // Nothing left to try: report what was found.
            let from = chunks.get(i).map_or(0, |c| c.0).min(bytes.len());
            let len = bytes.len();
            blank(&mut bytes, from, len);
            if blanked.contains(&usize::MAX) {
                return std::mem::take(errors);
            }
            blanked.push(usize::MAX);
        } else {
            blank(&mut bytes, chunks[i].0, chunks[i].1);
            blanked.push(i);
        }
        current = String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    }
}

/// Turns bytes `start..end` of `bytes` (UTF-8 text) into spaces, line breaks kept.
/// The range runs from token to token, so whole characters are replaced; and a
/// replaced byte of a multi-byte character would leave only ASCII in its place.
fn blank(bytes: &mut [u8], start: usize, end: usize) {
    let end = end.min(bytes.len());
    for b in &mut bytes[start.min(end)..end] {
        if *b != b'\n' && *b != b'\r' {
            *b = b' ';
        }
    }
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

/// The one diagnostic of a document opened past the limit on open documents.
pub fn too_many(limit: usize) -> LspDiagnostic {
    LspDiagnostic {
        range: Default::default(),
        severity: Some(DiagnosticSeverity::WARNING),
        source: Some("crql".into()),
        message: format!(
            "crql checks at most {limit} open documents (`crql lsp --max-documents`): close one and reopen this one to check it"
        ),
        ..LspDiagnostic::default()
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
        // One syntax error per broken statement, each in its statement.
        let errors = "SELECT FROM;".repeat(300);
        let found = codes(&errors);
        assert_eq!(found.len(), 300);
        assert!(
            found
                .iter()
                .enumerate()
                .all(|(i, &(c, at))| c == "E0001" && at == 12 * i + 7)
        );
    }
}
