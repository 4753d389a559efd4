//! Layout tests on hand-built trees; round trips through the parser and comment
//! placement are in `tests/roundtrip.rs` and `tests/fmt.rs`.

use std::borrow::Cow;

use super::*;
use crate::ast::test_kit::table;

fn query(
    top: Option<i64>,
    items: Vec<Expr<'static>>,
    from: TableRef<'static>,
    joins: Vec<Join<'static>>,
    selection: Option<Expr<'static>>,
) -> Query<'static> {
    let mut q = crate::ast::test_kit::select(items, from);
    q.select.top = top.map(|n| Top {
        quantity: Expr::integer(n),
        percent: false,
        with_ties: false,
        span: Span::empty(),
    });
    q.select.joins = joins;
    q.select.selection = selection;
    q
}

fn col(name: &'static str) -> Expr<'static> {
    Expr::column(name)
}

fn in_list(e: Expr<'static>, list: Vec<Expr<'static>>) -> Expr<'static> {
    Expr::InList {
        expr: Box::new(e),
        list,
        negated: false,
        span: Span::empty(),
    }
}

fn opts(width: usize, keyword_case: KeywordCase) -> FormatOptions {
    FormatOptions {
        width,
        keyword_case,
        indent: 2,
    }
}

fn big_query() -> Query<'static> {
    let ids = (1..=30).map(|i| Expr::integer(i * 1009)).collect();
    let cond = Expr::qualified("c", "ActiveStatus")
        .binary(BinaryOp::Eq, Expr::integer(1))
        .binary(
            BinaryOp::And,
            Expr::qualified("e", "ExitDate")
                .binary(BinaryOp::Gt, Expr::string("2024-01-01"))
                .binary(
                    BinaryOp::Or,
                    Expr::IsNull {
                        expr: Box::new(Expr::qualified("e", "ExitDate")),
                        negated: false,
                        span: Span::empty(),
                    },
                )
                .nested(),
        )
        .binary(
            BinaryOp::And,
            in_list(Expr::qualified("e", "EnrollID"), ids),
        );
    let join = Join {
        kind: JoinKind::Inner,
        table: table("Enrollment", Some("e")),
        on: Some(
            Expr::qualified("e", "ClientID").binary(BinaryOp::Eq, Expr::qualified("c", "ClientID")),
        ),
        hint: None,
        span: Span::empty(),
    };
    let mut q = query(
        Some(200),
        vec![
            Expr::qualified("c", "ClientID"),
            Expr::qualified("c", "FirstName"),
            Expr::qualified("c", "LastName"),
            Expr::qualified("e", "EnrollDate"),
        ],
        table("cmClient", Some("c")),
        vec![join],
        Some(cond),
    );
    q.order_by = vec![OrderByExpr {
        expr: Expr::qualified("c", "ClientID"),
        direction: Some(SortDirection::Desc),
        span: Span::empty(),
    }];
    q
}

#[test]
fn short_query_is_its_canonical_line() {
    let q = query(
        Some(5),
        vec![col("ClientID"), col("FirstName")],
        table("cmClient", None),
        vec![],
        Some(col("ClientID").binary(BinaryOp::Gt, Expr::integer(0))),
    );
    let text = pretty(&q, &FormatOptions::default());
    assert_eq!(
        text,
        "SELECT TOP 5 ClientID, FirstName FROM cmClient WHERE ClientID > 0"
    );
    assert_eq!(text, q.to_string());
}

#[test]
fn long_query_breaks_per_clause() {
    let text = pretty(&big_query(), &FormatOptions::default());
    assert_eq!(
        text,
        "\
SELECT TOP 200
  c.ClientID,
  c.FirstName,
  c.LastName,
  e.EnrollDate
FROM cmClient c
INNER JOIN Enrollment e ON e.ClientID = c.ClientID
WHERE c.ActiveStatus = 1
  AND (e.ExitDate > '2024-01-01' OR e.ExitDate IS NULL)
  AND e.EnrollID IN (
    1009, 2018, 3027, 4036, 5045, 6054, 7063, 8072, 9081, 10090, 11099, 12108,
    13117, 14126, 15135, 16144, 17153, 18162, 19171, 20180, 21189, 22198, 23207,
    24216, 25225, 26234, 27243, 28252, 29261, 30270
  )
ORDER BY c.ClientID DESC"
    );
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "too wide: {line:?}");
    }
}

#[test]
fn narrow_width_breaks_nested_groups_too() {
    let text = pretty(&big_query(), &opts(40, KeywordCase::Upper));
    assert!(
        text.contains("  AND (\n    e.ExitDate > '2024-01-01'\n    OR e.ExitDate IS NULL\n  )"),
        "{text}"
    );
    assert!(
        text.contains("INNER JOIN Enrollment e\n  ON e.ClientID = c.ClientID"),
        "{text}"
    );
}

#[test]
fn pretty_differs_from_canonical_only_in_whitespace() {
    let q = big_query();
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    for width in [10, 40, 80, 120] {
        let text = pretty(&q, &opts(width, KeywordCase::Upper));
        let canon = q.to_string();
        assert_eq!(
            squash(&text).replace("( ", "(").replace(" )", ")"),
            canon,
            "width {width}"
        );
    }
    assert_eq!(
        pretty(&q, &opts(usize::MAX, KeywordCase::Upper)),
        q.to_string()
    );
}

#[test]
fn lower_case_touches_keywords_only() {
    let weird = Ident {
        value: Cow::Borrowed("Select"),
        bracketed: true,
        span: Span::empty(),
    };
    let q = query(
        Some(10),
        vec![
            Expr::Column(ColumnRef {
                prefix: None,
                qualifier: None,
                name: weird,
                span: Span::empty(),
            }),
            col("ROWS"),
        ],
        table("cmClient", None),
        vec![],
        Some(
            col("LastName")
                .binary(BinaryOp::Eq, Expr::string("AND NOT NULL"))
                .binary(
                    BinaryOp::Or,
                    Expr::IsNull {
                        expr: Box::new(col("Email")),
                        negated: true,
                        span: Span::empty(),
                    },
                ),
        ),
    );
    assert_eq!(
        pretty(&q, &opts(120, KeywordCase::Lower)),
        "select top 10 [Select], ROWS from cmClient where LastName = 'AND NOT NULL' or Email is not null"
    );
}

#[test]
fn builder_trees_get_the_canonical_parentheses() {
    // (a OR b) AND c, built without Nested.
    let e = col("a")
        .binary(BinaryOp::Or, col("b"))
        .binary(BinaryOp::And, col("c"));
    let q = query(None, vec![col("x")], table("t", None), vec![], Some(e));
    assert_eq!(pretty(&q, &FormatOptions::default()), q.to_string());
    assert_eq!(
        pretty(&q, &opts(12, KeywordCase::Upper)),
        "SELECT x\nFROM t\nWHERE (\n    a OR b\n  )\n  AND c"
    );
}

#[test]
fn alternate_display_is_the_pretty_form() {
    let q = big_query();
    assert_eq!(format!("{q:#}"), pretty(&q, &FormatOptions::default()));
    assert_eq!(format!("{q}"), q.to_string());
}

#[test]
fn indent_width_is_configurable() {
    let text = pretty(
        &big_query(),
        &FormatOptions {
            indent: 4,
            ..FormatOptions::default()
        },
    );
    assert!(
        text.starts_with("SELECT TOP 200\n    c.ClientID,\n"),
        "{text}"
    );
}
