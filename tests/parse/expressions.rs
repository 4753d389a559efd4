//! Expressions: precedence, associativity, every operator and primary.

use crate::support::canonical::{expr_parses_to, verified_expr};

use crql::ast::{BinaryOp, Expr, UnaryOp};

#[test]
fn canonical_expressions_print_back_unchanged() {
    let cases = [
        "a = 1",
        "a <> 1",
        "a < 1",
        "a <= 1",
        "a > 1",
        "a >= 1",
        "a = 1 AND b = 2",
        "a = 1 OR b = 2",
        "a = 1 OR b = 2 AND c = 3",
        "(a = 1 OR b = 2) AND c = 3",
        "NOT a = 1",
        "NOT NOT a = 1",
        "NOT (a = 1 OR b = 2)",
        "NOT a = 1 AND b = 2",
        "a + b * c",
        "(a + b) * c",
        "a - b - c",
        "a - (b - c)",
        "a / b / c",
        "a * b % c",
        "-a",
        "+a",
        "-5",
        "- -5",
        "-(a + b)",
        "a * -1",
        "a - -1",
        "a + b = c - d",
        "a IN (1)",
        "a IN (1, 'x', :p, NULL)",
        "a NOT IN (1, 2)",
        "a + 1 IN (1, 2)",
        "a IN (SELECT a FROM t)",
        "a NOT IN (SELECT a FROM t WHERE b = 1)",
        "a BETWEEN 1 AND 2",
        "a NOT BETWEEN 1 AND 2",
        "a BETWEEN b + 1 AND c * 2",
        "a BETWEEN 1 AND 2 AND b = 3",
        "a LIKE 'x%'",
        "a NOT LIKE '%x'",
        "a LIKE b + '%'",
        "a LIKE 'x!%' ESCAPE '!'",
        "a IS NULL",
        "a IS NOT NULL",
        "a IS NULL OR b IS NOT NULL",
        "EXISTS (SELECT 1 FROM t)",
        "NOT EXISTS (SELECT 1 FROM t)",
        "NOT EXISTS (SELECT 1 FROM t) AND a = 1",
        "(SELECT MAX(a) FROM t) > 5",
        "a = (SELECT MAX(a) FROM t)",
        "f()",
        "f(a)",
        "f(a, b, 1)",
        "COUNT(*)",
        "COUNT(DISTINCT a)",
        "LEFT(a, 1) = 'x'",
        "RIGHT(a, 1) = 'x'",
        "f(g(h(1)))",
        "[my func](a)",
        "t.a = u.b",
        "[t].[a b] = 1",
        "a = :since",
        "a = N'x'",
        "a = 'O''Brien'",
        "a = ''",
        "a = ''''",
        "a = 1.5",
        "a = .5",
        "a = 1.",
        "a = 1e3",
        "a = 2.5E-2",
        "a = NULL",
        "(a)",
        "((a))",
        "(a = 1)",
        "a = 1 = b",
        "a = (b = 1)",
        "a IS NULL = b",
        "(a IS NULL) IS NULL",
        "a IS NULL IS NULL",
        "a = 1 IN (1)",
        "a = (b IN (1))",
        "-a IS NULL",
        "NOT a IN (1) AND NOT b LIKE 'x'",
    ];
    for sql in cases {
        verified_expr(sql);
    }
    assert!(cases.len() >= 80);
}

#[test]
fn other_spellings_print_canonically() {
    let cases = [
        ("a=1", "a = 1"),
        ("a!=1", "a <> 1"),
        ("a<>1", "a <> 1"),
        ("a<=1 and b>=2", "a <= 1 AND b >= 2"),
        ("not a=1", "NOT a = 1"),
        ("a in(1,2)", "a IN (1, 2)"),
        ("a not like'x'", "a NOT LIKE 'x'"),
        ("a is   not   null", "a IS NOT NULL"),
        ("a between 1and 2", "a BETWEEN 1 AND 2"),
        ("-  5", "-5"),
        ("- - 5", "- -5"),
        ("1+2*3", "1 + 2 * 3"),
        ("a--comment\n=1", "a = 1"),
        ("a/*c*/=/*d*/1", "a = 1"),
        ("exists(select 1 from t)", "EXISTS (SELECT 1 FROM t)"),
        ("COUNT( DISTINCT a )", "COUNT(DISTINCT a)"),
        ("f ( a , b )", "f(a, b)"),
        ("null", "NULL"),
        ("Null IS NULL", "NULL IS NULL"),
        ("n'x'", "N'x'"),
        ("a = 1 OR\n  b = 2", "a = 1 OR b = 2"),
        ("[a] = 1", "[a] = 1"),
        ("a\u{a0}=\u{3000}1", "a = 1"),
    ];
    for (sql, canonical) in cases {
        expr_parses_to(sql, canonical);
    }
}

fn op(e: &Expr<'_>) -> BinaryOp {
    match e {
        Expr::Binary { op, .. } => *op,
        other => panic!("not binary: {other}"),
    }
}

fn sides<'e, 'a>(e: &'e Expr<'a>) -> (&'e Expr<'a>, &'e Expr<'a>) {
    match e {
        Expr::Binary { left, right, .. } => (left, right),
        other => panic!("not binary: {other}"),
    }
}

#[test]
fn precedence_and_associativity_shape_the_tree() {
    // OR < AND
    let e = crql::parse_expr("a OR b AND c").expect("parse");
    assert_eq!(op(&e), BinaryOp::Or);
    assert_eq!(op(sides(&e).1), BinaryOp::And);
    // AND < NOT < comparison
    let e = crql::parse_expr("NOT a = 1 AND b").expect("parse");
    assert_eq!(op(&e), BinaryOp::And);
    match sides(&e).0 {
        Expr::Unary {
            op: UnaryOp::Not,
            expr,
            ..
        } => assert_eq!(op(expr), BinaryOp::Eq),
        other => panic!("{other:?}"),
    }
    // comparison < additive < multiplicative < unary
    let e = crql::parse_expr("-a * b + c = d").expect("parse");
    assert_eq!(op(&e), BinaryOp::Eq);
    let add = sides(&e).0;
    assert_eq!(op(add), BinaryOp::Plus);
    let mul = sides(add).0;
    assert_eq!(op(mul), BinaryOp::Multiply);
    assert!(matches!(
        sides(mul).0,
        Expr::Unary {
            op: UnaryOp::Minus,
            ..
        }
    ));
    // left associativity
    let e = crql::parse_expr("a - b - c").expect("parse");
    assert_eq!(op(sides(&e).0), BinaryOp::Minus);
    assert!(matches!(sides(&e).1, Expr::Column(_)));
    // negative numbers are unary minus on an unsigned literal
    let e = crql::parse_expr("-5").expect("parse");
    assert_eq!(e, Expr::integer(-5));
    // BETWEEN's AND is its own
    let e = crql::parse_expr("a BETWEEN 1 AND 2 AND b").expect("parse");
    assert_eq!(op(&e), BinaryOp::And);
    assert!(matches!(sides(&e).0, Expr::Between { .. }));
    // parentheses are kept
    let e = crql::parse_expr("(a OR b) AND c").expect("parse");
    assert!(matches!(sides(&e).0, Expr::Nested { .. }));
}

#[test]
fn builder_trees_print_with_the_parentheses_they_need() {
    // Trees without Nested nodes: printing adds parentheses so that the text
    // reparses to the same operators (with Nested where they were added).
    let a = || Expr::column("a");
    let b = || Expr::column("b");
    let tree = a().binary(BinaryOp::Or, b()).binary(
        BinaryOp::And,
        a().binary(BinaryOp::Minus, b().binary(BinaryOp::Minus, a())),
    );
    let text = tree.to_string();
    assert_eq!(text, "(a OR b) AND a - (b - a)");
    let back = crql::parse_expr(&text).expect("parse");
    assert_eq!(back.to_string(), text);
}
