//! W0406: BETWEEN whose low bound is above its high bound.

use std::cmp::Ordering;

use crate::ast::Expr;
use crate::ctapi::parse_date;
use crate::diagnostic::Severity;
use crate::lint::values::Lit;
use crate::lint::{Context, ExprKinds, Hooks, Rule, RuleInfo};

pub static INFO: RuleInfo = RuleInfo {
    code: "W0406",
    severity: Severity::Warning,
    name: "empty-between",
    summary: "BETWEEN whose low bound is above its high bound: always empty.",
    what: "Compares the two bounds of BETWEEN when both are numbers or both are dates, and reports a low bound above the high one.",
    why: "`x BETWEEN a AND b` means `a <= x AND x <= b`: with a > b no row matches (and NOT BETWEEN matches every row), silently.",
    bad: "SELECT TOP 25 EnrollID FROM Enrollment WHERE EnrollDate BETWEEN '2024-12-31' AND '2024-01-01'",
    good: "SELECT TOP 25 EnrollID FROM Enrollment WHERE EnrollDate BETWEEN '2024-01-01' AND '2024-12-31'",
};

pub struct EmptyBetween;

fn compare(low: Lit<'_>, high: Lit<'_>) -> Option<Ordering> {
    if let (Lit::Str(a), Lit::Str(b)) = (low, high)
        && let (Some(a), Some(b)) = (parse_date(a), parse_date(b))
    {
        return Some(a.cmp(&b));
    }
    if let (Lit::Number { .. }, _) | (_, Lit::Number { .. }) = (low, high) {
        return low.number()?.partial_cmp(&high.number()?);
    }
    None
}

impl Rule for EmptyBetween {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn hooks(&self) -> Hooks {
        Hooks::EXPR
    }

    fn expr_kinds(&self) -> ExprKinds {
        ExprKinds::BETWEEN
    }

    fn check_expr<'q>(&self, expr: &'q Expr<'q>, cx: &mut Context<'_, 'q>) {
        let Expr::Between {
            negated,
            low,
            high,
            span,
            ..
        } = expr
        else {
            return;
        };
        let (Some(l), Some(h)) = (Lit::of(low), Lit::of(high)) else {
            return;
        };
        if compare(l, h) != Some(Ordering::Greater) {
            return;
        }
        let outcome = if *negated {
            "NOT BETWEEN matches every row"
        } else {
            "BETWEEN matches no row"
        };
        cx.report(
            INFO.diag(
                *span,
                format!("low bound {l} is above high bound {h}: {outcome}"),
            )
            .with_label("bounds reversed")
            .with_help(format!("swap the bounds: BETWEEN {h} AND {l}")),
        );
    }
}
