//! E0307: a TOP that is not a whole number of rows from 1 to 2^63-1.

use crate::ast::{Expr, Select};
use crate::diagnostic::Severity;
use crate::lint::rules::tick;
use crate::lint::values::Lit;
use crate::lint::{Context, Hooks, Rule, RuleInfo};

pub static INFO: RuleInfo = RuleInfo {
    code: "E0307",
    severity: Severity::Error,
    name: "top-quantity",
    summary: "TOP that is not a whole number of rows from 1 to 9223372036854775807, or TOP with PERCENT / WITH TIES.",
    what: "Checks the quantity of `TOP`: a decimal, a negative number, a number past SQL Server's bigint, a string, NULL or a column is reported, and so is `TOP 0`; so are `PERCENT` and `WITH TIES`. Arithmetic (E0204), subqueries (E0202) and unbound parameters (E0303) are left to their own rules.",
    why: "SQL Server takes TOP as a bigint row count: anything else is a 400 from the server. `TOP 0` is valid but returns no rows, every time: a silent empty sync. `PERCENT` needs the whole table counted, so it does not bound the server's work, and `WITH TIES` returns more than n rows, so TOP no longer equals pageSize.",
    bad: "SELECT TOP 0 ClientID FROM cmClient",
    good: "SELECT TOP 500 ClientID FROM cmClient",
};

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
    fn info(&self) -> &'static RuleInfo {
        &INFO
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
                INFO.diag(top.quantity.span(), message)
                    .with_label("not a row count")
                    .with_help("write TOP n with a whole number n from 1 up, equal to pageSize (at most 500)"),
            );
        }
        if top.percent {
            cx.report(
                INFO.diag(top.span, "TOP ... PERCENT does not bound the server's work")
                    .with_label("PERCENT")
                    .with_help("write TOP n with a number of rows equal to pageSize (at most 500), and page through the rest"),
            );
        }
        if top.with_ties {
            cx.report(
                INFO.diag(top.span, "TOP ... WITH TIES can return more than n rows")
                    .with_label("WITH TIES")
                    .with_help("drop WITH TIES: paging needs TOP n to return at most n rows"),
            );
        }
    }
}
