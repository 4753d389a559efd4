//! E0307: a TOP that is not a whole number of rows from 1 to 2^63-1.

use crate::ast::{Expr, Select};
use crate::diagnostic::Code;
use crate::lint::literal::Lit;
use crate::lint::rules::tick;
use crate::lint::{Context, Hooks, Rule};

/// SQL Server's largest bigint, TOP's upper bound.
const MAX: &str = "9223372036854775807";

pub struct TopQuantity;

/// Why `quantity` is not a row count, or `None` when it is one (or when another
/// rule owns the problem).
fn problem(quantity: &Expr<'_>) -> Option<String> {
    let lit = match Lit::of(quantity) {
        Some(lit) => lit,
        None => {
            let mut q = quantity;
            while let Expr::Nested { expr, .. } = q {
                q = expr;
            }
            return matches!(q, Expr::Column(_))
                .then(|| "TOP takes a number of rows, not a column".to_string());
        }
    };
    let Lit::Number {
        negative,
        text,
        integer,
    } = lit
    else {
        return Some(format!(
            "TOP takes a number of rows, not {}",
            tick(&lit.to_string())
        ));
    };
    if !integer {
        return Some(format!(
            "TOP takes a whole number of rows, not {}",
            tick(&lit.to_string())
        ));
    }
    let digits = text.trim_start_matches('0');
    if digits.is_empty() {
        return Some("TOP 0 returns no rows".to_string());
    }
    if negative {
        return Some(format!(
            "TOP takes a positive number of rows, not {}",
            tick(&lit.to_string())
        ));
    }
    if digits.len() > MAX.len() || (digits.len() == MAX.len() && digits > MAX) {
        return Some(format!(
            "TOP {digits} is past the largest row count SQL Server takes ({MAX})"
        ));
    }
    None
}

impl Rule for TopQuantity {
    fn codes(&self) -> &'static [Code] {
        &[Code::E0307]
    }

    fn hooks(&self) -> Hooks {
        Hooks::SELECT
    }

    fn check_select<'q>(&self, select: &'q Select<'q>, cx: &mut Context<'_, 'q>) {
        let Some(top) = &select.top else {
            return;
        };
        if let Some(message) = problem(&top.quantity) {
            cx.report(
                Code::E0307.diag(top.quantity.span(), message)
                    .with_label("not a row count")
                    .with_help("write TOP n with a whole number n from 1 up, equal to pageSize (at most 500)"),
            );
        }
        if top.percent {
            cx.report(
                Code::E0307.diag(top.span, "TOP ... PERCENT does not bound the server's work")
                    .with_label("PERCENT")
                    .with_help("write TOP n with a number of rows equal to pageSize (at most 500), and page through the rest"),
            );
        }
        if top.with_ties {
            cx.report(
                Code::E0307
                    .diag(top.span, "TOP ... WITH TIES can return more than n rows")
                    .with_label("WITH TIES")
                    .with_help("drop WITH TIES: paging needs TOP n to return at most n rows"),
            );
        }
    }
}
