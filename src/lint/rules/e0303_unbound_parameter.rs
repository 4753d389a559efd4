//! E0303: unbound `:parameter`.

use crate::ast::Expr;
use crate::diagnostic::Code;
use crate::lint::{Context, ExprKinds, Hooks, Rule};

pub struct UnboundParameter;

impl Rule for UnboundParameter {
    fn codes(&self) -> &'static [Code] {
        &[Code::E0303]
    }

    fn hooks(&self) -> Hooks {
        Hooks::EXPR
    }

    fn expr_kinds(&self) -> ExprKinds {
        ExprKinds::PARAM
    }

    fn check_expr<'q>(&self, expr: &'q Expr<'q>, cx: &mut Context<'_, 'q>) {
        if let Expr::Param(p) = expr {
            cx.report(
                Code::E0303.diag(p.span, format!("parameter `:{}` is not bound", p.name))
                    .with_label("no value")
                    .with_help(format!("bind a value to `:{}` before sending the query (crql's builder binds parameters as quoted literals)", p.name)),
            );
        }
    }
}
