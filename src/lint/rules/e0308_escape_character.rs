//! E0308: a LIKE ... ESCAPE that is not one quoted character.

use crate::ast::Expr;
use crate::diagnostic::Code;
use crate::lint::literal::Lit;
use crate::lint::{Context, ExprKinds, Hooks, Rule};

pub struct EscapeCharacter;

impl Rule for EscapeCharacter {
    fn codes(&self) -> &'static [Code] {
        &[Code::E0308]
    }

    fn hooks(&self) -> Hooks {
        Hooks::EXPR
    }

    fn expr_kinds(&self) -> ExprKinds {
        ExprKinds::LIKE
    }

    fn check_expr<'q>(&self, expr: &'q Expr<'q>, cx: &mut Context<'_, 'q>) {
        let Expr::Like {
            escape: Some(escape),
            ..
        } = expr
        else {
            return;
        };
        let what = match Lit::of(escape) {
            Some(Lit::Str(s)) if s.chars().count() == 1 => return,
            Some(Lit::Str(s)) => format!("'{s}' is {} characters", s.chars().count()),
            Some(Lit::Null) => "NULL is no character".to_owned(),
            Some(Lit::Number { .. }) => "a number is not a quoted character".to_owned(),
            // An unbound parameter is E0303's; it becomes a literal when bound.
            None if matches!(escape.as_ref(), Expr::Param(_)) => return,
            None => "only a quoted character is known before the query runs".to_owned(),
        };
        cx.report(
            Code::E0308
                .diag(
                    escape.span(),
                    format!("ESCAPE takes exactly one quoted character: {what}"),
                )
                .with_label("not one character")
                .with_help("write `ESCAPE '!'` and put `!` before a literal `%` or `_`"),
        );
    }
}
