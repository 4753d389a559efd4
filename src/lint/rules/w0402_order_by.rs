//! W0402: ORDER BY.

use crate::ast::Query;
use crate::diagnostic::Code;
use crate::lint::{Context, Hooks, Rule};

pub struct OrderBy;

impl Rule for OrderBy {
    fn codes(&self) -> &'static [Code] {
        &[Code::W0402]
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
            Code::W0402.diag(span, "ORDER BY was observed to time out on large tables")
                .with_label("sorted on the server")
                .with_help("sort the rows client-side; if the table is small, keep it with -- crql:allow(W0402)"),
        );
    }
}
