//! E0220: a column named through its schema or database, `dbo.cmClient.ClientID`.

use crate::ast::Expr;
use crate::diagnostic::{Code, Edit, Fix};
use crate::lint::fix::Fixable;
use crate::lint::rules::tick;
use crate::lint::{Context, ExprKinds, Hooks, Rule};

pub struct ColumnSchema;

impl Rule for ColumnSchema {
    fn codes(&self) -> &'static [Code] {
        &[Code::E0220]
    }

    fn fixable(&self, _code: Code) -> Option<Fixable> {
        // The schema written may not be the FROM table's: SQL Server would refuse
        // the name, the fixed query would run.
        Some(Fixable::ALWAYS_UNSAFE)
    }

    fn hooks(&self) -> Hooks {
        Hooks::EXPR
    }

    fn expr_kinds(&self) -> ExprKinds {
        ExprKinds::COLUMN
    }

    fn check_expr<'q>(&self, expr: &'q Expr<'q>, cx: &mut Context<'_, 'q>) {
        let Expr::Column(c) = expr else { return };
        let (Some(prefix), Some(q)) = (&c.prefix, &c.qualifier) else {
            return;
        };
        let first = prefix.database.as_ref().unwrap_or(&prefix.schema);
        let part = if prefix.database.is_some() {
            "database and schema"
        } else {
            "schema"
        };
        let written = c.to_string();
        let short = format!("{q}.{}", c.name);
        let resolved = cx.qualifier_source(&q.value).is_ok();
        let mut d = if resolved {
            Code::E0220
                .diag(
                    c.span,
                    format!(
                        "{} names the {part} of its table: CRQL names a column by its table or alias, here {}",
                        tick(&written),
                        tick(&q.value)
                    ),
                )
                .with_help(format!("write {}", tick(&short)))
        } else {
            // E0104 says what the qualifier should be.
            Code::E0220
                .diag(
                    c.span,
                    format!(
                        "{} names the {part} of its table: CRQL names a column by its table or alias alone",
                        tick(&written)
                    ),
                )
                .with_help("name the column by its table's alias, or by its table alone")
        }
        .with_label(part);
        if resolved && !first.span.is_empty() && first.span.start < q.span.start {
            d = d.with_fix(Fix::unsafe_edits(vec![Edit {
                start: first.span.start,
                end: q.span.start,
                replacement: String::new(),
            }]));
        }
        cx.report(d);
    }
}
