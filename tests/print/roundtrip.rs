//! Round-trip laws over generated trees: what the printers write, the parser reads
//! back to the same tree, and printing is idempotent. Checked for the canonical
//! `Display` and for the pretty formatter at several widths and keyword cases.

use std::ops::ControlFlow;

use crate::support;

use crql::Query;
use crql::ast::ColumnRef;
use crql::ast::visit::{Visit, VisitMut};
use crql::print::{FormatOptions, KeywordCase, pretty};
use proptest::prelude::*;
use support::arb;

const CASES: u32 = 512;

fn reparse(text: &str) -> Result<Query<'static>, TestCaseError> {
    crql::parse(text)
        .map(Query::into_owned)
        .map_err(|e| TestCaseError::fail(format!("{e} at {:?} in:\n{text}", e.span())))
}

fn options() -> impl Strategy<Value = FormatOptions> {
    (
        prop::sample::select(&[1usize, 20, 40, 80, 120][..]),
        prop::bool::ANY,
        prop::sample::select(&[2usize, 4][..]),
    )
        .prop_map(|(width, lower, indent)| FormatOptions {
            width,
            keyword_case: if lower {
                KeywordCase::Lower
            } else {
                KeywordCase::Upper
            },
            indent,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]


    /// parse(canonical(ast)) == ast, and canonical printing is idempotent.
    #[test]
    fn canonical_round_trips(q in arb::query()) {
        let text = q.to_string();
        let back = reparse(&text)?;
        prop_assert_eq!(&back, &q, "text: {}", text);
        prop_assert_eq!(back.to_string(), text);
    }

    /// parse(pretty(ast)) == ast, and pretty printing is idempotent, at any width,
    /// indent and keyword case.
    #[test]
    fn pretty_round_trips(q in arb::query(), opts in options()) {
        let text = pretty(&q, &opts);
        let back = reparse(&text)?;
        prop_assert_eq!(&back, &q, "text:\n{}", text);
        prop_assert_eq!(pretty(&back, &opts), text);
    }

    /// Unbounded width and upper case: the pretty form is the canonical line.
    #[test]
    fn pretty_at_unbounded_width_is_canonical(q in arb::query()) {
        let opts = FormatOptions { width: usize::MAX, ..FormatOptions::default() };
        prop_assert_eq!(pretty(&q, &opts), q.to_string());
    }

    /// The CTAPI-valid generator's queries round-trip too (they are what the linter
    /// and builder tests feed in).
    #[test]
    fn valid_queries_round_trip(q in arb::crql_valid_query()) {
        let text = q.to_string();
        prop_assert_eq!(reparse(&text)?, q);
    }

    /// The precedence repair is stable: repairing a repaired tree changes nothing.
    #[test]
    fn fix_is_idempotent(e in arb::expr()) {
        prop_assert_eq!(arb::fix(e.clone()), e);
    }

    /// The CTAPI-valid generator keeps to what CTAPI accepts.
    #[test]
    fn valid_queries_keep_to_crql(q in arb::crql_valid_query()) {
        prop_assert!(q.select.top.is_some());
        prop_assert!(q.select.joins.len() <= 1);
        prop_assert!(q.set_ops.is_empty() && q.order_by.is_empty());
        let all_columns = q.select.items.iter().all(|i| matches!(
            i,
            crql::ast::SelectItem::Expr { expr: crql::ast::Expr::Column(_), .. }
        ));
        prop_assert!(all_columns, "non-column item in {:?}", q.select.items);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Deeply nested subqueries, fewer cases: both printers round-trip.
    #[test]
    fn deep_queries_round_trip(q in arb::deep_query(), opts in options()) {
        let text = q.to_string();
        prop_assert_eq!(&reparse(&text)?, &q, "text: {}", text);
        let text = pretty(&q, &opts);
        let back = reparse(&text)?;
        prop_assert_eq!(&back, &q, "text:\n{}", text);
        prop_assert_eq!(pretty(&back, &opts), text);
    }
}

/// Appends `_x` to every column's name, through the mutable visitor.
struct Rename;

impl<'a> VisitMut<'a> for Rename {
    fn visit_column_ref(&mut self, c: &mut ColumnRef<'a>) -> ControlFlow<()> {
        c.name.value = format!("{}_x", c.name.value).into();
        ControlFlow::Continue(())
    }
}

/// Every column's name, through the shared visitor.
#[derive(Default)]
struct Names(Vec<String>);

impl<'a> Visit<'a> for Names {
    fn visit_column_ref(&mut self, c: &'a ColumnRef<'a>) -> ControlFlow<()> {
        self.0.push(c.name.value.to_string());
        ControlFlow::Continue(())
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    /// A rewrite by `VisitMut` reaches every column the shared `Visit` sees, at any
    /// depth, and the rewritten tree still prints to text that parses back to it.
    #[test]
    fn visitor_rewrites_round_trip(q in arb::query()) {
        let mut before = Names::default();
        let _ = before.visit_query(&q);
        let mut renamed = q.clone();
        prop_assert_eq!(Rename.visit_query(&mut renamed), ControlFlow::Continue(()));
        let mut after = Names::default();
        let _ = after.visit_query(&renamed);
        let expected: Vec<String> = before.0.iter().map(|n| format!("{n}_x")).collect();
        prop_assert_eq!(&after.0, &expected);
        let text = renamed.to_string();
        prop_assert_eq!(reparse(&text)?, renamed);
    }
}
