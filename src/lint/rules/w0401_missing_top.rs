//! W0401: no TOP.

use crate::ast::Query;
use crate::diagnostic::Severity;
use crate::lint::rules::head;
use crate::lint::{Context, Hooks, Rule, RuleInfo};

pub static INFO: RuleInfo = RuleInfo {
    code: "W0401",
    severity: Severity::Warning,
    name: "missing-top",
    summary: "A query without TOP: unbounded server work, observed to time out.",
    what: "Reports a top-level query whose SELECT has no `TOP n`.",
    why: "TOP is what bounds the server's work: unbounded queries were observed to run past 30 seconds and be aborted. Keep TOP equal to pageSize (at most 500).",
    bad: "SELECT ClientID, FirstName FROM cmClient",
    good: "SELECT TOP 200 ClientID, FirstName FROM cmClient",
};

pub struct MissingTop;

impl Rule for MissingTop {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn hooks(&self) -> Hooks {
        Hooks::QUERY
    }

    fn check_query<'q>(&self, query: &'q Query<'q>, cx: &mut Context<'_, 'q>) {
        if cx.query_depth() != 1 || query.select.top.is_some() {
            return;
        }
        cx.report(
            INFO.diag(head(query.select.span, "SELECT".len()), "query has no TOP: the server's work is unbounded")
                .with_label("no TOP")
                .with_help("add TOP n equal to pageSize (at most 500), e.g. SELECT TOP 500 ...: unbounded queries were observed to time out after 30 s"),
        );
    }
}
