//! E0204: calculated expression or function call.

use crate::ast::{BinaryOp, Expr, UnaryOp};
use crate::diagnostic::Code;
use crate::lint::literal::Lit;
use crate::lint::rules::e0206_unsupported_construct::is_aggregate;
use crate::lint::rules::tick;
use crate::lint::{Context, ExprKinds, Hooks, Rule};

pub struct CalculatedExpression;

fn is_arithmetic(e: &Expr<'_>) -> bool {
    matches!(e, Expr::Binary { op, .. } if op.is_arithmetic())
}

impl Rule for CalculatedExpression {
    fn codes(&self) -> &'static [Code] {
        &[Code::E0204]
    }

    fn hooks(&self) -> Hooks {
        Hooks::EXPR
    }

    fn expr_kinds(&self) -> ExprKinds {
        ExprKinds::BINARY | ExprKinds::UNARY | ExprKinds::FUNCTION | ExprKinds::CASE
    }

    fn check_expr<'q>(&self, expr: &'q Expr<'q>, cx: &mut Context<'_, 'q>) {
        let (span, message) = match expr {
            Expr::Binary { op, span, .. } if op.is_arithmetic() => {
                if cx.parent().is_some_and(is_arithmetic) {
                    return;
                }
                let what = if *op == BinaryOp::Plus {
                    "arithmetic or string concatenation"
                } else {
                    "arithmetic"
                };
                (
                    *span,
                    format!("calculated expression: {what} is not allowed in CRQL"),
                )
            }
            Expr::Unary {
                op: UnaryOp::Minus | UnaryOp::Plus,
                span,
                ..
            } => {
                if Lit::of(expr).is_some() || cx.parent().is_some_and(is_arithmetic) {
                    return;
                }
                (
                    *span,
                    "calculated expression: a sign on a non-literal is not allowed in CRQL"
                        .to_string(),
                )
            }
            // A window function is reported whole, by E0206.
            Expr::Function { .. } if matches!(cx.parent(), Some(Expr::Window { .. })) => return,
            // So is a table-valued function: the only call in FROM outside any
            // expression.
            Expr::Function { .. }
                if cx.clause == crate::lint::context::Clause::From && cx.parent().is_none() =>
            {
                return;
            }
            Expr::Function { name, span, .. } if !is_aggregate(&name.value) => (
                *span,
                format!(
                    "function call {} is not allowed in CRQL",
                    tick(&format!("{}(…)", name.value.to_ascii_uppercase()))
                ),
            ),
            Expr::Case { span, .. } => (
                *span,
                "calculated expression: CASE is not allowed in CRQL".to_string(),
            ),
            _ => return,
        };
        cx.report(
            Code::E0204.diag(span, message)
                .with_label("calculated")
                .with_help("compare columns with literal values (compute the value before building the query), and compute derived fields client-side"),
        );
    }
}
