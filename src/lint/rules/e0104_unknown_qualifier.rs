//! E0104: a qualifier that names no table or alias in the query.

use crate::ast::{Expr, Ident, Select, SelectItem};
use crate::diagnostic::Severity;
use crate::lint::rules::tick;
use crate::lint::{Context, ExprKinds, Hooks, Resolved, Rule, RuleInfo};
use crate::schema::did_you_mean;

pub static INFO: RuleInfo = RuleInfo {
    code: "E0104",
    severity: Severity::Error,
    name: "unknown-qualifier",
    summary: "A `x.Column` qualifier that names no table or alias of the query.",
    what: "Checks that the qualifier of every qualified column (and `x.*`) is an alias, or the name of an unaliased table, of the query. A table that has an alias must be called by its alias.",
    why: "SQL Server rejects it (\"The multi-part identifier could not be bound\"), so CTAPI answers 400.",
    bad: "SELECT TOP 5 x.ClientID FROM cmClient c",
    good: "SELECT TOP 5 c.ClientID FROM cmClient c",
};

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
            INFO.diag(
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
            INFO.diag(
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
    fn info(&self) -> &'static RuleInfo {
        &INFO
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
