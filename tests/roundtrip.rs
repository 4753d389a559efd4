//! Round-trip laws over generated trees: what the printers write, the parser reads
//! back to the same tree, and printing is idempotent.

mod support;

use proptest::prelude::*;
use support::arb;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

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
