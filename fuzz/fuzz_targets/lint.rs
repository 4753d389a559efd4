//! Any text that parses, linted against the built-in ClientTrack schema: no panic,
//! every finding points inside the text, and every machine-applicable fix stays
//! inside the text and, applied, gives text that still parses.
#![no_main]

use crql::{Diagnostic, Schema};
use libfuzzer_sys::fuzz_target;

fn check(text: &str, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        assert!(
            text.get(d.span.range()).is_some(),
            "{}: span {} outside the {}-byte text or inside a character",
            d.code,
            d.span,
            text.len()
        );
        for e in d.fix.iter().flat_map(|f| &f.edits) {
            assert!(
                e.start <= e.end && text.get(e.start..e.end).is_some(),
                "{}: fix edit {}..{} outside the text or inside a character",
                d.code,
                e.start,
                e.end
            );
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let schema = Schema::builtin();
    if let Ok(query) = crql::parse(&text) {
        let findings = crql::lint(&query, schema);
        check(&text, &findings);
        let (fixed, applied) = crql::lint::fix::apply(&text, &findings);
        if applied > 0
            && let Err(e) = crql::parse(&fixed)
        {
            panic!("fixes turned {text:?} into {fixed:?}, which does not parse: {e}");
        }
    }
    // The script path: statements, comments, suppression comments.
    check(&text, &crql::lint_text(&text, schema));
});
