//! E0210: a value where a condition belongs.

use crate::ast::{BinaryOp, Expr, Select, UnaryOp};
use crate::diagnostic::Code;
use crate::lint::rules::e0209_condition_as_value::is_condition;
use crate::lint::{Context, ExprKinds, Hooks, Rule};

pub struct ValueAsCondition;

/// Reports `e`, standing where a condition belongs, when it is a value. Functions
/// (E0204) and parameters (E0303) have rules of their own.
fn report(e: &Expr<'_>, place: &str, cx: &mut Context<'_, '_>) {
    let mut inner = e;
    while let Expr::Nested { expr, .. } = inner {
        inner = expr;
    }
    if is_condition(inner) || matches!(inner, Expr::Function { .. } | Expr::Param(_)) {
        return;
    }
    cx.report(
        Code::E0210
            .diag(
                e.span(),
                format!("{inner} is a value, not a condition: {place} needs a comparison"),
            )
            .with_label("value")
            .with_help("compare it with something (`ClientID = 1`, `ExitDate IS NOT NULL`)"),
    );
}

impl Rule for ValueAsCondition {
    fn codes(&self) -> &'static [Code] {
        &[Code::E0210]
    }

    fn hooks(&self) -> Hooks {
        Hooks::SELECT | Hooks::EXPR
    }

    fn expr_kinds(&self) -> ExprKinds {
        ExprKinds::BINARY | ExprKinds::UNARY
    }

    fn check_select<'q>(&self, select: &'q Select<'q>, cx: &mut Context<'_, 'q>) {
        if let Some(w) = &select.selection {
            report(w, "WHERE", cx);
        }
        if let Some(h) = &select.having {
            report(h, "HAVING", cx);
        }
        for j in &select.joins {
            if let Some(on) = &j.on {
                report(on, "ON", cx);
            }
        }
    }

    fn check_expr<'q>(&self, expr: &'q Expr<'q>, cx: &mut Context<'_, 'q>) {
        match expr {
            Expr::Binary {
                left,
                op: op @ (BinaryOp::And | BinaryOp::Or),
                right,
                ..
            } => {
                let place = if *op == BinaryOp::And { "AND" } else { "OR" };
                report(left, place, cx);
                report(right, place, cx);
            }
            Expr::Unary {
                op: UnaryOp::Not,
                expr,
                ..
            } => report(expr, "NOT", cx),
            _ => {}
        }
    }
}
