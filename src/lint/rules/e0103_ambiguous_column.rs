//! E0103: unqualified column that exists in both joined tables.

use crate::ast::Expr;
use crate::diagnostic::Code;
use crate::lint::rules::tick;
use crate::lint::{Context, ExprKinds, Hooks, Resolved, Rule};

pub struct AmbiguousColumn;

impl Rule for AmbiguousColumn {
    fn codes(&self) -> &'static [Code] {
        &[Code::E0103]
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
        let Resolved::Ambiguous { first, second } = cx.resolve(c) else {
            return;
        };
        let name: &str = &c.name.value;
        let qualified: Vec<String> = cx
            .sources()
            .iter()
            .filter(|s| s.table.is_some_and(|t| t.column(name).is_some()))
            .filter_map(|s| s.exposed_name())
            .map(|q| tick(&format!("{q}.{name}")))
            .collect();
        cx.report(
            Code::E0103
                .diag(
                    c.name.span,
                    format!(
                        "column {} is ambiguous: both {} and {} have it",
                        tick(name),
                        tick(first.name()),
                        tick(second.name())
                    ),
                )
                .with_label("which table's?")
                .with_help(format!("qualify it: {}", qualified.join(" or "))),
        );
    }
}
