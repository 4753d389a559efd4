//! E0213: with SELECT DISTINCT, an ORDER BY item that is not in the field list.

use crate::ast::{ColumnRef, Expr, OrderByExpr, Query, SelectItem};
use crate::diagnostic::Code;
use crate::lint::{Context, Hooks, Rule};

pub struct DistinctOrderBy;

fn unnest<'a, 'q>(mut e: &'a Expr<'q>) -> &'a Expr<'q> {
    while let Expr::Nested { expr, .. } = e {
        e = expr;
    }
    e
}

/// Two references to the same column, as far as the text tells: same name, and
/// the same qualifier or one of them unqualified. A query may be wrong in other
/// ways (an ambiguous name is E0103); this rule only refuses what cannot match.
fn same_column(a: &ColumnRef<'_>, b: &ColumnRef<'_>) -> bool {
    a.name.value.eq_ignore_ascii_case(&b.name.value)
        && match (&a.qualifier, &b.qualifier) {
            (Some(x), Some(y)) => x.value.eq_ignore_ascii_case(&y.value),
            _ => true,
        }
}

/// True when `order` may name the field `item` (its alias, or the same value).
fn names_field(order: &Expr<'_>, item: &SelectItem<'_>) -> bool {
    let SelectItem::Expr { expr, alias, .. } = item else {
        return false;
    };
    match (order, unnest(expr)) {
        (Expr::Column(o), _)
            if o.qualifier.is_none()
                && alias
                    .as_ref()
                    .is_some_and(|a| a.value.eq_ignore_ascii_case(&o.name.value)) =>
        {
            true
        }
        (Expr::Column(o), Expr::Column(f)) => same_column(o, f),
        (Expr::Column(_), _) => false,
        // SQL Server compares other expressions by their text, names in any case.
        (o, f) => o.to_string().eq_ignore_ascii_case(&f.to_string()),
    }
}

/// True when SQL Server can sort by `o` under DISTINCT: a position in the field
/// list, a field's alias, or a field's expression.
fn in_field_list(o: &OrderByExpr<'_>, items: &[SelectItem<'_>]) -> bool {
    match unnest(&o.expr) {
        // A position (out of range is SQL Server's other error) or a constant:
        // neither names a column outside the list.
        Expr::Literal(_) | Expr::Param(_) => true,
        e => items.iter().any(|item| names_field(e, item)),
    }
}

impl Rule for DistinctOrderBy {
    fn codes(&self) -> &'static [Code] {
        &[Code::E0213]
    }

    fn hooks(&self) -> Hooks {
        Hooks::QUERY
    }

    fn check_query<'q>(&self, query: &'q Query<'q>, cx: &mut Context<'_, 'q>) {
        let select = &query.select;
        if select.distinct.is_none() || query.order_by.is_empty() {
            return;
        }
        // `*` returns columns the text does not name: nothing can be told.
        let items = &select.items;
        if items.iter().any(|i| !matches!(i, SelectItem::Expr { .. })) {
            return;
        }
        for o in &query.order_by {
            if in_field_list(o, items) {
                continue;
            }
            let e = unnest(&o.expr);
            cx.report(
                Code::E0213
                    .diag(
                        o.expr.span(),
                        format!("ORDER BY `{e}` is not in the field list: with SELECT DISTINCT, SQL Server sorts only by the fields it returns"),
                    )
                    .with_label("not a field of the DISTINCT list")
                    .with_help(format!("add `{e}` to the field list (DISTINCT then compares it too), or sort by a field")),
            );
        }
    }
}
