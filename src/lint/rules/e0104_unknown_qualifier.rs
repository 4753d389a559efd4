//! E0104: a qualifier that names no table or alias in the query.

use crate::ast::{Expr, Ident, Select, SelectItem};
use crate::diagnostic::Code;
use crate::lint::rules::tick;
use crate::lint::{Context, ExprKinds, Hooks, Resolved, Rule};
use crate::schema::did_you_mean;

pub struct UnknownQualifier;

fn check(q: &Ident<'_>, cx: &mut Context<'_, '_>) {
    let Err(r) = cx.qualifier_source(&q.value) else {
        return;
    };
    let written: &str = &q.value;
    let d = match r {
        Resolved::AliasedTable { alias } => {
            let alias = cx
                .source(alias)
                .and_then(|s| s.alias)
                .map(|a| a.value.to_string())
                .unwrap_or_default();
            Code::E0104
                .diag(
                    q.span,
                    format!(
                        "table {} is aliased as {} in this query",
                        tick(written),
                        tick(&alias)
                    ),
                )
                .with_label("use the alias")
                .with_help(format!("write {} instead", tick(&alias)))
        }
        _ => {
            let names: Vec<&str> = cx
                .all_sources()
                .iter()
                .filter_map(|s| s.exposed_name())
                .collect();
            let help = match did_you_mean(written, names.iter().copied()) {
                Some(s) => format!("did you mean {}?", tick(s)),
                None => format!(
                    "tables and aliases in scope: {}",
                    names.iter().map(|n| tick(n)).collect::<Vec<_>>().join(", ")
                ),
            };
            Code::E0104
                .diag(
                    q.span,
                    format!("{} is not a table or alias of this query", tick(written)),
                )
                .with_label("unknown qualifier")
                .with_help(help)
        }
    };
    cx.report(d);
}

impl Rule for UnknownQualifier {
    fn codes(&self) -> &'static [Code] {
        &[Code::E0104]
    }

    fn hooks(&self) -> Hooks {
        Hooks::SELECT | Hooks::EXPR
    }

    fn expr_kinds(&self) -> ExprKinds {
        ExprKinds::COLUMN
    }

    fn check_select<'q>(&self, select: &'q Select<'q>, cx: &mut Context<'_, 'q>) {
        for item in &select.items {
            if let SelectItem::QualifiedWildcard { qualifier, .. } = item {
                check(qualifier, cx);
            }
        }
    }

    fn check_expr<'q>(&self, expr: &'q Expr<'q>, cx: &mut Context<'_, 'q>) {
        if let Expr::Column(c) = expr
            && let Some(q) = &c.qualifier
        {
            check(q, cx);
        }
    }
}
