//! E0209: a condition in the field list.

use crate::ast::{BinaryOp, Expr, Select, SelectItem, UnaryOp};
use crate::diagnostic::{Edit, Severity};
use crate::lint::{Context, Hooks, Rule, RuleInfo};

pub static INFO: RuleInfo = RuleInfo {
    code: "E0209",
    severity: Severity::Error,
    name: "condition-field",
    summary: "A comparison, AND/OR/NOT, IN, BETWEEN, LIKE, IS NULL or EXISTS in the field list.",
    what: "Reports a field-list entry that is a condition. `name = expr` gets its own message and a fix: SQL Server reads it as `expr AS name`.",
    why: "A field is a column, and T-SQL has no boolean columns: a condition in the field list is a syntax error on SQL Server. The one exception misleads: `SELECT LastName = ActiveStatus` is T-SQL's old alias syntax, the column ActiveStatus named LastName, not the comparison it looks like.",
    bad: "SELECT TOP 5 ClientID, LastName = ActiveStatus FROM cmClient",
    good: "SELECT TOP 5 ClientID, ActiveStatus AS LastName FROM cmClient",
};

pub struct ConditionField;

fn is_condition(e: &Expr<'_>) -> bool {
    match e {
        Expr::Binary { op, .. } => op.is_comparison() || matches!(op, BinaryOp::And | BinaryOp::Or),
        Expr::Unary { op, .. } => *op == UnaryOp::Not,
        Expr::Nested { expr, .. } => is_condition(expr),
        Expr::InList { .. }
        | Expr::InSubquery { .. }
        | Expr::Between { .. }
        | Expr::Like { .. }
        | Expr::IsNull { .. }
        | Expr::Exists { .. } => true,
        _ => false,
    }
}

impl Rule for ConditionField {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn hooks(&self) -> Hooks {
        Hooks::SELECT
    }

    fn check_select<'q>(&self, select: &'q Select<'q>, cx: &mut Context<'_, 'q>) {
        for item in &select.items {
            let SelectItem::Expr { expr, alias, .. } = item else {
                continue;
            };
            if !is_condition(expr) {
                continue;
            }
            let span = expr.span();
            if let Expr::Binary {
                left,
                op: BinaryOp::Eq,
                right,
                ..
            } = expr
                && let Expr::Column(c) = &**left
                && c.qualifier.is_none()
            {
                let name = &c.name;
                let mut d = INFO
                    .diag(
                        span,
                        format!("SQL Server reads `{name} = {right}` as the field {right} named {name}, not as a comparison"),
                    )
                    .with_label("alias, not a comparison")
                    .with_help(format!("write `{right} AS {name}`"));
                if alias.is_none() && !span.is_empty() {
                    d = d.with_fix(vec![Edit {
                        start: span.start,
                        end: span.end,
                        replacement: format!("{right} AS {name}"),
                    }]);
                }
                cx.report(d);
                continue;
            }
            cx.report(
                INFO.diag(
                    span,
                    "a condition is not a field: T-SQL has no boolean columns",
                )
                .with_label("condition")
                .with_help("name columns in the field list; conditions belong in WHERE"),
            );
        }
    }
}
