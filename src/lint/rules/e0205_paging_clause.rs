//! E0205: OFFSET / FETCH / LIMIT.

use crate::ast::Query;
use crate::diagnostic::Code;
use crate::lint::{Context, Hooks, Rule};

pub struct PagingClause;

impl Rule for PagingClause {
    fn codes(&self) -> &'static [Code] {
        &[Code::E0205]
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
                Code::E0205.diag(span, format!("{what} is not allowed: paging belongs to pageNo/pageSize"))
                    .with_label(format!("remove {what}"))
                    .with_help("remove it and page with the pageNo and pageSize request parameters (crql run --page-size), keeping TOP equal to pageSize"),
            );
        }
    }
}
