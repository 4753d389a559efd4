//! E0203: more than one JOIN.

use crate::ast::{JoinKind, Select};
use crate::diagnostic::Code;
use crate::lint::rules::head;
use crate::lint::{Context, Hooks, Rule};

pub struct MultipleJoins;

impl Rule for MultipleJoins {
    fn codes(&self) -> &'static [Code] {
        &[Code::E0203]
    }

    fn hooks(&self) -> Hooks {
        Hooks::SELECT
    }

    fn check_select<'q>(&self, select: &'q Select<'q>, cx: &mut Context<'_, 'q>) {
        for join in &select.joins {
            if join.kind == JoinKind::Comma {
                cx.report(
                    Code::E0203
                        .diag(
                            head(join.span, 1),
                            "`FROM a, b` is a comma join: CRQL joins one table, with JOIN ... ON",
                        )
                        .with_label("comma join")
                        .with_help("write `FROM a JOIN b ON b.Key = a.Key`, moving the pairing condition from WHERE to ON"),
                );
            }
        }
        for (i, join) in select.joins.iter().enumerate().skip(1) {
            cx.report(
                Code::E0203.diag(
                    join.span,
                    format!("join number {} of {}: CRQL allows at most one JOIN", i + 1, select.joins.len()),
                )
                .with_label("extra JOIN")
                .with_help("split the query in two and join the rows client-side, or use a stored procedure"),
            );
        }
    }
}
