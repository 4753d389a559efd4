//! W0408: NULL among the items of IN or NOT IN.

use crate::ast::{Expr, Literal};
use crate::diagnostic::{Code, Edit, Fix};
use crate::lint::fix::Fixable;
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

    fn fixable(&self, _code: Code) -> Option<Fixable> {
        // Dropping the NULL item turns "no row" into the rows the list was written
        // for: the fix changes what the query returns.
        Some(Fixable::SOMETIMES_UNSAFE)
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
        let mut d = Code::W0408
            .diag(if only_null { *span } else { null.span() }, message)
            .with_label(if *negated {
                "never true"
            } else {
                "matches nothing"
            })
            .with_help(help);
        if let Some(edit) = drop_item(list) {
            d = d.with_fix(Fix::unsafe_edits(vec![edit]));
        }
        cx.report(d);
    }
}

/// The edit deleting the one NULL item of `list` with its comma, when the list has
/// other items and positions: `(1, NULL)` becomes `(1)`, `(NULL, 1)` becomes `(1)`.
fn drop_item(list: &[Expr<'_>]) -> Option<Edit> {
    let nulls: Vec<usize> = (0..list.len()).filter(|&i| is_null(&list[i])).collect();
    let [i] = nulls[..] else {
        return None;
    };
    if list.len() < 2 || list.iter().any(|e| e.span().is_empty()) {
        return None;
    }
    let (start, end) = if i > 0 {
        (list[i - 1].span().end, list[i].span().end)
    } else {
        (list[0].span().start, list[1].span().start)
    };
    Some(Edit {
        start,
        end,
        replacement: String::new(),
    })
}
