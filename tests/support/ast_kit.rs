//! Hand-built ASTs for tests that must not depend on the parser.
#![allow(dead_code)]

use crql::ast::Ident;
use crql::ast::{
    BinaryOp, Expr, Join, JoinKind, OrderByExpr, Query, Select, SelectItem, SortDirection, Span,
    TableName, TableRef, Top,
};

pub fn table<'a>(name: &'a str, alias: Option<&'a str>) -> TableRef<'a> {
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

pub fn item(e: Expr<'_>) -> SelectItem<'_> {
    SelectItem::Expr {
        expr: e,
        alias: None,
        span: Span::empty(),
    }
}

pub fn select<'a>(from: TableRef<'a>, items: Vec<Expr<'a>>) -> Query<'a> {
    Query {
        select: Select {
            distinct: None,
            top: None,
            items: items.into_iter().map(item).collect(),
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

pub fn with_where<'a>(mut q: Query<'a>, cond: Expr<'a>) -> Query<'a> {
    q.select.selection = Some(cond);
    q
}

pub fn with_top(mut q: Query<'_>, n: i64) -> Query<'_> {
    q.select.top = Some(Top {
        quantity: Expr::integer(n),
        percent: false,
        with_ties: false,
        span: Span::empty(),
    });
    q
}

pub fn with_join<'a>(mut q: Query<'a>, kind: JoinKind, t: TableRef<'a>, on: Expr<'a>) -> Query<'a> {
    q.select.joins.push(Join {
        kind,
        table: t,
        on: Some(on),
        hint: None,
        span: Span::empty(),
    });
    q
}

pub fn order_by<'a>(mut q: Query<'a>, e: Expr<'a>, desc: bool) -> Query<'a> {
    q.order_by.push(OrderByExpr {
        expr: e,
        direction: desc.then_some(SortDirection::Desc),
        span: Span::empty(),
    });
    q
}

pub fn cmp<'a>(l: Expr<'a>, op: BinaryOp, r: Expr<'a>) -> Expr<'a> {
    l.binary(op, r)
}

pub fn in_list<'a>(e: Expr<'a>, list: Vec<Expr<'a>>, negated: bool) -> Expr<'a> {
    Expr::InList {
        expr: Box::new(e),
        list,
        negated,
        span: Span::empty(),
    }
}

pub fn between<'a>(e: Expr<'a>, lo: Expr<'a>, hi: Expr<'a>, negated: bool) -> Expr<'a> {
    Expr::Between {
        expr: Box::new(e),
        negated,
        low: Box::new(lo),
        high: Box::new(hi),
        span: Span::empty(),
    }
}

pub fn like<'a>(e: Expr<'a>, pattern: Expr<'a>, negated: bool) -> Expr<'a> {
    Expr::Like {
        expr: Box::new(e),
        negated,
        pattern: Box::new(pattern),
        escape: None,
        span: Span::empty(),
    }
}

pub fn is_null(e: Expr<'_>, negated: bool) -> Expr<'_> {
    Expr::IsNull {
        expr: Box::new(e),
        negated,
        span: Span::empty(),
    }
}

pub fn not(e: Expr<'_>) -> Expr<'_> {
    Expr::Unary {
        op: crql::ast::UnaryOp::Not,
        expr: Box::new(e),
        span: Span::empty(),
    }
}
