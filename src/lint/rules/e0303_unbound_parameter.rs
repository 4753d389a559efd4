//! E0303: unbound `:parameter`.

use crate::ast::Expr;
use crate::diagnostic::Severity;
use crate::lint::{Context, ExprKinds, Hooks, Rule, RuleInfo};

pub static INFO: RuleInfo = RuleInfo {
    code: "E0303",
    severity: Severity::Error,
    name: "unbound-parameter",
    summary: "A `:name` parameter that has not been bound to a value.",
    what: "Reports every `:name` parameter left in the query. Parameters are a crql feature: the builder replaces them with safely quoted literals before the query is sent.",
    why: "CTAPI has no parameters: a query that still contains `:name` is a syntax error on the server.",
    bad: "SELECT TOP 5 EnrollID FROM Enrollment WHERE UpdatedDate > :since",
    good: "SELECT TOP 5 EnrollID FROM Enrollment WHERE UpdatedDate > '2024-01-01'",
};

pub struct UnboundParameter;

impl Rule for UnboundParameter {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn hooks(&self) -> Hooks {
        Hooks::EXPR
    }

    fn expr_kinds(&self) -> ExprKinds {
        ExprKinds::PARAM
    }

    fn check_expr<'q>(&self, expr: &'q Expr<'q>, cx: &mut Context<'_, 'q>) {
        if let Expr::Param(p) = expr {
            cx.report(
                INFO.diag(p.span, format!("parameter `:{}` is not bound", p.name))
                    .with_label("no value")
                    .with_help(format!("bind a value to `:{}` before sending the query (crql's builder binds parameters as quoted literals)", p.name)),
            );
        }
    }
}
