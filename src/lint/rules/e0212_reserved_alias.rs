//! E0212: a field named like the row number CTAPI adds to every row.

use crate::ast::{Select, SelectItem};
use crate::ctapi::ROW_ID_COLUMN;
use crate::diagnostic::Code;
use crate::lint::{Context, Hooks, Rule};

pub struct ReservedAlias;

impl Rule for ReservedAlias {
    fn codes(&self) -> &'static [Code] {
        &[Code::E0212]
    }

    fn hooks(&self) -> Hooks {
        Hooks::SELECT
    }

    fn check_select<'q>(&self, select: &'q Select<'q>, cx: &mut Context<'_, 'q>) {
        for item in &select.items {
            if let SelectItem::Expr { alias: Some(a), .. } = item
                && a.value.eq_ignore_ascii_case(ROW_ID_COLUMN)
            {
                cx.report(
                    Code::E0212
                        .diag(
                            a.span,
                            format!("`{ROW_ID_COLUMN}` is the row number CTAPI adds to every row: the field would be lost"),
                        )
                        .with_label("reserved name")
                        .with_help("choose another alias"),
                );
            }
        }
    }
}
