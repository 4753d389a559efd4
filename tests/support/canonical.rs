//! Assertions that text is canonical: it parses, and prints back unchanged or as the
//! given canonical spelling (the parser tests' `verified`/`parses_to`).
#![allow(dead_code)]

use crql::ast::{Expr, Query};

/// Asserts that `sql` is canonical: it parses and prints back unchanged.
#[track_caller]
pub fn verified(sql: &str) -> Query<'_> {
    let q =
        crql::parse(sql).unwrap_or_else(|e| panic!("{sql}\n{}", crql::diagnostic::render(&e, 100)));
    assert_eq!(q.to_string(), sql, "canonical print of {sql:?}");
    q
}

/// Asserts that `sql` parses and prints as `canonical`, and that `canonical` is
/// itself verified and parses to the same tree.
#[track_caller]
pub fn parses_to<'a>(sql: &'a str, canonical: &str) -> Query<'a> {
    let q =
        crql::parse(sql).unwrap_or_else(|e| panic!("{sql}\n{}", crql::diagnostic::render(&e, 100)));
    assert_eq!(q.to_string(), canonical, "canonical print of {sql:?}");
    let again = verified(canonical);
    assert_eq!(
        again, q,
        "{canonical:?} parses to another tree than {sql:?}"
    );
    q
}

/// Asserts that the expression `sql` is canonical.
#[track_caller]
pub fn verified_expr(sql: &str) -> Expr<'_> {
    let e = crql::parse_expr(sql)
        .unwrap_or_else(|e| panic!("{sql}\n{}", crql::diagnostic::render(&e, 100)));
    assert_eq!(e.to_string(), sql, "canonical print of {sql:?}");
    e
}

/// Asserts that the expression `sql` prints as `canonical`, which is verified.
#[track_caller]
pub fn expr_parses_to<'a>(sql: &'a str, canonical: &str) -> Expr<'a> {
    let e = crql::parse_expr(sql)
        .unwrap_or_else(|e| panic!("{sql}\n{}", crql::diagnostic::render(&e, 100)));
    assert_eq!(e.to_string(), canonical, "canonical print of {sql:?}");
    let again = verified_expr(canonical);
    assert_eq!(
        again, e,
        "{canonical:?} parses to another tree than {sql:?}"
    );
    e
}

/// The rendered diagnostic of a query that must fail.
#[track_caller]
pub fn error_of(sql: &str) -> crql::ParseError {
    match crql::parse(sql) {
        Ok(q) => panic!("{sql:?} parsed as {q}"),
        Err(e) => e,
    }
}
