//! E0207: query longer than 2048 characters once URL-encoded, counted by
//! [`crate::ctapi`], as the executor encodes it and the sandbox measures it.

use std::fmt::Write;

use crate::ast::Query;
use crate::ctapi::{EncodedLen, MAX_ENCODED_QUERY_LEN};
use crate::diagnostic::Code;
use crate::lint::{Context, Hooks, Rule};

pub struct QueryTooLong;

/// How many times longer than its source the canonical text of a parsed query can
/// be, with a margin (the densest source seen, `a=b`, grows 5/3; ` c` to ` AS c`
/// after a one-letter table, 2x). A test checks dense queries against it.
const SOURCE_GROWTH: usize = 3;

impl Rule for QueryTooLong {
    fn codes(&self) -> &'static [Code] {
        &[Code::E0207]
    }

    fn hooks(&self) -> Hooks {
        Hooks::QUERY
    }

    fn check_query<'q>(&self, query: &'q Query<'q>, cx: &mut Context<'_, 'q>) {
        if cx.query_depth() != 1 {
            return;
        }
        // Printing costs as much as a fifth of the linter, so parsed queries too
        // short to reach the cap are not printed: canonical text is at most
        // SOURCE_GROWTH times its source (it only adds spaces around operators and
        // after commas, `AS`, `INNER`, `ROWS`), and encoding triples a byte at most.
        if !query.span.is_empty() && query.span.len() * SOURCE_GROWTH * 3 <= MAX_ENCODED_QUERY_LEN {
            return;
        }
        let mut len = EncodedLen::default();
        // Writing into a counter cannot fail.
        let _ = write!(len, "{query}");
        let len = len.0;
        if len <= MAX_ENCODED_QUERY_LEN {
            return;
        }
        cx.report(
            Code::E0207.diag(
                query.span,
                format!(
                    "query is {len} characters once URL-encoded; CTAPI accepts at most {MAX_ENCODED_QUERY_LEN}"
                ),
            )
            .with_label(format!("{} characters too long", len - MAX_ENCODED_QUERY_LEN))
            .with_help("split it into several queries (fewer IN values each) or narrow the field list"),
        );
    }
}
