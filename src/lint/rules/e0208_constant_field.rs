//! E0208: a constant in the field list.

use crate::ast::{Select, SelectItem};
use crate::diagnostic::Code;
use crate::lint::literal::Lit;
use crate::lint::rules::tick;
use crate::lint::{Context, Hooks, Rule};

pub struct ConstantField;

impl Rule for ConstantField {
    fn codes(&self) -> &'static [Code] {
        &[Code::E0208]
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
                Code::E0208
                    .diag(
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
