//! E0211: a JOIN without its ON condition, or a CROSS JOIN.

use crate::ast::{JoinKind, Select};
use crate::diagnostic::Code;
use crate::lint::rules::head;
use crate::lint::{Context, Hooks, Rule};

pub struct JoinCondition;

impl Rule for JoinCondition {
    fn codes(&self) -> &'static [Code] {
        &[Code::E0211]
    }

    fn hooks(&self) -> Hooks {
        Hooks::SELECT
    }

    fn check_select<'q>(&self, select: &'q Select<'q>, cx: &mut Context<'_, 'q>) {
        for j in &select.joins {
            let d = match (j.kind, &j.on) {
                (JoinKind::Cross, _) => Code::E0211
                    .diag(
                        head(j.span, "CROSS JOIN".len()),
                        "CROSS JOIN pairs every row with every row: CRQL joins on a condition",
                    )
                    .with_label("no join condition")
                    .with_help("write `JOIN t ON t.Key = u.Key`"),
                // A comma join is E0203's; APPLY is E0206's.
                (JoinKind::Comma | JoinKind::CrossApply | JoinKind::OuterApply, _) => continue,
                (_, None) => Code::E0211
                    .diag(j.span, "this JOIN has no ON condition")
                    .with_label("ON missing")
                    .with_help("add `ON t.Key = u.Key` naming the shared key"),
                _ => continue,
            };
            cx.report(d);
        }
    }
}
