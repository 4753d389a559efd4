//! E0302: malformed date or datetime literal compared with a date column.

use crate::ast::Expr;
use crate::diagnostic::Severity;
use crate::lint::rules::e0301_literal_type::describe;
use crate::lint::values::{Compared, Fit, for_each_literal_compared};
use crate::lint::{Context, ExprKinds, Hooks, Rule, RuleInfo};

pub static INFO: RuleInfo = RuleInfo {
    code: "E0302",
    severity: Severity::Error,
    name: "malformed-date",
    summary: "A quoted date that is not `'YYYY-MM-DD'` or `'YYYY-MM-DD HH:MM:SS'`, or does not exist, against a date column.",
    what: "Checks the strings compared with a date or datetime column: they must be `'YYYY-MM-DD'` (or `'YYYYMMDD'`), optionally followed by ` HH:MM[:SS[.fffffff]]`, and name a real date (no 2023-02-29, no month 13).",
    why: "Other forms (`'01/02/2024'`) depend on the server's language settings and may silently mean another day; impossible dates fail the conversion and CTAPI answers 400.",
    bad: "SELECT TOP 5 EnrollID FROM Enrollment WHERE EnrollDate > '2024-13-01'",
    good: "SELECT TOP 5 EnrollID FROM Enrollment WHERE EnrollDate > '2024-12-01'",
};

pub struct MalformedDate;

impl Rule for MalformedDate {
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
            if fit != Fit::MalformedDate {
                return;
            }
            cx.report(
                INFO.diag(
                    value.span(),
                    format!("{lit} is not a valid date for {}", describe(table, column)),
                )
                .with_label("malformed or impossible date")
                .with_help("write dates as 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM:SS', e.g. '2024-01-31 00:00:00'"),
            );
        });
    }
}
