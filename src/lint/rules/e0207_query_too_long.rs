//! E0207: query longer than 2048 characters once URL-encoded, counted by
//! [`crate::ctapi`], as the executor encodes it and the sandbox measures it.

use std::fmt::Write;

use crate::ast::Query;
use crate::ctapi::{EncodedLen, MAX_ENCODED_QUERY_LEN};
use crate::diagnostic::Severity;
use crate::lint::{Context, Hooks, Rule, RuleInfo};

pub static INFO: RuleInfo = RuleInfo {
    code: "E0207",
    severity: Severity::Error,
    name: "query-too-long",
    summary: "A query longer than 2048 characters once URL-encoded.",
    what: "Measures the query as it is sent — its canonical text (what `Display` prints and the executor sends), percent-encoded as a query-string value, spaces as %20 — and reports it when over 2048 characters, saying how long it is.",
    why: "CTAPI caps the whole query at 2048 characters once URL-encoded; a longer one is rejected. Long IN lists are the usual cause.",
    bad: "SELECT TOP 500 ClientID FROM cmClient WHERE ClientID IN (1000001, 1000002, 1000003, 1000004, 1000005, 1000006, 1000007, 1000008, 1000009, 1000010, 1000011, 1000012, 1000013, 1000014, 1000015, 1000016, 1000017, 1000018, 1000019, 1000020, 1000021, 1000022, 1000023, 1000024, 1000025, 1000026, 1000027, 1000028, 1000029, 1000030, 1000031, 1000032, 1000033, 1000034, 1000035, 1000036, 1000037, 1000038, 1000039, 1000040, 1000041, 1000042, 1000043, 1000044, 1000045, 1000046, 1000047, 1000048, 1000049, 1000050, 1000051, 1000052, 1000053, 1000054, 1000055, 1000056, 1000057, 1000058, 1000059, 1000060, 1000061, 1000062, 1000063, 1000064, 1000065, 1000066, 1000067, 1000068, 1000069, 1000070, 1000071, 1000072, 1000073, 1000074, 1000075, 1000076, 1000077, 1000078, 1000079, 1000080, 1000081, 1000082, 1000083, 1000084, 1000085, 1000086, 1000087, 1000088, 1000089, 1000090, 1000091, 1000092, 1000093, 1000094, 1000095, 1000096, 1000097, 1000098, 1000099, 1000100, 1000101, 1000102, 1000103, 1000104, 1000105, 1000106, 1000107, 1000108, 1000109, 1000110, 1000111, 1000112, 1000113, 1000114, 1000115, 1000116, 1000117, 1000118, 1000119, 1000120, 1000121, 1000122, 1000123, 1000124, 1000125, 1000126, 1000127, 1000128, 1000129, 1000130, 1000131, 1000132, 1000133, 1000134, 1000135, 1000136, 1000137, 1000138, 1000139, 1000140, 1000141, 1000142, 1000143, 1000144, 1000145, 1000146, 1000147, 1000148, 1000149, 1000150, 1000151, 1000152, 1000153, 1000154, 1000155, 1000156, 1000157, 1000158, 1000159, 1000160)",
    good: "SELECT TOP 500 ClientID FROM cmClient WHERE ClientID IN (1000001, 1000002, 1000003, 1000004, 1000005, 1000006, 1000007, 1000008, 1000009, 1000010)",
};

pub struct QueryTooLong;

/// How many times longer than its source the canonical text of a parsed query can
/// be, with a margin (the densest source seen, `a=b`, grows 5/3; ` c` to ` AS c`
/// after a one-letter table, 2x). A test checks dense queries against it.
const SOURCE_GROWTH: usize = 3;

impl Rule for QueryTooLong {
    fn info(&self) -> &'static RuleInfo {
        &INFO
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
            INFO.diag(
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
