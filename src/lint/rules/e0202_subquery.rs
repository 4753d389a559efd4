//! E0202: subquery anywhere.

use crate::ast::{Expr, TableRef};
use crate::diagnostic::Code;
use crate::lint::{Context, ExprKinds, Hooks, Rule};

const HELP: &str = "run the inner query first and pass its values with IN (...), use the one JOIN CRQL allows, or a stored procedure";

pub struct Subquery;

impl Rule for Subquery {
    fn codes(&self) -> &'static [Code] {
        &[Code::E0202]
    }

    fn hooks(&self) -> Hooks {
        Hooks::TABLE | Hooks::EXPR
    }

    fn expr_kinds(&self) -> ExprKinds {
        ExprKinds::IN_SUBQUERY | ExprKinds::SUBQUERY | ExprKinds::EXISTS
    }

    fn check_table<'q>(&self, table: &'q TableRef<'q>, cx: &mut Context<'_, 'q>) {
        if let TableRef::Derived { span, .. } = table {
            cx.report(
                Code::E0202
                    .diag(
                        *span,
                        "subqueries are not allowed in CRQL: this one is in FROM",
                    )
                    .with_label("subquery")
                    .with_help(HELP),
            );
        }
    }

    fn check_expr<'q>(&self, expr: &'q Expr<'q>, cx: &mut Context<'_, 'q>) {
        let (span, what) = match expr {
            Expr::InSubquery { subquery, .. } => (subquery.span, "in an IN list"),
            Expr::Subquery { span, .. } => (*span, "used as a value"),
            Expr::Exists { span, .. } => (*span, "in EXISTS"),
            _ => return,
        };
        cx.report(
            Code::E0202
                .diag(
                    span,
                    format!("subqueries are not allowed in CRQL: this one is {what}"),
                )
                .with_label("subquery")
                .with_help(HELP),
        );
    }
}
