//! W0404: LIKE pattern with a leading wildcard.

use crate::ast::Expr;
use crate::diagnostic::Severity;
use crate::lint::values::Lit;
use crate::lint::{Context, ExprKinds, Hooks, Rule, RuleInfo};

pub static INFO: RuleInfo = RuleInfo {
    code: "W0404",
    severity: Severity::Warning,
    name: "leading-wildcard",
    summary: "A LIKE pattern that starts with `%` or `_`: a full scan.",
    what: "Reports LIKE patterns (string literals) whose first character is a wildcard.",
    why: "No index can serve a pattern with a leading wildcard: the server reads every row, which on large tables runs into CTAPI's 30-second limit.",
    bad: "SELECT TOP 25 ClientID FROM cmClient WHERE LastName LIKE '%son'",
    good: "SELECT TOP 25 ClientID FROM cmClient WHERE LastName LIKE 'Johns%'",
};

pub struct LeadingWildcard;

impl Rule for LeadingWildcard {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn hooks(&self) -> Hooks {
        Hooks::EXPR
    }

    fn expr_kinds(&self) -> ExprKinds {
        ExprKinds::LIKE
    }

    fn check_expr<'q>(&self, expr: &'q Expr<'q>, cx: &mut Context<'_, 'q>) {
        let Expr::Like { pattern, .. } = expr else {
            return;
        };
        let Some(lit @ Lit::Str(p)) = Lit::of(pattern) else {
            return;
        };
        if !p.starts_with(['%', '_']) {
            return;
        }
        cx.report(
            INFO.diag(pattern.span(), format!("LIKE pattern {lit} starts with a wildcard: every row is scanned"))
                .with_label("leading wildcard")
                .with_help("anchor the pattern at the start ('Smith%'), or narrow the rows with another condition first"),
        );
    }
}
