//! Any bytes into the parser: it must return (no panic, no hang, no stack overflow),
//! and every error it reports must point inside the text it was given.
#![no_main]

use libfuzzer_sys::fuzz_target;

fn check_span(text: &str, span: crql::Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {span} outside the {}-byte input",
        text.len()
    );
    // Renderers and the linter slice the source by span: that must never panic.
    assert!(
        text.get(span.range()).is_some(),
        "{what}: span {span} splits a UTF-8 character"
    );
}

fuzz_target!(|data: &[u8]| {
    // Invalid UTF-8 cannot reach `parse(&str)`; replace it rather than skip the input,
    // so that every byte string still exercises the parser.
    let text = String::from_utf8_lossy(data);
    match crql::parse(&text) {
        Ok(query) => check_span(&text, query.span, "query"),
        Err(e) => check_span(&text, e.diagnostic().span, "query error"),
    }
    match crql::parse_script(&text) {
        Ok(script) => {
            for c in &script.comments {
                check_span(&text, c.span, "comment");
            }
        }
        Err(e) => check_span(&text, e.diagnostic().span, "script error"),
    }
});
