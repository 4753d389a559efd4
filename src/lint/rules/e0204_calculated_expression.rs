//! E0204: calculated expression or function call.

use crate::ast::{BinaryOp, Expr, UnaryOp};
use crate::diagnostic::Severity;
use crate::lint::rules::e0206_unsupported_construct::is_aggregate;
use crate::lint::rules::tick;
use crate::lint::values::Lit;
use crate::lint::{Context, ExprKinds, Hooks, Rule, RuleInfo};

pub static INFO: RuleInfo = RuleInfo {
    code: "E0204",
    severity: Severity::Error,
    name: "calculated-expression",
    summary: "Arithmetic, a sign on a non-literal, or a function call.",
    what: "Reports arithmetic (`+ - * / %`), a sign applied to anything but a number, and calls of non-aggregate functions (`UPPER(...)`, `GETDATE()`, `DATEADD(...)`); aggregates are E0206. Nested arithmetic is reported once, at its outermost operator.",
    why: "CRQL does not allow calculated expressions: fields are columns, conditions compare columns with literals.",
    bad: "SELECT TOP 5 ClientID FROM Enrollment WHERE EnrollDate > GETDATE() - 30",
    good: "SELECT TOP 5 ClientID FROM Enrollment WHERE EnrollDate > '2024-01-01'",
};

pub struct CalculatedExpression;

fn is_arithmetic(e: &Expr<'_>) -> bool {
    matches!(e, Expr::Binary { op, .. } if op.is_arithmetic())
}

impl Rule for CalculatedExpression {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn hooks(&self) -> Hooks {
        Hooks::EXPR
    }

    fn expr_kinds(&self) -> ExprKinds {
        ExprKinds::BINARY | ExprKinds::UNARY | ExprKinds::FUNCTION
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
            Expr::Function { name, span, .. } if !is_aggregate(&name.value) => (
                *span,
                format!(
                    "function call {} is not allowed in CRQL",
                    tick(&format!("{}(…)", name.value.to_ascii_uppercase()))
                ),
            ),
            _ => return,
        };
        cx.report(
            INFO.diag(span, message)
                .with_label("calculated")
                .with_help("compare columns with literal values (compute the value before building the query), and compute derived fields client-side"),
        );
    }
}
