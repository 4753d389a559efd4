//! W0404: LIKE pattern with a leading wildcard.

use crate::ast::Expr;
use crate::diagnostic::Code;
use crate::lint::literal::Lit;
use crate::lint::{Context, ExprKinds, Hooks, Rule};

pub struct LeadingWildcard;

impl Rule for LeadingWildcard {
    fn codes(&self) -> &'static [Code] {
        &[Code::W0404]
    }

    fn hooks(&self) -> Hooks {
        Hooks::EXPR
    }

    fn expr_kinds(&self) -> ExprKinds {
        ExprKinds::LIKE
    }

    fn check_expr<'q>(&self, expr: &'q Expr<'q>, cx: &mut Context<'_, 'q>) {
        let Expr::Like { pattern, .. } = expr else {
            return;
        };
        let Some(lit @ Lit::Str(p)) = Lit::of(pattern) else {
            return;
        };
        if !p.starts_with(['%', '_']) {
            return;
        }
        cx.report(
            Code::W0404.diag(pattern.span(), format!("LIKE pattern {lit} starts with a wildcard: every row is scanned"))
                .with_label("leading wildcard")
                .with_help("anchor the pattern at the start ('Smith%'), or narrow the rows with another condition first"),
        );
    }
}
