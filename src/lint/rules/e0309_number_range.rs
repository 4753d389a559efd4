//! E0309: a number SQL Server cannot represent.

use crate::ast::{Expr, Literal};
use crate::diagnostic::Code;
use crate::lint::{Context, ExprKinds, Hooks, Rule};

pub struct NumberRange;

/// SQL Server's largest `decimal`/`numeric` precision.
const MAX_PRECISION: usize = 38;

/// Why SQL Server refuses the number literal `text`, if it does.
fn refusal(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    if lower.contains('e') {
        // `float`: an IEEE double.
        return match lower.parse::<f64>() {
            Ok(v) if v.is_finite() => None,
            _ => Some(format!(
                "{text} is out of the range of a float (about ±1.8e308)"
            )),
        };
    }
    let (int, frac) = lower.split_once('.').unwrap_or((&lower, ""));
    let digits = int.trim_start_matches('0').len() + frac.len();
    (digits > MAX_PRECISION).then(|| {
        format!("{text} has {digits} digits; SQL Server's numbers hold at most {MAX_PRECISION}")
    })
}

impl Rule for NumberRange {
    fn codes(&self) -> &'static [Code] {
        &[Code::E0309]
    }

    fn hooks(&self) -> Hooks {
        Hooks::EXPR
    }

    fn expr_kinds(&self) -> ExprKinds {
        ExprKinds::LITERAL
    }

    fn check_expr<'q>(&self, expr: &'q Expr<'q>, cx: &mut Context<'_, 'q>) {
        let (Expr::Literal(Literal::Integer { text, span, .. })
        | Expr::Literal(Literal::Decimal { text, span, .. })) = expr
        else {
            return;
        };
        // A number standing alone is TOP's quantity (E0307), a field (E0208) or a
        // WHERE (E0210): those rules name the mistake better.
        if cx.parent().is_none() {
            return;
        }
        if let Some(why) = refusal(text) {
            cx.report(
                Code::E0309
                    .diag(*span, why)
                    .with_label("out of range")
                    .with_help("no column holds such a value: use a number in range"),
            );
        }
    }
}
