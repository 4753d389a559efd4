//! E0201: `*` or `t.*` in the field list.

use crate::ast::{Select, SelectItem};
use crate::diagnostic::Severity;
use crate::lint::{Context, Hooks, Rule, RuleInfo};

pub static INFO: RuleInfo = RuleInfo {
    code: "E0201",
    severity: Severity::Error,
    name: "wildcard",
    summary: "`*` or `t.*` in the field list.",
    what: "Reports `*` and `t.*` in the field list.",
    why: "CTAPI does not accept a wildcard in the field list: every column must be named.",
    bad: "SELECT TOP 5 * FROM cmClient",
    good: "SELECT TOP 5 ClientID, FirstName, LastName FROM cmClient",
};

pub struct Wildcard;

impl Rule for Wildcard {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn hooks(&self) -> Hooks {
        Hooks::SELECT
    }

    fn check_select<'q>(&self, select: &'q Select<'q>, cx: &mut Context<'_, 'q>) {
        for item in &select.items {
            let span = match item {
                SelectItem::Wildcard { span } | SelectItem::QualifiedWildcard { span, .. } => *span,
                SelectItem::Expr { .. } => continue,
            };
            // Name a few real columns so the fix is one copy away.
            let columns: Vec<&str> = cx
                .sources()
                .first()
                .and_then(|s| s.table)
                .map(|t| {
                    t.columns()
                        .iter()
                        .take(4)
                        .map(|c| c.name.as_str())
                        .collect()
                })
                .unwrap_or_default();
            let help = if columns.is_empty() {
                "name the columns you need".to_string()
            } else {
                format!("name the columns you need, e.g. {}, …", columns.join(", "))
            };
            cx.report(
                INFO.diag(span, "wildcards are not allowed in a CRQL field list")
                    .with_label("name the columns instead")
                    .with_help(help),
            );
        }
    }
}
