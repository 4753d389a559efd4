//! The end both builders share: the parts a builder has gathered made into the
//! shared AST. One place, so the typed and the dynamic builder cannot come to make
//! different trees for the same query.

use std::borrow::Cow;

use crate::ast::{
    BinaryOp, Expr, Join, JoinKind, Literal, OrderByExpr, Query, Select, SelectItem, Span,
    TableName, TableRef, Top,
};

use super::expr;

/// `FROM name [alias]` or `JOIN name [alias]`.
pub(crate) fn table_ref(
    name: impl Into<Cow<'static, str>>,
    alias: Option<String>,
) -> TableRef<'static> {
    TableRef::Table {
        name: TableName {
            server: None,
            database: None,
            schema: None,
            name: expr::ident(name),
            span: Span::empty(),
        },
        alias: alias.map(expr::ident),
        hints: None,
        span: Span::empty(),
    }
}

/// Adds `condition` to a WHERE clause: the first one as is, later ones with `AND`.
pub(crate) fn and_filter(filter: &mut Option<Expr<'static>>, condition: Expr<'static>) {
    *filter = Some(match filter.take() {
        None => condition,
        Some(prev) => expr::binary(prev, BinaryOp::And, condition),
    });
}

/// What a builder has gathered, ready to become a query.
pub(crate) struct Parts {
    pub(crate) distinct: bool,
    pub(crate) top: Option<u64>,
    pub(crate) items: Vec<Expr<'static>>,
    pub(crate) from: TableRef<'static>,
    pub(crate) join: Option<(JoinKind, TableRef<'static>, Expr<'static>)>,
    pub(crate) selection: Option<Expr<'static>>,
    pub(crate) order_by: Vec<OrderByExpr<'static>>,
}

impl Parts {
    pub(crate) fn into_query(self) -> Query<'static> {
        let joins = self
            .join
            .map(|(kind, table, on)| Join {
                kind,
                table,
                on: Some(on),
                hint: None,
                span: Span::empty(),
            })
            .into_iter()
            .collect();
        Query {
            select: Select {
                distinct: self.distinct.then(Span::empty),
                // The literal's text, not `Expr::integer`: a `u64` need not fit an `i64`.
                top: self.top.map(|n| Top {
                    quantity: Expr::Literal(Literal::Integer {
                        text: n.to_string().into(),
                        span: Span::empty(),
                    }),
                    percent: false,
                    with_ties: false,
                    span: Span::empty(),
                }),
                items: self
                    .items
                    .into_iter()
                    .map(|expr| SelectItem::Expr {
                        expr,
                        alias: None,
                        span: Span::empty(),
                    })
                    .collect(),
                into: None,
                from: self.from,
                joins,
                selection: self.selection,
                group_by: Vec::new(),
                having: None,
                span: Span::empty(),
            },
            set_ops: Vec::new(),
            order_by: self.order_by,
            limit: None,
            offset: None,
            fetch: None,
            options: Vec::new(),
            span: Span::empty(),
        }
    }
}
