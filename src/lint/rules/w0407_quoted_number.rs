//! W0407: quoted number against a numeric column.

use crate::ast::Expr;
use crate::diagnostic::{Edit, Severity};
use crate::lint::rules::e0301_literal_type::describe;
use crate::lint::values::{Compared, Fit, Lit, for_each_literal_compared};
use crate::lint::{Context, ExprKinds, Hooks, Rule, RuleInfo};

pub static INFO: RuleInfo = RuleInfo {
    code: "W0407",
    severity: Severity::Warning,
    name: "quoted-number",
    summary: "A quoted number against a numeric column (`EnrollID IN ('101')`): works by implicit conversion.",
    what: "Reports a string literal holding a number, compared with an integer or decimal column, and offers the fix that drops the quotes.",
    why: "It works only because SQL Server converts the text; one value that is not a number turns the whole query into a conversion error, and the intent reads wrong.",
    bad: "SELECT TOP 5 ScoreTotal, VulnerabilityID FROM VISPDAT WHERE VulnerabilityID IN ('101', '102')",
    good: "SELECT TOP 5 ScoreTotal, VulnerabilityID FROM VISPDAT WHERE VulnerabilityID IN (101, 102)",
};

pub struct QuotedNumber;

impl Rule for QuotedNumber {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn hooks(&self) -> Hooks {
        Hooks::EXPR
    }

    fn expr_kinds(&self) -> ExprKinds {
        ExprKinds::BINARY | ExprKinds::IN_LIST | ExprKinds::BETWEEN
    }

    fn check_expr<'q>(&self, expr: &'q Expr<'q>, cx: &mut Context<'_, 'q>) {
        for_each_literal_compared(expr, cx, |cx, pair| {
            let Compared {
                table,
                column,
                value,
                lit,
                fit,
            } = pair;
            let (Fit::QuotedNumber, Lit::Str(text)) = (fit, lit) else {
                return;
            };
            let bare = text.trim_matches(' ').trim_start_matches('+');
            let span = value.span();
            let mut d = INFO
                .diag(
                    span,
                    format!(
                        "quoted number {lit} compared with numeric column {}",
                        describe(table, column)
                    ),
                )
                .with_label("a string, converted implicitly")
                .with_help(format!("drop the quotes: {bare}"));
            if !span.is_empty() {
                d = d.with_fix(vec![Edit {
                    start: span.start,
                    end: span.end,
                    replacement: bare.to_string(),
                }]);
            }
            cx.report(d);
        });
    }
}
