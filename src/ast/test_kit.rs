//! Trees built by hand for the crate's unit tests, for layers that must not depend
//! on the parser (or that test the parser): one skeleton instead of a copy per layer.

use super::{Expr, Ident, Query, Select, SelectItem, Span, TableName, TableRef};

/// `SELECT items FROM from`, with nothing else set.
pub(crate) fn select(items: Vec<Expr<'static>>, from: TableRef<'static>) -> Query<'static> {
    Query {
        select: Select {
            distinct: None,
            top: None,
            items: items
                .into_iter()
                .map(|expr| SelectItem::Expr {
                    expr,
                    alias: None,
                    span: Span::empty(),
                })
                .collect(),
            into: None,
            from,
            joins: Vec::new(),
            selection: None,
            group_by: Vec::new(),
            having: None,
            span: Span::empty(),
        },
        set_ops: Vec::new(),
        order_by: Vec::new(),
        limit: None,
        offset: None,
        fetch: None,
        options: Vec::new(),
        span: Span::empty(),
    }
}

/// The table `name`, with `alias` when given.
pub(crate) fn table(name: &'static str, alias: Option<&'static str>) -> TableRef<'static> {
    TableRef::Table {
        name: TableName {
            server: None,
            database: None,
            schema: None,
            name: Ident::new(name),
            span: Span::empty(),
        },
        alias: alias.map(Ident::new),
        hints: None,
        span: Span::empty(),
    }
}
