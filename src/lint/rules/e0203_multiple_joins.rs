//! E0203: more than one JOIN.

use crate::ast::Select;
use crate::diagnostic::Severity;
use crate::lint::{Context, Hooks, Rule, RuleInfo};

pub static INFO: RuleInfo = RuleInfo {
    code: "E0203",
    severity: Severity::Error,
    name: "multiple-joins",
    summary: "More than one JOIN in a SELECT.",
    what: "Reports every JOIN after the first of a SELECT.",
    why: "CRQL allows at most one JOIN; CTAPI rejects more.",
    bad: "SELECT TOP 5 c.ClientID FROM cmClient c JOIN Enrollment e ON e.ClientID = c.ClientID JOIN cmCaseAssign a ON a.EnrollID = e.EnrollID",
    good: "SELECT TOP 5 c.ClientID, e.EnrollID FROM cmClient c JOIN Enrollment e ON e.ClientID = c.ClientID",
};

pub struct MultipleJoins;

impl Rule for MultipleJoins {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn hooks(&self) -> Hooks {
        Hooks::SELECT
    }

    fn check_select<'q>(&self, select: &'q Select<'q>, cx: &mut Context<'_, 'q>) {
        for (i, join) in select.joins.iter().enumerate().skip(1) {
            cx.report(
                INFO.diag(
                    join.span,
                    format!("join number {} of {}: CRQL allows at most one JOIN", i + 1, select.joins.len()),
                )
                .with_label("extra JOIN")
                .with_help("split the query in two and join the rows client-side, or use a stored procedure"),
            );
        }
    }
}
