//! E0209: a condition where a value belongs.

use crate::ast::{BinaryOp, Expr, FunctionArgs, Query, Select, SelectItem, UnaryOp};
use crate::diagnostic::{Code, Edit, Fix};
use crate::lint::fix::Fixable;
use crate::lint::{Context, ExprKinds, Hooks, Rule};

pub struct ConditionAsValue;

/// True for a predicate: what T-SQL allows only in a condition position.
pub(crate) fn is_condition(e: &Expr<'_>) -> bool {
    match e {
        Expr::Binary { op, .. } => op.is_comparison() || matches!(op, BinaryOp::And | BinaryOp::Or),
        Expr::Unary { op, .. } => *op == UnaryOp::Not,
        Expr::Nested { expr, .. } => is_condition(expr),
        Expr::InList { .. }
        | Expr::InSubquery { .. }
        | Expr::Between { .. }
        | Expr::Like { .. }
        | Expr::IsNull { .. }
        | Expr::Exists { .. } => true,
        _ => false,
    }
}

/// True when a table of the `SELECT` has a column called `name`.
fn names_a_column(name: &str, cx: &Context<'_, '_>) -> bool {
    cx.sources()
        .iter()
        .any(|s| s.table.is_some_and(|t| t.column(name).is_some()))
}

fn report(value: &Expr<'_>, cx: &mut Context<'_, '_>) {
    if is_condition(value) {
        cx.report(
            Code::E0209.diag(
                value.span(),
                "a condition is not a value: T-SQL has no boolean values",
            )
            .with_label("condition")
            .with_help("conditions belong in WHERE, ON or HAVING, joined with AND/OR; compare columns with values"),
        );
    }
}

impl Rule for ConditionAsValue {
    fn codes(&self) -> &'static [Code] {
        &[Code::E0209]
    }
    fn fixable(&self, _code: Code) -> Option<Fixable> {
        // `name = expr` reads as an alias already, but was most likely meant as a
        // comparison: writing it `expr AS name` confirms a reading the author may not
        // have meant, so it wants a reader's eye.
        Some(Fixable::SOMETIMES_UNSAFE)
    }

    fn hooks(&self) -> Hooks {
        Hooks::QUERY | Hooks::SELECT | Hooks::EXPR
    }

    fn expr_kinds(&self) -> ExprKinds {
        ExprKinds::BINARY
            | ExprKinds::UNARY
            | ExprKinds::IN_LIST
            | ExprKinds::IN_SUBQUERY
            | ExprKinds::BETWEEN
            | ExprKinds::LIKE
            | ExprKinds::IS_NULL
            | ExprKinds::FUNCTION
    }

    fn check_query<'q>(&self, query: &'q Query<'q>, cx: &mut Context<'_, 'q>) {
        for o in &query.order_by {
            report(&o.expr, cx);
        }
    }

    fn check_select<'q>(&self, select: &'q Select<'q>, cx: &mut Context<'_, 'q>) {
        if let Some(top) = &select.top {
            report(&top.quantity, cx);
        }
        for g in &select.group_by {
            report(g, cx);
        }
        for item in &select.items {
            let SelectItem::Expr { expr, alias, span } = item else {
                continue;
            };
            if let Some(name) = alias
                && !name.span.is_empty()
                && name.span.end <= expr.span().start
                && names_a_column(&name.value, cx)
            {
                // `LastName = ActiveStatus`: T-SQL's `alias = value` form, which the
                // parser keeps as the alias SQL Server reads; spelt like a column of
                // the query, it was most likely meant as a comparison.
                // A comparison value (`x = a = b`) needs its parentheses after the move,
                // or `a = b AS x` would not parse.
                let value = if crate::print::canonical::reads_as_alias(expr) {
                    format!("({expr})")
                } else {
                    expr.to_string()
                };
                let d = Code::E0209
                    .diag(
                        *span,
                        format!("SQL Server reads `{name} = {expr}` as the field {expr} named {name}, not as a comparison with the column {name}"),
                    )
                    .with_label("alias, not a comparison")
                    .with_help(format!("write `{value} AS {name}` if that is meant; a condition belongs in WHERE"))
                    // fix::apply keeps it apart from glued neighbours (`TOP 5x=y`).
                    .with_fix(Fix::unsafe_edits(vec![Edit {
                        start: span.start,
                        end: span.end,
                        replacement: format!("{value} AS {name}"),
                    }]));
                cx.report(d);
            }
            report(expr, cx);
        }
    }

    fn check_expr<'q>(&self, expr: &'q Expr<'q>, cx: &mut Context<'_, 'q>) {
        match expr {
            Expr::Binary {
                left, op, right, ..
            } if op.is_comparison() || op.is_arithmetic() => {
                report(left, cx);
                report(right, cx);
            }
            Expr::Unary {
                op: UnaryOp::Minus | UnaryOp::Plus,
                expr,
                ..
            }
            | Expr::InSubquery { expr, .. }
            | Expr::IsNull { expr, .. } => report(expr, cx),
            Expr::InList { expr, list, .. } => {
                report(expr, cx);
                for item in list {
                    report(item, cx);
                }
            }
            Expr::Between {
                expr, low, high, ..
            } => {
                for x in [expr, low, high] {
                    report(x, cx);
                }
            }
            Expr::Like {
                expr,
                pattern,
                escape,
                ..
            } => {
                report(expr, cx);
                report(pattern, cx);
                if let Some(x) = escape {
                    report(x, cx);
                }
            }
            Expr::Function {
                args: FunctionArgs::List(args),
                ..
            } => {
                for a in args {
                    report(a, cx);
                }
            }
            _ => {}
        }
    }
}
