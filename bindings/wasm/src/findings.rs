//! crql's diagnostics as the package's `Diagnostic` objects (see js/index.d.ts).

use crql::Diagnostic;
use serde_json::{Value, json};

use crate::positions::Positions;

/// `diagnostics` of `text` as JSON objects: `from`/`to` and the fixes' edits in
/// UTF-16 offsets, `line`/`column` as `crql check --format json` gives them.
pub fn to_json(text: &str, diagnostics: &[Diagnostic]) -> Vec<Value> {
    let offsets = diagnostics.iter().flat_map(|d| {
        let edits = d.fix.iter().flat_map(|f| &f.edits);
        [d.span.start, d.span.end]
            .into_iter()
            .chain(edits.flat_map(|e| [e.start, e.end]))
    });
    let positions = Positions::new(text, offsets);
    diagnostics
        .iter()
        .map(|d| {
            let start = positions.of(d.span.start);
            let end = positions.of(d.span.end);
            // Each edit carries its fix's safety, so that an editor can offer the
            // edits one by one, or apply safe ones only, as `crql check --fix` does.
            let fixes: Vec<Value> = d
                .fix
                .iter()
                .flat_map(|f| f.edits.iter().map(move |e| (e, f.is_safe())))
                .map(|(e, safe)| {
                    json!({
                        "from": positions.of(e.start).utf16,
                        "to": positions.of(e.end).utf16,
                        "replacement": e.replacement,
                        "safe": safe,
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
