//! W0403: `= NULL` / `<> NULL`.

use crate::ast::{BinaryOp, Expr, Literal};
use crate::diagnostic::{Code, Edit, Fix};
use crate::lint::fix::Fixable;
use crate::lint::{Context, ExprKinds, Hooks, Rule};

pub struct NullComparison;

fn is_null(e: &Expr<'_>) -> bool {
    matches!(e, Expr::Literal(Literal::Null { .. }))
}

impl Rule for NullComparison {
    fn codes(&self) -> &'static [Code] {
        &[Code::W0403]
    }
    fn fixable(&self, _code: Code) -> Option<Fixable> {
        // `= NULL` is never true; `IS NULL` is: the fix changes the rows returned.
        Some(Fixable::SOMETIMES_UNSAFE)
    }

    fn hooks(&self) -> Hooks {
        Hooks::EXPR
    }

    fn expr_kinds(&self) -> ExprKinds {
        ExprKinds::BINARY
    }

    fn check_expr<'q>(&self, expr: &'q Expr<'q>, cx: &mut Context<'_, 'q>) {
        let Expr::Binary {
            left,
            op,
            right,
            span,
        } = expr
        else {
            return;
        };
        if !is_equality(*op) || !(is_null(left) || is_null(right)) {
            return;
        }
        let is = if *op == BinaryOp::Eq {
            "IS NULL"
        } else {
            "IS NOT NULL"
        };
        let written = if *op == BinaryOp::Eq {
            "= NULL"
        } else {
            "<> NULL"
        };
        let mut d = Code::W0403
            .diag(
                *span,
                format!("`{written}` is never true: a comparison with NULL is unknown"),
            )
            .with_label("always unknown")
            .with_help(format!("use `{is}`"));
        // Only parsed trees have positions to edit; `NULL = NULL` has no column to keep.
        let (l, r) = (left.span(), right.span());
        let both_null = is_null(left) && is_null(right);
        if !span.is_empty() && !both_null && l.end <= r.start {
            let edits = if is_null(right) {
                vec![Edit {
                    start: l.end,
                    end: r.end,
                    replacement: format!(" {is}"),
                }]
            } else {
                vec![
                    Edit {
                        start: l.start,
                        end: r.start,
                        replacement: String::new(),
                    },
                    Edit {
                        start: r.end,
                        end: r.end,
                        replacement: format!(" {is}"),
                    },
                ]
            };
            d = d.with_fix(Fix::unsafe_edits(edits));
        }
        cx.report(d);
    }
}

/// True when `op` is `=` or `<>`.
fn is_equality(op: BinaryOp) -> bool {
    matches!(op, BinaryOp::Eq | BinaryOp::NotEq)
}
