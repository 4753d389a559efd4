//! Machine-readable findings: the stable JSON records of `crql check --format json`
//! and SARIF 2.1.0 for code-scanning tools.
//!
//! A JSON record is
//! `{"file", "code", "severity", "message", "line", "column", "offset", "length", "help", "fix"}`:
//! `line` and `column` are 1-based (the column counts characters), `offset` and
//! `length` are bytes into the file, `help` is a string or `null`, `fix` is `null`
//! or `{"applicability": "safe"|"unsafe", "edits": [{"offset", "length", "replacement"}]}`.
//! A SARIF result's fix carries its applicability in its `properties`.

use serde::Serialize;
use serde_json::{Value, json};

use crate::diagnostic::{Applicability, Code, Diagnostic, Fix, Severity};

/// One finding as `crql check --format json` prints it. The field set is stable.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct JsonFinding {
    /// The file's name as given on the command line (`-` for standard input).
    pub file: String,
    /// The code, serialized as its text: `"E0102"`.
    pub code: Code,
    /// `"error"` or `"warning"`.
    pub severity: Severity,
    /// The diagnostic's message.
    pub message: String,
    /// The 1-based line of the span's start.
    pub line: usize,
    /// The 1-based column (in characters) of the span's start.
    pub column: usize,
    /// The span's start, in bytes.
    pub offset: usize,
    /// The span's length, in bytes.
    pub length: usize,
    /// The help text, if any.
    pub help: Option<String>,
    /// The machine-applicable fix, if any.
    pub fix: Option<JsonFix>,
}

/// A fix as the JSON records carry it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct JsonFix {
    /// `"safe"` (applied by `--fix`) or `"unsafe"` (by `--unsafe-fixes` only).
    pub applicability: Applicability,
    /// The edits, applied together.
    pub edits: Vec<JsonEdit>,
}

/// One edit of a [`JsonFix`]: replace `length` bytes at `offset` by `replacement`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct JsonEdit {
    /// The first byte replaced.
    pub offset: usize,
    /// How many bytes are replaced (0: an insertion).
    pub length: usize,
    /// The text put there.
    pub replacement: String,
}

impl From<&Fix> for JsonFix {
    fn from(f: &Fix) -> Self {
        JsonFix {
            applicability: f.applicability,
            edits: f
                .edits
                .iter()
                .map(|e| JsonEdit {
                    offset: e.start,
                    length: e.end.saturating_sub(e.start),
                    replacement: e.replacement.clone(),
                })
                .collect(),
        }
    }
}

/// The 1-based line and character column of byte `offset` in `source`.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let upto = &source[line_start..offset];
    // A byte-order mark is invisible in the editor: it takes no column.
    let upto = if line_start == 0 {
        upto.strip_prefix('\u{FEFF}').unwrap_or(upto)
    } else {
        upto
    };
    (line, upto.chars().count() + 1)
}

impl JsonFinding {
    /// The record of `d`, found in `file` whose text is `source`.
    pub fn new(file: &str, source: &str, d: &Diagnostic) -> Self {
        let (line, column) = line_col(source, d.span.start);
        JsonFinding {
            file: file.to_string(),
            code: d.code,
            severity: d.severity,
            message: d.message.clone(),
            line,
            column,
            offset: d.span.start,
            length: d.span.len(),
            help: d.help.clone(),
            fix: d.fix.as_ref().map(JsonFix::from),
        }
    }
}

/// One checked file: its name, its text and its findings.
pub struct FileFindings<'a> {
    /// The file's name.
    pub file: &'a str,
    /// Its text.
    pub source: &'a str,
    /// What linting it found.
    pub diagnostics: &'a [Diagnostic],
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn region(source: &str, start: usize, end: usize) -> Value {
    let (start_line, start_column) = line_col(source, start);
    let (end_line, end_column) = line_col(source, end);
    json!({
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column,
        "byteOffset": start,
        "byteLength": end.saturating_sub(start),
    })
}

/// A SARIF 2.1.0 log of one run over `files`, with every code linting can report
/// described.
pub fn sarif(files: &[FileFindings<'_>]) -> Value {
    let codes: Vec<Code> = super::codes().collect();
    let rules: Vec<Value> = codes
        .iter()
        .map(|c| {
            let i = c.info();
            json!({
                "id": i.code,
                "name": i.name,
                "shortDescription": {"text": i.summary},
                "fullDescription": {"text": i.what},
                "help": {"text": i.explain()},
                "defaultConfiguration": {"level": level(i.severity)},
            })
        })
        .collect();
    let mut results = Vec::new();
    for f in files {
        for d in f.diagnostics {
            let location = json!({
                "physicalLocation": {
                    "artifactLocation": {"uri": f.file},
                    "region": region(f.source, d.span.start, d.span.end),
                }
            });
            let mut message = d.message.clone();
            if let Some(h) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(h);
            }
            let mut result = json!({
                "ruleId": d.code,
                "level": level(d.severity),
                "message": {"text": message},
                "locations": [location],
            });
            if let Some(i) = codes.iter().position(|c| *c == d.code) {
                result["ruleIndex"] = json!(i);
            }
            if let Some(fix) = &d.fix {
                let replacements: Vec<Value> = fix
                    .edits
                    .iter()
                    .map(|e| {
                        json!({
                            "deletedRegion": {"byteOffset": e.start, "byteLength": e.end - e.start},
                            "insertedContent": {"text": e.replacement},
                        })
                    })
                    .collect();
                result["fixes"] = json!([{
                    "description": {"text": d.help.clone().unwrap_or_default()},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": f.file},
                        "replacements": replacements,
                    }],
                    "properties": {"applicability": fix.applicability},
                }]);
            }
            results.push(result);
        }
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "crql",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "results": results,
        }],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_are_one_based_and_count_characters() {
        let s = "ab\nçd\n";
        assert_eq!(line_col(s, 0), (1, 1));
        assert_eq!(line_col(s, 3), (2, 1));
        assert_eq!(line_col(s, 5), (2, 2)); // after the 2-byte ç
        assert_eq!(line_col(s, 4), (2, 1)); // inside ç: clamped back
        assert_eq!(line_col(s, 99), (3, 1));
    }
}
