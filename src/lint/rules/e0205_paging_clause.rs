//! E0205: OFFSET / FETCH / LIMIT.

use crate::ast::Query;
use crate::diagnostic::Severity;
use crate::lint::{Context, Hooks, Rule, RuleInfo};

pub static INFO: RuleInfo = RuleInfo {
    code: "E0205",
    severity: Severity::Error,
    name: "paging-clause",
    summary: "OFFSET, FETCH or LIMIT in the query: paging belongs to pageNo/pageSize.",
    what: "Reports `OFFSET n ROWS`, `FETCH NEXT n ROWS ONLY` and `LIMIT n`.",
    why: "CTAPI rejects OFFSET: it pages results itself through the pageNo and pageSize request parameters. LIMIT is not T-SQL at all.",
    bad: "SELECT TOP 100 ClientID FROM cmClient ORDER BY ClientID OFFSET 100 ROWS",
    good: "SELECT TOP 100 ClientID FROM cmClient",
};

pub struct PagingClause;

impl Rule for PagingClause {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn hooks(&self) -> Hooks {
        Hooks::QUERY
    }

    fn check_query<'q>(&self, query: &'q Query<'q>, cx: &mut Context<'_, 'q>) {
        let clauses = [
            query.offset.as_ref().map(|o| (o.span, "OFFSET")),
            query.fetch.as_ref().map(|f| (f.span, "FETCH")),
            query.limit.as_ref().map(|l| (l.span, "LIMIT")),
        ];
        for (span, what) in clauses.into_iter().flatten() {
            cx.report(
                INFO.diag(span, format!("{what} is not allowed: paging belongs to pageNo/pageSize"))
                    .with_label(format!("remove {what}"))
                    .with_help("remove it and page with the pageNo and pageSize request parameters (crql run --page-size), keeping TOP equal to pageSize"),
            );
        }
    }
}
