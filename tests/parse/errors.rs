//! Syntax diagnostics: code, message "expected X, found Y", the label on the
//! offending token, and help for likely mistakes. Rendered as the CLI shows them
//! (miette graphical, unicode, no colour, 80 columns) and snapshotted.

use crate::support::canonical::error_of;

fn render(sql: &str) -> String {
    crql::diagnostic::render(&error_of(sql), 80)
}

#[track_caller]
fn check(sql: &str, code: &str, message: &str, label_text: &str) -> crql::ParseError {
    let e = error_of(sql);
    assert_eq!(e.code(), code, "{sql}");
    assert_eq!(e.diagnostic().message, message, "{sql}");
    assert_eq!(&sql[e.span().range()], label_text, "{sql}");
    e
}

#[test]
fn messages_name_what_was_expected_and_what_was_found() {
    check(
        "SELECT a WHERE a = 1",
        "E0001",
        "expected FROM, found WHERE",
        "WHERE",
    );
    check(
        "SELECT a FROM",
        "E0001",
        "expected table name, found end of input",
        "FROM",
    );
    check(
        "SELECT a FROM t WHERE",
        "E0001",
        "expected expression, found end of input",
        "WHERE",
    );
    check(
        "SELECT a FROM t WHERE a =",
        "E0001",
        "expected expression, found end of input",
        "=",
    );
    check(
        "SELECT a FROM t ORDER a",
        "E0001",
        "expected BY, found a",
        "a",
    );
    check(
        "SELECT a FROM t GROUP a",
        "E0001",
        "expected BY, found a",
        "a",
    );
    check(
        "SELECT a FROM t WHERE a IS 1",
        "E0001",
        "expected NULL, found 1",
        "1",
    );
    check(
        "SELECT a FROM t WHERE a BETWEEN 1 OR 2",
        "E0001",
        "expected AND, found OR",
        "OR",
    );
    check(
        "SELECT a FROM t WHERE a NOT 1",
        "E0001",
        "expected IN, BETWEEN or LIKE, found 1",
        "1",
    );
    check(
        "SELECT a FROM t WHERE a IN 1",
        "E0001",
        "expected `(`, found 1",
        "1",
    );
    check(
        "SELECT a FROM t x y",
        "E0001",
        "expected end of query, found y",
        "y",
    );
    check(
        "SELECT a FROM t WHERE a = 1 )",
        "E0001",
        "expected end of query, found `)`",
        ")",
    );
    check(
        "SELECT FROM t",
        "E0001",
        "expected expression, found FROM",
        "FROM",
    );
    check(
        "SELECT a FROM t JOIN",
        "E0001",
        "expected table name, found end of input",
        "JOIN",
    );
    check(
        "SELECT a FROM t INNER u",
        "E0001",
        "expected JOIN, found u",
        "u",
    );
    check(
        "SELECT TOP a FROM t",
        "E0001",
        "expected a number or `(`, found a",
        "a",
    );
    check(
        "SELECT a FROM t WHERE a = :",
        "E0001",
        "expected parameter name, found end of input",
        ":",
    );
    check(
        "SELECT a FROM t FETCH 5",
        "E0001",
        "expected NEXT or FIRST, found 5",
        "5",
    );
    check(
        "SELECT a FROM t WHERE a == 1",
        "E0001",
        "expected expression, found `=`",
        "=",
    );
    check(
        "SELECT a FROM t WHERE @ = 1",
        "E0001",
        "expected variable name, found `=`",
        "=",
    );
    check("", "E0001", "expected SELECT, found end of input", "");
    check(
        "SELEC a FROM t",
        "E0001",
        "expected SELECT, found SELEC",
        "SELEC",
    );
    check(
        "SELECT a FROM t; SELECT b FROM u",
        "E0001",
        "expected end of input, found SELECT",
        "SELECT",
    );
}

#[test]
fn likely_mistakes_get_help() {
    let help = |e: &crql::ParseError| e.diagnostic().help.clone().unwrap_or_default();
    let e = check(
        "SELECT \"FirstName\" FROM cmClient",
        "E0001",
        "expected expression, found `\"FirstName\"`",
        "\"FirstName\"",
    );
    assert!(help(&e).contains("single quotes"), "{}", help(&e));
    let e = check(
        "SELECT a FROM t WHERE b = \"x\"",
        "E0001",
        "expected expression, found `\"x\"`",
        "\"x\"",
    );
    assert!(help(&e).contains("[brackets]"));
    let e = check(
        "SELECT a b c FROM t",
        "E0001",
        "expected FROM, found c",
        "c",
    );
    assert!(help(&e).contains("comma"));
    let e = check(
        "SELECT a, b, FROM t",
        "E0001",
        "expected select item, found FROM",
        "FROM",
    );
    assert!(help(&e).contains("remove the comma"));
    let e = check(
        "SELECT a FROM t WHERE a IN (1 2)",
        "E0001",
        "expected `,` or `)`, found 2",
        "2",
    );
    assert!(help(&e).contains("comma"));
    let e = check(
        "SELECT a FROM t WHERE (a = 1 AND (b = 2)",
        "E0001",
        "expected `)`, found end of input",
        "(",
    );
    assert_eq!(
        e.span().start,
        22,
        "the label is on the unclosed parenthesis"
    );
    assert!(help(&e).contains(")"));
    check(
        "SELECT a FROM t WHERE a IN (1, 2",
        "E0001",
        "expected `)`, found end of input",
        "(",
    );
    check(
        "SELECT a FROM t WHERE f(1",
        "E0001",
        "expected `)`, found end of input",
        "(",
    );
    check(
        "SELECT a FROM t WHERE a = 'abc",
        "E0001",
        "unclosed string literal",
        "'",
    );
    check(
        "SELECT a FROM t WHERE a = N'abc''",
        "E0001",
        "unclosed string literal",
        "N'",
    );
    check("SELECT [a FROM t", "E0001", "unclosed bracketed name", "[");
    check(
        "SELECT a FROM t /* note",
        "E0001",
        "unclosed block comment",
        "/*",
    );
    let e = check(
        "SELECT a FROM t; SELECT b FROM u",
        "E0001",
        "expected end of input, found SELECT",
        "SELECT",
    );
    assert!(help(&e).contains("script"));
    let e = check(
        "SELECT a FROM t WHERE b = 'O'Brien'",
        "E0001",
        "expected end of query, found Brien",
        "Brien",
    );
    assert!(help(&e).contains("'O''Brien'"));
}

#[test]
fn rendered_diagnostics() {
    let cases = [
        ("expected_from", "SELECT a WHERE a = 1"),
        (
            "double_quoted_string",
            "SELECT ClientID FROM cmClient WHERE LastName = \"Smith\"",
        ),
        (
            "missing_comma",
            "SELECT ClientID FirstName LastName FROM cmClient",
        ),
        (
            "trailing_comma",
            "SELECT ClientID, FirstName, FROM cmClient",
        ),
        (
            "unclosed_paren",
            "SELECT a FROM t\nWHERE (a = 1\n  AND b = 2",
        ),
        (
            "unclosed_string",
            "SELECT a FROM t WHERE LastName = 'O'Brien'",
        ),
        ("unclosed_bracket", "SELECT [First Name FROM cmClient"),
        ("unclosed_comment", "SELECT a /* the id FROM t"),
        (
            "unsupported_statement",
            "DELETE FROM cmClient WHERE ClientID = 1",
        ),
        (
            "too_deep",
            "SELECT a FROM t WHERE ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((a))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))",
        ),
    ];
    for (name, sql) in cases {
        insta::assert_snapshot!(name, render(sql), sql);
    }
}

#[test]
fn errors_render_with_the_source_name() {
    let e = error_of("SELECT a WHERE b").with_source_name("queries/clients.crql");
    assert_eq!(e.source_name(), "queries/clients.crql");
    let shown = crql::diagnostic::render(&e, 80);
    assert!(shown.contains("queries/clients.crql:1:10"), "{shown}");
    // miette::Report renders the snippet because the error carries its source.
    let report = format!("{:?}", miette::Report::new(e));
    assert!(report.contains("SELECT a WHERE b"), "{report}");
}

#[test]
fn non_ascii_names_need_brackets() {
    let e = error_of("SELECT Café FROM t");
    let help = e.diagnostic().help.clone().unwrap_or_default();
    assert!(help.contains("[brackets]"), "{help}");
    crql::parse("SELECT [Café] FROM t").expect("bracketed");
}

#[test]
fn errors_built_from_bogus_spans_do_not_panic() {
    let verb = crql::ast::Ident {
        value: "x".into(),
        bracketed: false,
        span: crql::Span::new(1, 99),
    };
    let e = crql::parser::unsupported_error("é;", &verb);
    assert_eq!(e.code(), "E0206");
}
