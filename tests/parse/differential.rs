//! Differential testing against sqlparser-rs (`MsSqlDialect`: CTAPI runs on SQL
//! Server): every query crql accepts as lint-clean (no error-level finding against
//! the built-in schema declared complete: see `norm::lint_clean`) must be accepted by sqlparser-rs too, and both must read the
//! same structure, compared through the small normalised form in
//! `tests/support/norm.rs` (tables, columns, predicate tree with operators and
//! literals, TOP, ORDER BY).
//!
//! The `differential` fuzz target checks the same on arbitrary text.
//! Disagreements that are sqlparser-rs's fault, not crql's, are pinned at the end of
//! this file, each with the reason.

use crate::support;
use crate::support::norm;

use crql::ast::{Expr, OrderByExpr, Query, SelectItem, SortDirection, Span};
use norm::lint_clean;
use proptest::prelude::*;
use support::arb;

/// Parses `text` with both parsers and compares; `Err` says how they differ.
fn agree(text: &str) -> Result<(), String> {
    let q = crql::parse(text).map_err(|e| format!("crql rejects it: {e}"))?;
    let ours = norm::from_crql(&q).map_err(|e| format!("crql side: {e}"))?;
    let theirs = norm::from_sqlparser_text(text)?;
    if ours == theirs {
        Ok(())
    } else {
        Err(format!("crql reads {ours:#?}\nsqlparser reads {theirs:#?}"))
    }
}

fn assert_agree(text: &str) {
    if let Err(e) = agree(text) {
        panic!("crql and sqlparser-rs disagree on {text:?}:\n{e}");
    }
}

/// `crql_valid_query()` with an optional `ORDER BY` over its selected columns, which
/// the generator leaves out (CTAPI accepts it with a warning).
fn lint_clean_query() -> impl Strategy<Value = Query<'static>> {
    (
        arb::crql_valid_query(),
        proptest::collection::vec((any::<usize>(), 0u8..3), 0..3),
    )
        .prop_map(|(mut q, order)| {
            let columns: Vec<Expr<'static>> = q
                .select
                .items
                .iter()
                .filter_map(|i| match i {
                    SelectItem::Expr { expr, .. } => Some(expr.clone()),
                    _ => None,
                })
                .collect();
            if !columns.is_empty() {
                for (pick, dir) in order {
                    q.order_by.push(OrderByExpr {
                        expr: columns[pick % columns.len()].clone(),
                        direction: match dir {
                            0 => None,
                            1 => Some(SortDirection::Asc),
                            _ => Some(SortDirection::Desc),
                        },
                        span: Span::empty(),
                    });
                }
            }
            q
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Generated lint-clean queries, in canonical and pretty form.
    #[test]
    fn lint_clean_queries_read_the_same_in_sqlparser(q in lint_clean_query()) {
        prop_assume!(lint_clean(&q));
        for text in [q.to_string(), format!("{q:#}")] {
            let parsed = crql::parse(&text).map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
            prop_assert!(lint_clean(&parsed), "lint-clean tree prints as text that is not: {}", text);
            if let Err(e) = agree(&text) {
                return Err(TestCaseError::fail(format!("{text}\n{e}")));
            }
        }
    }
}

/// Every lint-clean query of the bench corpus (over a thousand, shaped like real use).
#[test]
fn lint_clean_corpus_queries_read_the_same_in_sqlparser() {
    let corpus = include_str!("../../benches/corpus/queries.crql");
    let mut compared = 0;
    for text in corpus.split(';').map(str::trim).filter(|t| !t.is_empty()) {
        let q = crql::parse(text).unwrap_or_else(|e| panic!("corpus query {text:?}: {e}"));
        if lint_clean(&q) {
            assert_agree(text);
            compared += 1;
        }
    }
    assert!(compared >= 500, "only {compared} lint-clean corpus queries");
}

/// The production queries of shared/crql-reference.md, and hand-picked lexical
/// corners that T-SQL defines: brackets, `''`, `N''`, comments, `!=`, `TOP (n)`.
#[test]
fn reference_queries_and_lexical_corners_read_the_same() {
    let cases = [
        "select VulnerabilityID, ClientID, CreatedBy, UpdatedDate from VulnerabilityIndex where UpdatedDate > '2024-01-01 00:00:00'",
        "SELECT ScoreTotal, VulnerabilityID FROM VISPDAT where VulnerabilityID in ('101', '102')",
        "select ClientID, EnrollID, ClntCaseID from Enrollment where EnrollID in (7, 8) and UpdatedDate > '2024-01-01 00:00:00'",
        "SELECT TOP 200 ClientID, FirstName, LastName, ActiveStatus FROM cmClient",
        "SELECT TOP (25) [ClientID], [FirstName] FROM [cmClient] WHERE [LastName] = N'O''Brien'",
        "SELECT TOP 5 ClientID /* the key */ FROM cmClient -- trailing\nWHERE ClientID != 0",
        "SELECT DISTINCT TOP 10 c.ClientID, e.EnrollID FROM cmClient AS c LEFT OUTER JOIN Enrollment e ON e.ClientID = c.ClientID WHERE e.ExitDate IS NULL AND NOT (c.ActiveStatus = 0 OR c.ActiveStatus <> 1) ORDER BY c.ClientID DESC",
        "SELECT TOP 5 EnrollID FROM Enrollment WHERE EnrollDate NOT BETWEEN '2024-01-01' AND '2024-12-31' AND ExitReasonOther NOT LIKE 'x!%%' ESCAPE '!'",
        "SELECT TOP 5 EnrollID FROM Enrollment WHERE EnrollID NOT IN (1, 2, 3) AND BudgetAmount >= 10.50",
    ];
    for text in cases {
        let q = crql::parse(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        assert!(lint_clean(&q), "not lint-clean: {text}");
        assert_agree(text);
    }
}

/// The comparison sees what matters: grouping, operators, literal values, order.
#[test]
fn the_normal_form_tells_structures_apart() {
    let n = |t: &str| norm::from_sqlparser_text(t).expect("sqlparser reads it");
    let c = |t: &str| norm::from_crql(&crql::parse(t).expect("crql reads it")).expect("in subset");
    let base = "SELECT TOP 5 a FROM t WHERE a = 1 OR b = 2 AND c = 3";
    assert_eq!(c(base), n(base));
    for other in [
        "SELECT TOP 5 a FROM t WHERE (a = 1 OR b = 2) AND c = 3",
        "SELECT TOP 5 a FROM t WHERE a = 1 OR b = 2 AND c = '3'",
        "SELECT TOP 5 a FROM t WHERE a = 1 OR b <> 2 AND c = 3",
        "SELECT TOP 6 a FROM t WHERE a = 1 OR b = 2 AND c = 3",
        "SELECT TOP 5 a FROM u WHERE a = 1 OR b = 2 AND c = 3",
        "SELECT TOP 5 a FROM t WHERE a = 1 OR b = 2 AND c = 3 ORDER BY a",
    ] {
        assert_ne!(c(base), n(other), "{other}");
    }
}

// ---------------------------------------------------------------------------
// Disagreements decided to be sqlparser-rs's fault. Each test asserts that the
// disagreement is still there and that `norm::known_sqlparser_fault` recognises it
// (the differential fuzz target skips exactly those); when sqlparser-rs fixes one,
// its test fails and the exception goes.

/// Found by the differential fuzz target. sqlparser-rs's tokenizer takes an `L`
/// right after a number as a Hive/Spark "long" suffix, in every dialect
/// (MsSqlDialect included), so `SELECT TOP 5LastName` reads as `TOP 5` with the
/// field `astName`. T-SQL has no such suffix: SQL Server reads a number followed by
/// a name as the number, then the name (`TOP 5 LastName`), as crql does. (First
/// found as the field `8LlientID`, a constant with an alias, which E0208 now
/// reports, so only the TOP form still reaches the differential comparison.)
#[test]
fn sqlparser_fault_l_after_a_number_is_a_long_suffix() {
    let text = "SELECT TOP 5LastName FROM cmClient";
    let q = crql::parse(text).expect("crql reads it");
    assert!(lint_clean(&q));
    let ours = norm::from_crql(&q).expect("in subset");
    assert_eq!(
        ours.items,
        [norm::NItem {
            expr: norm::NExpr::Column(vec!["LastName".into()]),
            alias: None,
        }]
    );
    let theirs = norm::from_sqlparser_text(text).expect("sqlparser reads it");
    assert_eq!(
        theirs.items,
        [norm::NItem {
            expr: norm::NExpr::Column(vec!["astName".into()]),
            alias: None,
        }]
    );
    assert!(norm::known_sqlparser_fault(text).is_some());
    // Not a blanket excuse: the same query with a space is compared as usual.
    assert!(norm::known_sqlparser_fault("SELECT TOP 5 LastName FROM cmClient").is_none());
    // The form first found is no longer lint-clean: a constant field.
    let found = crql::parse("SELECT TOP 5 ClientID, 8LlientID FROM cmClient").expect("parses");
    assert!(!lint_clean(&found));
}

/// Found by the differential fuzz target. A `--` comment ends at a line break, and
/// a lone carriage return is one (classic Mac line endings; Microsoft's T-SQL
/// lexer ends single-line comments at CR or LF, and crql's grammar says
/// `line_comment ::= '--' [^#xA#xD]*`). sqlparser-rs stops a `--` comment at CR only
/// in PostgreSqlDialect; in MsSqlDialect it swallows the next line, here the alias.
#[test]
fn sqlparser_fault_carriage_return_does_not_end_a_line_comment() {
    let text = "SELECT TOP 5 ClientID FROM cmClient -- note\r c";
    let q = crql::parse(text).expect("crql reads it");
    assert!(lint_clean(&q));
    assert_eq!(
        norm::from_crql(&q)
            .expect("in subset")
            .from
            .alias
            .as_deref(),
        Some("c")
    );
    let theirs = norm::from_sqlparser_text(text).expect("sqlparser reads it");
    assert_eq!(
        theirs.from.alias, None,
        "sqlparser-rs now ends the comment at CR"
    );
    assert!(norm::known_sqlparser_fault(text).is_some());
    // With CR LF both agree, and nothing is excused.
    let crlf = "SELECT TOP 5 ClientID FROM cmClient -- note\r\n c";
    assert!(norm::known_sqlparser_fault(crlf).is_none());
    assert_agree(crlf);
    assert_agree("SELECT TOP 5 ClientID FROM cmClient -- note\n c");
}

/// Found by the differential fuzz target once an unknown table became a warning
/// (the built-in schema is partial): `FROM VROW AT where ...` linted clean against
/// the built-in schema, and sqlparser-rs refuses the alias `AT`. The oracle now
/// compares only queries valid against the built-in schema declared complete, where
/// the unknown table is an error, as it was when the fuzz target was written.
#[test]
fn differential_domain_is_the_complete_builtin_schema() {
    let text = "SELECT ScgreTbilityID FROM VROW AT where VulnerabilityID in ('110GRNUP 2')";
    let q = crql::parse(text).expect("crql reads it");
    let partial = crql::lint(&q, crql::Schema::builtin());
    assert!(
        partial.iter().all(|d| d.severity != crql::Severity::Error),
        "{partial:?}"
    );
    assert!(!lint_clean(&q));
}

/// T-SQL does not reserve `AT`, so `FROM cmClient AT` names the alias `AT`;
/// sqlparser-rs reads it as the start of Snowflake's `AT (...)` time travel.
#[test]
fn sqlparser_fault_at_is_an_alias_in_t_sql() {
    let text = "SELECT TOP 5 ClientID FROM cmClient AT WHERE ClientID = 1";
    let q = crql::parse(text).expect("crql reads it");
    assert!(lint_clean(&q));
    assert_eq!(
        norm::from_crql(&q)
            .expect("in subset")
            .from
            .alias
            .as_deref(),
        Some("AT")
    );
    assert!(
        norm::from_sqlparser_text(text).is_err(),
        "sqlparser-rs now reads the alias AT"
    );
    assert!(norm::known_sqlparser_fault(text).is_some());
    assert!(norm::known_sqlparser_fault("SELECT TOP 5 ClientID FROM dbo.cmClient AT").is_some());
    // Not a blanket excuse: AT elsewhere, or another alias, is compared as usual.
    assert!(norm::known_sqlparser_fault("SELECT TOP 5 ClientID FROM cmClient a").is_none());
    assert!(norm::known_sqlparser_fault("SELECT TOP 5 AT FROM cmClient").is_none());
    assert_agree("SELECT TOP 5 ClientID FROM cmClient [AT] WHERE ClientID = 1");
}
