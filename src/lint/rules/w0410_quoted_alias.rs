//! W0410: a field alias in quotes, `'Client Id'` or `"Client Id"`, rather than
//! `[brackets]`.

use crate::ast::{Select, SelectItem};
use crate::diagnostic::{Code, Edit, Fix};
use crate::lint::fix::Fixable;
use crate::lint::rules::tick;
use crate::lint::{Context, Hooks, Rule};

pub struct QuotedAlias;

impl Rule for QuotedAlias {
    fn codes(&self) -> &'static [Code] {
        &[Code::W0410]
    }

    fn fixable(&self, _code: Code) -> Option<Fixable> {
        // `'a'`, `"a"` and `[a]` name the same field.
        Some(Fixable::SOMETIMES_SAFE)
    }

    fn hooks(&self) -> Hooks {
        Hooks::SELECT
    }

    fn check_select<'q>(&self, select: &'q Select<'q>, cx: &mut Context<'_, 'q>) {
        for item in &select.items {
            let SelectItem::Expr {
                alias: Some(a),
                expr,
                ..
            } = item
            else {
                continue;
            };
            // The tree keeps a quoted alias as a bracketed name: only the source
            // says how it was written.
            let Some(written) = cx.source_text(a.span) else {
                continue;
            };
            let unprefixed = written
                .strip_prefix(['N', 'n'])
                .filter(|w| w.starts_with('\''))
                .unwrap_or(written);
            let Some(quote) = unprefixed
                .chars()
                .next()
                .filter(|c| matches!(c, '\'' | '"'))
            else {
                continue;
            };
            let bracketed = crate::ast::Ident {
                value: a.value.clone(),
                bracketed: true,
                span: a.span,
            }
            .to_string();
            let what = if quote == '\'' {
                "a string used as an alias is deprecated T-SQL"
            } else {
                "a double-quoted alias depends on QUOTED_IDENTIFIER"
            };
            // Between the expression and the alias: `AS` or nothing.
            let between = expr.span().end..a.span.start;
            let has_as = cx
                .source_text(crate::Span::new(between.start, between.end))
                .is_some_and(|t| t.split_whitespace().any(|w| w.eq_ignore_ascii_case("AS")));
            let replacement = if has_as {
                bracketed.clone()
            } else {
                format!("AS {bracketed}")
            };
            let edits = vec![Edit {
                start: a.span.start,
                end: a.span.end,
                replacement,
            }];
            cx.report(
                Code::W0410
                    .diag(a.span, format!("alias {}: {what}", tick(written)))
                    .with_label("quoted alias")
                    .with_help(format!("write `AS {bracketed}`"))
                    .with_fix(Fix::safe_edits(edits)),
            );
        }
    }
}
