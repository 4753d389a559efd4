//! W0402: ORDER BY.

use crate::ast::Query;
use crate::diagnostic::Severity;
use crate::lint::{Context, Hooks, Rule, RuleInfo};

pub static INFO: RuleInfo = RuleInfo {
    code: "W0402",
    severity: Severity::Warning,
    name: "order-by",
    summary: "ORDER BY: observed to time out on large tables.",
    what: "Reports an ORDER BY clause.",
    why: "ORDER BY parses, but was observed to run past 30 seconds on large tables and be aborted. Rows carry no stable order otherwise either: sort after fetching.",
    bad: "SELECT TOP 200 ClientID, LastName FROM cmClient ORDER BY LastName",
    good: "SELECT TOP 200 ClientID, LastName FROM cmClient",
};

pub struct OrderBy;

impl Rule for OrderBy {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn hooks(&self) -> Hooks {
        Hooks::QUERY
    }

    fn check_query<'q>(&self, query: &'q Query<'q>, cx: &mut Context<'_, 'q>) {
        let Some(first) = query.order_by.first() else {
            return;
        };
        let span = query
            .order_by
            .iter()
            .fold(first.span, |s, o| s.union(o.span));
        cx.report(
            INFO.diag(span, "ORDER BY was observed to time out on large tables")
                .with_label("sorted on the server")
                .with_help("sort the rows client-side; if the table is small, keep it with -- crql:allow(W0402)"),
        );
    }
}
