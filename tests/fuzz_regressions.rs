//! Inputs the fuzzers (`fuzz/`) found crashing, one test each, named for what broke.
//! Each keeps the minimal input and the property that failed.

/// Parses, then checks the round-trip law the `roundtrip` fuzz target checks:
/// the canonical and the pretty print parse back to the same tree, and printing
/// is idempotent.
fn assert_round_trips(text: &str) {
    let q = crql::parse(text).unwrap_or_else(|e| panic!("{text:?} does not parse: {e}"));
    let canonical = q.to_string();
    let again = crql::parse(&canonical).expect("canonical form parses");
    assert_eq!(q, again, "canonical: {canonical}");
    assert_eq!(again.to_string(), canonical);
    let pretty = format!("{q:#}");
    let again = crql::parse(&pretty).expect("pretty form parses");
    assert_eq!(q, again, "pretty: {pretty}");
    assert_eq!(format!("{again:#}"), pretty);
}

/// The error a query gives: code and the text its span covers.
fn error_at(text: &str) -> (&'static str, &str) {
    match crql::parse(text) {
        Ok(q) => panic!("{text:?} parsed, as {q}"),
        Err(e) => {
            let d = e.diagnostic();
            (d.code, &text[d.span.range()])
        }
    }
}

/// roundtrip: `h IS NOT NULL / x` was read as `(h IS NOT NULL) / x`, a tree whose
/// only printing, with the parentheses, parses back to a different tree (with a
/// `Nested`). A tighter operator after a postfix predicate is now a syntax error at
/// the operator, as in T-SQL.
#[test]
fn tighter_operator_after_a_predicate_is_an_error_not_a_tree_that_cannot_print() {
    // The fuzzer's input, as found.
    let found = "SELECT Clie=tID FROm cmClient WHERE h IS NOT NULL /kkkkkkNULL/kkkkkkkz = .7 AND w = 00012;";
    assert_eq!(error_at(found).0, "E0001");
    for (text, at) in [
        ("SELECT a FROM t WHERE h IS NULL / 2", "/"),
        ("SELECT a FROM t WHERE x IN (1, 2) + 2 = 3", "+"),
        (
            "SELECT a FROM t WHERE NOT EXISTS (SELECT b FROM u) = 1",
            "=",
        ),
    ] {
        let (code, span) = error_at(text);
        assert_eq!(code, "E0001", "{text}");
        assert!(span.starts_with(at), "{text}: error at {span:?}");
    }
    // What it must not break: same-level chains and tighter operators inside.
    for text in [
        "SELECT a FROM t WHERE h IS NULL = 1",
        "SELECT a FROM t WHERE (h IS NULL) / 2 = 1",
        "SELECT a FROM t WHERE x IN (1 + 2) AND y = -a * b",
        "SELECT a FROM t WHERE NOT a = 1 * 2 AND b BETWEEN 1 AND 2 + 3",
        "SELECT a FROM t WHERE a = b = c",
    ] {
        assert_round_trips(text);
    }
}
