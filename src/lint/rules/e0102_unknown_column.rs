//! E0102 and W0102: unknown column of a known table — an error when the tables
//! it may belong to are complete, a warning when one is partial.

use crate::ast::Expr;
use crate::diagnostic::Code;
use crate::lint::rules::tick;
use crate::lint::{Context, ExprKinds, Hooks, Resolved, Rule};
use crate::schema::{Table, did_you_mean};

pub struct UnknownColumn;

impl Rule for UnknownColumn {
    fn codes(&self) -> &'static [Code] {
        &[Code::E0102, Code::W0102]
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
        let (tables, complete): (Vec<&Table>, bool) = match cx.resolve(c) {
            Resolved::UnknownQualifiedColumn { table } => (vec![table], table.is_complete()),
            Resolved::UnknownColumn => (
                cx.sources().iter().filter_map(|s| s.table).collect(),
                // An unqualified name may belong to any table in scope, outer
                // ones included: it is surely wrong only when all are complete.
                cx.all_sources()
                    .iter()
                    .all(|s| s.table.is_some_and(Table::is_complete)),
            ),
            _ => return,
        };
        let code = if complete { Code::E0102 } else { Code::W0102 };
        if !cx.is_active(code) {
            return;
        }
        let names: Vec<&str> = tables.iter().map(|t| t.name()).collect();
        let ticked = || {
            names
                .iter()
                .map(|t| tick(t))
                .collect::<Vec<_>>()
                .join(" or ")
        };
        let (message, label) = match (complete, names.as_slice()) {
            (true, [one]) => (
                format!("table {} has no column {}", tick(one), tick(name)),
                format!("not a column of {one}"),
            ),
            (true, _) => (
                format!("no column {} in {}", tick(name), ticked()),
                format!("not a column of {}", names.join(" or ")),
            ),
            (false, _) => (
                format!("column {} is not in the schema of {}", tick(name), ticked()),
                format!("not a column the schema lists for {}", names.join(" or ")),
            ),
        };
        let candidates = tables
            .iter()
            .flat_map(|t| t.columns().iter().map(|c| c.name.as_str()));
        let suggestion =
            did_you_mean(name, candidates).map(|s| format!("did you mean {}?", tick(s)));
        let help = if complete {
            suggestion
        } else {
            let mut partial: Vec<&str> = tables
                .iter()
                .copied()
                .chain(cx.all_sources().iter().filter_map(|s| s.table))
                .filter(|t| !t.is_complete())
                .map(|t| t.name())
                .collect();
            partial.dedup();
            let pull = format!(
                "the schema lists only some of {}'s columns; `crql schema pull {}` checks it against your server",
                partial.join(" and "),
                partial.join(" ")
            );
            Some(match suggestion {
                Some(s) => format!("{s} Otherwise, {pull}"),
                None => pull,
            })
        };
        let mut d = code.diag(c.name.span, message).with_label(label);
        if let Some(h) = help {
            d = d.with_help(h);
        }
        cx.report(d);
    }
}
