//! E0102: unknown column of a known table.

use crate::ast::Expr;
use crate::diagnostic::Code;
use crate::lint::rules::tick;
use crate::lint::{Context, ExprKinds, Hooks, Resolved, Rule};
use crate::schema::did_you_mean;

pub struct UnknownColumn;

impl Rule for UnknownColumn {
    fn codes(&self) -> &'static [Code] {
        &[Code::E0102]
    }

    fn hooks(&self) -> Hooks {
        Hooks::EXPR
    }

    fn expr_kinds(&self) -> ExprKinds {
        ExprKinds::COLUMN
    }

    fn check_expr<'q>(&self, expr: &'q Expr<'q>, cx: &mut Context<'_, 'q>) {
        let Expr::Column(c) = expr else {
            return;
        };
        let name: &str = &c.name.value;
        let d = match cx.resolve(c) {
            Resolved::UnknownQualifiedColumn { table } => {
                let mut d = Code::E0102
                    .diag(
                        c.name.span,
                        format!("table {} has no column {}", tick(table.name()), tick(name)),
                    )
                    .with_label(format!("not a column of {}", table.name()));
                if let Some(s) = did_you_mean(name, table.columns().iter().map(|c| c.name.as_str()))
                {
                    d = d.with_help(format!("did you mean {}?", tick(s)));
                }
                d
            }
            Resolved::UnknownColumn => {
                let tables: Vec<&str> = cx
                    .sources()
                    .iter()
                    .filter_map(|s| s.table.map(|t| t.name()))
                    .collect();
                let message = match tables.as_slice() {
                    [one] => format!("table {} has no column {}", tick(one), tick(name)),
                    many => format!(
                        "no column {} in {}",
                        tick(name),
                        many.iter()
                            .map(|t| tick(t))
                            .collect::<Vec<_>>()
                            .join(" or ")
                    ),
                };
                let candidates = cx
                    .sources()
                    .iter()
                    .filter_map(|s| s.table)
                    .flat_map(|t| t.columns().iter().map(|c| c.name.as_str()));
                let mut d = Code::E0102
                    .diag(c.name.span, message)
                    .with_label(format!("not a column of {}", tables.join(" or ")));
                if let Some(s) = did_you_mean(name, candidates) {
                    d = d.with_help(format!("did you mean {}?", tick(s)));
                }
                d
            }
            _ => return,
        };
        cx.report(d);
    }
}
