//! Differential fuzzing against sqlparser-rs (MsSqlDialect): any text that crql
//! parses and lints clean (no error-level finding against the built-in schema
//! declared complete, as `norm::lint_clean` says) must be accepted by sqlparser-rs
//! and read as the same structure, through the normalised form shared with
//! `tests/parse/differential.rs`.
#![no_main]

#[path = "../../tests/support/norm.rs"]
mod norm;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(query) = crql::parse(text) else {
        return;
    };
    if !norm::lint_clean(&query) {
        return;
    }
    let ours = norm::from_crql(&query)
        .unwrap_or_else(|e| panic!("lint-clean query outside the CRQL subset ({e}): {text:?}"));
    let theirs = norm::from_sqlparser_text(text);
    if theirs.as_ref() == Ok(&ours) || norm::known_sqlparser_fault(text).is_some() {
        return;
    }
    match theirs {
        Ok(theirs) => panic!(
            "crql and sqlparser-rs read {text:?} differently:\ncrql: {ours:?}\nsqlparser: {theirs:?}"
        ),
        Err(e) => panic!("crql accepts {text:?} as lint-clean; {e}"),
    }
});
