//! W0408: NULL among the items of IN or NOT IN.

use crate::ast::{Expr, Literal};
use crate::diagnostic::Code;
use crate::lint::{Context, ExprKinds, Hooks, Rule};

pub struct NullInList;

fn is_null(e: &Expr<'_>) -> bool {
    let mut e = e;
    while let Expr::Nested { expr, .. } = e {
        e = expr;
    }
    matches!(e, Expr::Literal(Literal::Null { .. }))
}

impl Rule for NullInList {
    fn codes(&self) -> &'static [Code] {
        &[Code::W0408]
    }

    fn hooks(&self) -> Hooks {
        Hooks::EXPR
    }

    fn expr_kinds(&self) -> ExprKinds {
        ExprKinds::IN_LIST
    }

    fn check_expr<'q>(&self, expr: &'q Expr<'q>, cx: &mut Context<'_, 'q>) {
        let Expr::InList {
            expr: tested,
            list,
            negated,
            span,
        } = expr
        else {
            return;
        };
        let Some(null) = list.iter().find(|e| is_null(e)) else {
            return;
        };
        let only_null = list.iter().all(is_null);
        // `x NOT IN (a, NULL)` is `x <> a AND x <> NULL`, and `x <> NULL` is unknown
        // for every row: the whole condition is never true. In `IN` the NULL item is
        // `OR x = NULL`, which matches nothing, not the rows where x is NULL.
        let (message, help) = match (negated, only_null) {
            (true, _) => (
                "NOT IN with a NULL item is never true: `x <> NULL` is unknown for every row, so no row passes".to_owned(),
                if only_null {
                    format!("to keep the rows where it has a value, write `{tested} IS NOT NULL`")
                } else {
                    format!("drop the NULL item: NOT IN already leaves out the rows where {tested} is NULL")
                },
            ),
            (false, true) => (
                "IN (NULL) is never true: `x = NULL` is unknown for every row".to_owned(),
                format!("to find the rows without a value, write `{tested} IS NULL`"),
            ),
            (false, false) => (
                "a NULL item in IN matches no row: `x = NULL` is unknown, even where x is NULL".to_owned(),
                format!("drop the NULL item; to include the rows without a value, add `OR {tested} IS NULL`"),
            ),
        };
        cx.report(
            Code::W0408
                .diag(if only_null { *span } else { null.span() }, message)
                .with_label(if *negated {
                    "never true"
                } else {
                    "matches nothing"
                })
                .with_help(help),
        );
    }
}
