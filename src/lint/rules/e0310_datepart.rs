//! E0310: a date function's first argument that is not a datepart.

use crate::ast::{Expr, FunctionArgs};
use crate::diagnostic::Code;
use crate::keyword::{DATEPARTS, KeywordArgument, is_datepart, keyword_argument};
use crate::lint::{Context, ExprKinds, Hooks, Rule};

pub struct Datepart;

/// The datepart `word` most likely means: `days` is `day`, `mins` is `minute`.
fn meant(word: &str) -> Option<&'static str> {
    let stem = word
        .strip_suffix(['s', 'S'])
        .filter(|s| !s.is_empty())
        .unwrap_or(word);
    // An exact name first (`days` is `day`, not `dayofyear`), then a prefix of
    // three letters or more (`mins` is `minute`).
    let exact = DATEPARTS
        .iter()
        .find(|names| names.iter().any(|n| n.eq_ignore_ascii_case(stem)));
    let prefix = || {
        DATEPARTS.iter().find(|names| {
            stem.len() >= 3
                && names[0].len() > stem.len()
                && names[0]
                    .get(..stem.len())
                    .is_some_and(|p| p.eq_ignore_ascii_case(stem))
        })
    };
    exact.or_else(prefix).map(|names| names[0])
}

impl Rule for Datepart {
    fn codes(&self) -> &'static [Code] {
        &[Code::E0310]
    }

    fn hooks(&self) -> Hooks {
        Hooks::EXPR
    }

    fn expr_kinds(&self) -> ExprKinds {
        ExprKinds::FUNCTION
    }

    fn check_expr<'q>(&self, expr: &'q Expr<'q>, cx: &mut Context<'_, 'q>) {
        let Expr::Function {
            name,
            args: FunctionArgs::List(args),
            ..
        } = expr
        else {
            return;
        };
        let (Some(KeywordArgument::Datepart), Some(first)) =
            (keyword_argument(&name.value), args.first())
        else {
            return;
        };
        let function = name.value.to_ascii_uppercase();
        let message = match first {
            // A bracketed word is left alone: what SQL Server makes of it is not
            // worth a guess.
            Expr::Column(c) if c.qualifier.is_none() && !c.name.bracketed => {
                if is_datepart(&c.name.value) {
                    return;
                }
                format!(
                    "`{}` is not a datepart: {function} does not know it",
                    c.name.value
                )
            }
            Expr::Literal(_) => {
                format!("{function} takes its datepart as a bare word, not as a value: {first}")
            }
            _ => return,
        };
        let word = match first {
            Expr::Column(c) => c.name.value.to_string(),
            Expr::Literal(crate::ast::Literal::String { value, .. }) => value.to_string(),
            _ => String::new(),
        };
        let help = match meant(&word) {
            Some(part) => format!("write `{function}({part}, ...)`"),
            None => "use a datepart: year, quarter, month, dayofyear, day, week, weekday, hour, minute, second, millisecond, microsecond, nanosecond (or an abbreviation such as `dd`)".to_owned(),
        };
        cx.report(
            Code::E0310
                .diag(first.span(), message)
                .with_label("not a datepart")
                .with_help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::meant;

    #[test]
    fn suggests_the_datepart_meant() {
        assert_eq!(meant("days"), Some("day"));
        assert_eq!(meant("DAYS"), Some("day"));
        assert_eq!(meant("mins"), Some("minute"));
        assert_eq!(meant("months"), Some("month"));
        assert_eq!(meant("yyyys"), Some("year"));
        assert_eq!(meant("fortnight"), None);
        assert_eq!(meant("s"), Some("second"));
        assert_eq!(meant(""), None);
    }
}
