//! crql's diagnostics as the package's `Diagnostic` objects (see js/index.d.ts).

use crql::Diagnostic;
use serde_json::{Value, json};

use crate::positions::Positions;

/// `diagnostics` of `text` as JSON objects: `from`/`to` and the fixes' edits in
/// UTF-16 offsets, `line`/`column` as `crql check --format json` gives them.
pub fn to_json(text: &str, diagnostics: &[Diagnostic]) -> Vec<Value> {
    let mut positions = Positions::new(text);
    diagnostics
        .iter()
        .map(|d| {
            let start = positions.of(d.span.start);
            let end = positions.of(d.span.end);
            let fixes: Vec<Value> = d
                .fix
                .iter()
                .flatten()
                .map(|e| {
                    json!({
                        "from": positions.of(e.start).utf16,
                        "to": positions.of(e.end).utf16,
                        "replacement": e.replacement,
                    })
                })
                .collect();
            json!({
                "code": d.code.as_str(),
                "severity": d.severity.to_string(),
                "message": d.message,
                "help": d.help,
                "from": start.utf16,
                "to": end.utf16,
                "line": start.line,
                "column": start.column,
                "fixes": fixes,
            })
        })
        .collect()
}
