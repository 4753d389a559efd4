//! E0208: a constant in the field list.

use crate::ast::{Select, SelectItem};
use crate::diagnostic::Severity;
use crate::lint::rules::tick;
use crate::lint::values::Lit;
use crate::lint::{Context, Hooks, Rule, RuleInfo};

pub static INFO: RuleInfo = RuleInfo {
    code: "E0208",
    severity: Severity::Error,
    name: "constant-field",
    summary: "A literal (number, string or NULL) in the field list instead of a column.",
    what: "Reports a field-list entry that is a literal — `888`, `-1`, `'x'`, `NULL`, in parentheses or not, with or without an alias.",
    why: "CRQL's field list names columns: CTAPI returns columns of records, and a constant is a calculated field, which CRQL does not allow. T-SQL would accept it, so the mistake only shows on the live service.",
    bad: "SELECT TOP 5 ClientID, 1 AS Active FROM cmClient",
    good: "SELECT TOP 5 ClientID, ActiveStatus FROM cmClient",
};

pub struct ConstantField;

impl Rule for ConstantField {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn hooks(&self) -> Hooks {
        Hooks::SELECT
    }

    fn check_select<'q>(&self, select: &'q Select<'q>, cx: &mut Context<'_, 'q>) {
        for item in &select.items {
            let SelectItem::Expr { expr, .. } = item else {
                continue;
            };
            let Some(lit) = Lit::of(expr) else {
                continue;
            };
            cx.report(
                INFO.diag(
                    expr.span(),
                    format!(
                        "field {} is a constant, not a column",
                        tick(&lit.to_string())
                    ),
                )
                .with_label("constant")
                .with_help("name a column here; add constant values to the rows client-side"),
            );
        }
    }
}
