//! E0217: a T-SQL variable (`@StartDate`, `@@ROWCOUNT`) where CRQL has parameters.

use crate::ast::Expr;
use crate::diagnostic::{Code, Edit, Fix};
use crate::lint::fix::Fixable;
use crate::lint::rules::tick;
use crate::lint::{Context, ExprKinds, Hooks, Rule};

pub struct TsqlVariable;

impl Rule for TsqlVariable {
    fn codes(&self) -> &'static [Code] {
        &[Code::E0217]
    }

    fn fixable(&self, _code: Code) -> Option<Fixable> {
        // `@x` and `:x` are the same placeholder; `@@name` has no fix.
        Some(Fixable::SOMETIMES_SAFE)
    }

    fn hooks(&self) -> Hooks {
        Hooks::EXPR
    }

    fn expr_kinds(&self) -> ExprKinds {
        ExprKinds::VARIABLE
    }

    fn check_expr<'q>(&self, expr: &'q Expr<'q>, cx: &mut Context<'_, 'q>) {
        let Expr::Variable(v) = expr else {
            return;
        };
        let written = v.to_string();
        if v.system {
            cx.report(
                Code::E0217
                    .diag(
                        v.span,
                        format!(
                            "{} is a SQL Server system variable: CRQL has no variables",
                            tick(&written)
                        ),
                    )
                    .with_label("system variable")
                    .with_help("put the value in the query, or bind it to a `:name` parameter"),
            );
            return;
        }
        let param = format!(":{}", v.name);
        let mut d = Code::E0217
            .diag(
                v.span,
                format!(
                    "{} is a T-SQL variable: CRQL parameters are written {}",
                    tick(&written),
                    tick(&param)
                ),
            )
            .with_label("T-SQL variable")
            .with_help(format!(
                "write {} and bind its value with `crql::bind` before sending",
                tick(&param)
            ));
        // `@x` and `:x` name the same placeholder: replacing the sign keeps the
        // query's meaning. Only parsed trees have a position to edit.
        if !v.span.is_empty() {
            d = d.with_fix(Fix::safe_edits(vec![Edit {
                start: v.span.start,
                end: v.span.start + 1,
                replacement: ":".into(),
            }]));
        }
        cx.report(d);
    }
}
