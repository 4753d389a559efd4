//! W0401: no TOP.

use crate::ast::Query;
use crate::diagnostic::Code;
use crate::lint::rules::head;
use crate::lint::{Context, Hooks, Rule};

pub struct MissingTop;

impl Rule for MissingTop {
    fn codes(&self) -> &'static [Code] {
        &[Code::W0401]
    }

    fn hooks(&self) -> Hooks {
        Hooks::QUERY
    }

    fn check_query<'q>(&self, query: &'q Query<'q>, cx: &mut Context<'_, 'q>) {
        if cx.query_depth() != 1 || query.select.top.is_some() {
            return;
        }
        cx.report(
            Code::W0401.diag(head(query.select.span, "SELECT".len()), "query has no TOP: the server's work is unbounded")
                .with_label("no TOP")
                .with_help("add TOP n equal to pageSize (at most 500), e.g. SELECT TOP 500 ...: unbounded queries were observed to time out after 30 s"),
        );
    }
}
