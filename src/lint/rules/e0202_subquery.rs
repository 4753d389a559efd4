//! E0202: subquery anywhere.

use crate::ast::{Expr, TableRef};
use crate::diagnostic::Severity;
use crate::lint::{Context, ExprKinds, Hooks, Rule, RuleInfo};

pub static INFO: RuleInfo = RuleInfo {
    code: "E0202",
    severity: Severity::Error,
    name: "subquery",
    summary: "A subquery: in FROM, IN (SELECT ...), EXISTS or as a value.",
    what: "Reports every subquery: a derived table, `IN (SELECT ...)`, `EXISTS (...)` and a scalar `(SELECT ...)`.",
    why: "CRQL does not allow subqueries; CTAPI rejects them.",
    bad: "SELECT TOP 5 ClientID FROM cmClient WHERE ClientID IN (SELECT ClientID FROM Enrollment)",
    good: "SELECT TOP 5 c.ClientID FROM cmClient c JOIN Enrollment e ON e.ClientID = c.ClientID",
};

const HELP: &str = "run the inner query first and pass its values with IN (...), use the one JOIN CRQL allows, or a stored procedure";

pub struct Subquery;

impl Rule for Subquery {
    fn info(&self) -> &'static RuleInfo {
        &INFO
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
                INFO.diag(
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
            INFO.diag(
                span,
                format!("subqueries are not allowed in CRQL: this one is {what}"),
            )
            .with_label("subquery")
            .with_help(HELP),
        );
    }
}
