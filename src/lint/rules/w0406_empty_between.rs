//! W0406: BETWEEN whose low bound is above its high bound.

use std::cmp::Ordering;

use crate::ast::Expr;
use crate::ctapi::parse_date;
use crate::diagnostic::Code;
use crate::lint::literal::Lit;
use crate::lint::{Context, ExprKinds, Hooks, Rule};

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
    fn codes(&self) -> &'static [Code] {
        &[Code::W0406]
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
        // The help is the operator as written, NOT included: dropping it would turn
        // "every row" into the opposite.
        let op = if *negated { "NOT BETWEEN" } else { "BETWEEN" };
        let outcome = if *negated {
            "matches every row"
        } else {
            "matches no row"
        };
        cx.report(
            Code::W0406
                .diag(
                    *span,
                    format!("low bound {l} is above high bound {h}: {op} {outcome}"),
                )
                .with_label("bounds reversed")
                .with_help(format!("swap the bounds: {op} {h} AND {l}")),
        );
    }
}
