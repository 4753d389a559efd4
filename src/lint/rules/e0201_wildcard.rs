//! E0201: `*` or `t.*` in the field list.

use crate::ast::{Select, SelectItem};
use crate::diagnostic::Code;
use crate::lint::{Context, Hooks, Rule};

pub struct Wildcard;

impl Rule for Wildcard {
    fn codes(&self) -> &'static [Code] {
        &[Code::E0201]
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
                Code::E0201
                    .diag(span, "wildcards are not allowed in a CRQL field list")
                    .with_label("name the columns instead")
                    .with_help(help),
            );
        }
    }
}
