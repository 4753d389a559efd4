//! E0218: T-SQL table hints, `WITH (NOLOCK)` or `(NOLOCK)`, and join hints,
//! `INNER HASH JOIN`.

use crate::ast::{Select, TableRef};
use crate::diagnostic::{Code, Edit, Fix};
use crate::lint::fix::Fixable;
use crate::lint::rules::tick;
use crate::lint::{Context, Hooks, Rule};

pub struct TableHint;

impl Rule for TableHint {
    fn codes(&self) -> &'static [Code] {
        &[Code::E0218]
    }

    fn fixable(&self, _code: Code) -> Option<Fixable> {
        // Without NOLOCK the server reads committed rows only: the rows may differ.
        Some(Fixable::SOMETIMES_UNSAFE)
    }

    fn hooks(&self) -> Hooks {
        Hooks::TABLE | Hooks::SELECT
    }

    fn check_select<'q>(&self, select: &'q Select<'q>, cx: &mut Context<'_, 'q>) {
        for j in &select.joins {
            let Some(h) = j.hint else { continue };
            let word = h.kind.as_str();
            let mut d = Code::E0218
                .diag(
                    h.span,
                    format!("join hint `{word}` is not CRQL: the server decides how it joins"),
                )
                .with_label("join hint")
                .with_help(format!("remove `{word}`"));
            // The hint and the blank after it go, `INNER HASH JOIN` -> `INNER JOIN`.
            // A join hint forces an algorithm, never which rows come back: safe.
            let after = cx
                .source_text(crate::Span::new(h.span.end, j.span.end))
                .map(|t| t.len() - t.trim_start().len());
            if let Some(blank) = after
                && !h.span.is_empty()
            {
                d = d.with_fix(Fix::safe_edits(vec![Edit {
                    start: h.span.start,
                    end: h.span.end + blank,
                    replacement: String::new(),
                }]));
            }
            cx.report(d);
        }
    }

    fn check_table<'q>(&self, table: &'q TableRef<'q>, cx: &mut Context<'_, 'q>) {
        let TableRef::Table {
            name,
            alias,
            hints: Some(h),
            ..
        } = table
        else {
            return;
        };
        let mut d = Code::E0218
            .diag(
                h.span,
                format!(
                    "table hint {} is not CRQL: the server decides how it reads",
                    tick(&h.to_string())
                ),
            )
            .with_label("table hint")
            .with_help("remove the hint");
        // The hint follows the name (or alias) directly: delete from the end of
        // what precedes it, so that no blank is left behind.
        let before = alias.as_ref().map_or(name.span, |a| a.span);
        if !h.span.is_empty() && before.end <= h.span.start {
            d = d.with_fix(Fix::unsafe_edits(vec![Edit {
                start: before.end,
                end: h.span.end,
                replacement: String::new(),
            }]));
        }
        cx.report(d);
    }
}
