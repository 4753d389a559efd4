//! Traversal of the syntax tree: [`Visit`] (shared references) and [`VisitMut`]
//! (mutable references), one `visit_*` method per node type.
//!
//! Every method has a default that calls the matching free `walk_*` function
//! ([`walk_expr`], [`walk_expr_mut`], ...), which visits the node's children in source
//! order. A visitor overrides only the nodes it cares about; inside an override it
//! decides what happens to the children:
//!
//! - call `walk_*` to go on into them (before, after, or around its own work);
//! - not call it, to skip them (a visitor that must not look into subqueries
//!   overrides [`Visit::visit_query`] and returns without walking);
//! - return [`ControlFlow::Break`] to stop the whole traversal: every `walk_*`
//!   passes a `Break` straight up, so nothing further is visited.
//!
//! The `walk_*` functions destructure every struct with all its fields and match
//! every enum variant without a catch-all arm, so a field or variant added to the
//! tree does not compile until this module says what its children are; every pass
//! built on it then sees the new node.
//!
//! The traversal is recursive and has no depth limit of its own: trees from the
//! parser are bounded by its nesting limit, and a visitor over hand-built trees
//! that may be arbitrarily deep should count depth itself (the linter does).
//!
//! # Example
//!
//! The columns a query reads, in source order:
//!
//! ```
//! use std::ops::ControlFlow;
//! use crql::ast::ColumnRef;
//! use crql::ast::visit::{Visit, walk_column_ref};
//!
//! #[derive(Default)]
//! struct Columns<'a>(Vec<&'a str>);
//!
//! impl<'a> Visit<'a> for Columns<'a> {
//!     fn visit_column_ref(&mut self, c: &'a ColumnRef<'a>) -> ControlFlow<()> {
//!         self.0.push(&c.name.value);
//!         walk_column_ref(self, c)
//!     }
//! }
//!
//! let q = crql::parse(
//!     "SELECT TOP 10 c.ClientID, LastName FROM cmClient c \
//!      WHERE ActiveStatus = 1 AND c.ClientID IN (SELECT ClientID FROM Enrollment) \
//!      ORDER BY LastName",
//! )
//! .unwrap();
//! let mut cols = Columns::default();
//! let _ = cols.visit_query(&q);
//! assert_eq!(
//!     cols.0,
//!     ["ClientID", "LastName", "ActiveStatus", "ClientID", "ClientID", "LastName"]
//! );
//! ```
//!
//! [`VisitMut`] works the same way on `&mut` nodes; the builder's `bind` uses it to
//! replace each `:name` parameter with its value.
//!
//! `tests/parse/visit.rs` checks that a tree holding every kind of node is visited
//! node for node, that a `VisitMut` rewrite round-trips through the printer, and
//! that `Break` and not walking stop and skip.

use std::ops::ControlFlow;

use super::{
    CaseWhen, ColumnPrefix, ColumnRef, Comment, DataType, Expr, Fetch, FunctionArgs, Ident, Join,
    Limit, Literal, Offset, OrderByExpr, Param, Query, QueryOption, Script, Select, SelectItem,
    SetOperation, Statement, TableHints, TableName, TableRef, Top, Variable, WindowSpec,
};

/// The value every visit returns: `Continue(())` to go on, `Break(())` to stop the
/// whole traversal.
pub type Flow = ControlFlow<()>;

const GO: Flow = ControlFlow::Continue(());

/// Calls `visit` on each element, stopping at the first `Break`.
fn each<T>(items: impl IntoIterator<Item = T>, mut visit: impl FnMut(T) -> Flow) -> Flow {
    for item in items {
        visit(item)?;
    }
    GO
}

// ---------------------------------------------------------------------------
// Visit: shared references

/// A traversal of a tree by shared reference.
///
/// Each method's default walks the node's children (see the [module
/// documentation](self)); override the ones you need. The lifetime `'a` is the
/// tree's: a visitor may keep `&'a` references to the nodes it sees.
pub trait Visit<'a> {
    /// A script: its statements, then its comments.
    fn visit_script(&mut self, script: &'a Script<'a>) -> Flow {
        walk_script(self, script)
    }
    /// One statement of a script.
    fn visit_statement(&mut self, statement: &'a Statement<'a>) -> Flow {
        walk_statement(self, statement)
    }
    /// A comment of a script (it has no children).
    fn visit_comment(&mut self, comment: &'a Comment<'a>) -> Flow {
        walk_comment(self, comment)
    }
    /// A query, the top-level one or any subquery.
    fn visit_query(&mut self, query: &'a Query<'a>) -> Flow {
        walk_query(self, query)
    }
    /// A `SELECT` block: the query's first, or one after a set operator.
    fn visit_select(&mut self, select: &'a Select<'a>) -> Flow {
        walk_select(self, select)
    }
    /// `TOP n`.
    fn visit_top(&mut self, top: &'a Top<'a>) -> Flow {
        walk_top(self, top)
    }
    /// One entry of the field list.
    fn visit_select_item(&mut self, item: &'a SelectItem<'a>) -> Flow {
        walk_select_item(self, item)
    }
    /// What a `FROM` or `JOIN` reads.
    fn visit_table_ref(&mut self, table: &'a TableRef<'a>) -> Flow {
        walk_table_ref(self, table)
    }
    /// A table's (possibly schema-qualified) name.
    fn visit_table_name(&mut self, name: &'a TableName<'a>) -> Flow {
        walk_table_name(self, name)
    }
    /// A join: its table, then its `ON` condition.
    fn visit_join(&mut self, join: &'a Join<'a>) -> Flow {
        walk_join(self, join)
    }
    /// `UNION [ALL] SELECT ...` and the other set operators.
    fn visit_set_operation(&mut self, op: &'a SetOperation<'a>) -> Flow {
        walk_set_operation(self, op)
    }
    /// One `ORDER BY` entry.
    fn visit_order_by_expr(&mut self, order: &'a OrderByExpr<'a>) -> Flow {
        walk_order_by_expr(self, order)
    }
    /// `LIMIT n`.
    fn visit_limit(&mut self, limit: &'a Limit<'a>) -> Flow {
        walk_limit(self, limit)
    }
    /// `OFFSET n ROWS`.
    fn visit_offset(&mut self, offset: &'a Offset<'a>) -> Flow {
        walk_offset(self, offset)
    }
    /// `FETCH NEXT n ROWS ONLY`.
    fn visit_fetch(&mut self, fetch: &'a Fetch<'a>) -> Flow {
        walk_fetch(self, fetch)
    }
    /// Any expression, at any depth.
    fn visit_expr(&mut self, expr: &'a Expr<'a>) -> Flow {
        walk_expr(self, expr)
    }
    /// The arguments of a function call.
    fn visit_function_args(&mut self, args: &'a FunctionArgs<'a>) -> Flow {
        walk_function_args(self, args)
    }
    /// Any identifier: a column's or table's name, a qualifier, an alias, a
    /// function's name, an unsupported statement's verb.
    fn visit_ident(&mut self, ident: &'a Ident<'a>) -> Flow {
        walk_ident(self, ident)
    }
    /// A column reference; its identifiers are visited after it.
    fn visit_column_ref(&mut self, column: &'a ColumnRef<'a>) -> Flow {
        walk_column_ref(self, column)
    }
    /// A literal (it has no children).
    fn visit_literal(&mut self, literal: &'a Literal<'a>) -> Flow {
        walk_literal(self, literal)
    }
    /// A `:name` parameter (it has no children).
    fn visit_param(&mut self, param: &'a Param<'a>) -> Flow {
        walk_param(self, param)
    }
}

/// Visits a script's statements, then its comments.
pub fn walk_script<'a, V: Visit<'a> + ?Sized>(v: &mut V, script: &'a Script<'a>) -> Flow {
    let Script {
        statements,
        comments,
        span: _,
    } = script;
    each(statements, |s| v.visit_statement(s))?;
    each(comments, |c| v.visit_comment(c))
}

/// Visits a statement's query, or an unsupported statement's verb.
pub fn walk_statement<'a, V: Visit<'a> + ?Sized>(v: &mut V, statement: &'a Statement<'a>) -> Flow {
    match statement {
        Statement::Query(q) => v.visit_query(q),
        Statement::Unsupported { verb, span: _ } => v.visit_ident(verb),
    }
}

/// A comment has no children; this only checks that it still has none.
pub fn walk_comment<'a, V: Visit<'a> + ?Sized>(_v: &mut V, comment: &'a Comment<'a>) -> Flow {
    let Comment {
        text: _,
        kind: _,
        span: _,
    } = comment;
    GO
}

/// Visits a query's `SELECT`, set operations, `ORDER BY`, `LIMIT`, `OFFSET` and
/// `FETCH`, in that order.
pub fn walk_query<'a, V: Visit<'a> + ?Sized>(v: &mut V, query: &'a Query<'a>) -> Flow {
    let Query {
        select,
        set_ops,
        order_by,
        limit,
        offset,
        fetch,
        options,
        span: _,
    } = query;
    v.visit_select(select)?;
    each(set_ops, |op| v.visit_set_operation(op))?;
    each(order_by, |o| v.visit_order_by_expr(o))?;
    each(limit, |l| v.visit_limit(l))?;
    each(offset, |o| v.visit_offset(o))?;
    each(fetch, |f| v.visit_fetch(f))?;
    // A trailing clause is kept as text: it has no nodes to visit.
    each(options, |o| {
        let QueryOption {
            kind: _,
            text: _,
            span: _,
        } = o;
        GO
    })
}

/// Visits a `SELECT` block's clauses in source order: `TOP`, the field list,
/// `FROM`, joins, `WHERE`, `GROUP BY`, `HAVING`.
pub fn walk_select<'a, V: Visit<'a> + ?Sized>(v: &mut V, select: &'a Select<'a>) -> Flow {
    let Select {
        distinct: _,
        top,
        items,
        into,
        from,
        joins,
        selection,
        group_by,
        having,
        span: _,
    } = select;
    each(top, |t| v.visit_top(t))?;
    each(items, |i| v.visit_select_item(i))?;
    each(into, |t| v.visit_table_name(t))?;
    v.visit_table_ref(from)?;
    each(joins, |j| v.visit_join(j))?;
    each(selection, |e| v.visit_expr(e))?;
    each(group_by, |e| v.visit_expr(e))?;
    each(having, |e| v.visit_expr(e))
}

/// Visits `TOP`'s quantity.
pub fn walk_top<'a, V: Visit<'a> + ?Sized>(v: &mut V, top: &'a Top<'a>) -> Flow {
    let Top {
        quantity,
        percent: _,
        with_ties: _,
        span: _,
    } = top;
    v.visit_expr(quantity)
}

/// Visits a field's expression and alias, or a qualified wildcard's qualifier.
pub fn walk_select_item<'a, V: Visit<'a> + ?Sized>(v: &mut V, item: &'a SelectItem<'a>) -> Flow {
    match item {
        SelectItem::Expr {
            expr,
            alias,
            span: _,
        } => {
            v.visit_expr(expr)?;
            each(alias, |a| v.visit_ident(a))
        }
        SelectItem::Wildcard { span: _ } => GO,
        SelectItem::QualifiedWildcard { qualifier, span: _ } => v.visit_ident(qualifier),
    }
}

/// Visits a table's name or a derived table's subquery, then the alias.
pub fn walk_table_ref<'a, V: Visit<'a> + ?Sized>(v: &mut V, table: &'a TableRef<'a>) -> Flow {
    match table {
        TableRef::Table {
            name,
            alias,
            hints,
            span: _,
        } => {
            v.visit_table_name(name)?;
            each(alias, |a| v.visit_ident(a))?;
            // Hints are kept as text: no nodes to visit.
            each(hints, |h| {
                let TableHints {
                    with: _,
                    hints: _,
                    span: _,
                } = h;
                GO
            })
        }
        TableRef::Derived {
            subquery,
            alias,
            columns,
            span: _,
        } => {
            v.visit_query(subquery)?;
            each(alias, |a| v.visit_ident(a))?;
            each(columns, |c| v.visit_ident(c))
        }
        TableRef::Function {
            call,
            alias,
            span: _,
        } => {
            v.visit_expr(call)?;
            each(alias, |a| v.visit_ident(a))
        }
    }
}

/// Visits a table name's schema and name.
pub fn walk_table_name<'a, V: Visit<'a> + ?Sized>(v: &mut V, name: &'a TableName<'a>) -> Flow {
    let TableName {
        server,
        database,
        schema,
        name,
        span: _,
    } = name;
    each(server, |s| v.visit_ident(s))?;
    each(database, |d| v.visit_ident(d))?;
    each(schema, |s| v.visit_ident(s))?;
    v.visit_ident(name)
}

/// Visits a join's table, then its `ON` condition.
pub fn walk_join<'a, V: Visit<'a> + ?Sized>(v: &mut V, join: &'a Join<'a>) -> Flow {
    let Join {
        kind: _,
        table,
        on,
        hint: _,
        span: _,
    } = join;
    v.visit_table_ref(table)?;
    each(on, |e| v.visit_expr(e))
}

/// Visits the `SELECT` after a set operator.
pub fn walk_set_operation<'a, V: Visit<'a> + ?Sized>(v: &mut V, op: &'a SetOperation<'a>) -> Flow {
    let SetOperation {
        op: _,
        all: _,
        select,
        span: _,
    } = op;
    v.visit_select(select)
}

/// Visits an `ORDER BY` entry's expression.
pub fn walk_order_by_expr<'a, V: Visit<'a> + ?Sized>(
    v: &mut V,
    order: &'a OrderByExpr<'a>,
) -> Flow {
    let OrderByExpr {
        expr,
        direction: _,
        span: _,
    } = order;
    v.visit_expr(expr)
}

/// Visits `LIMIT`'s quantity.
pub fn walk_limit<'a, V: Visit<'a> + ?Sized>(v: &mut V, limit: &'a Limit<'a>) -> Flow {
    let Limit { quantity, span: _ } = limit;
    v.visit_expr(quantity)
}

/// Visits `OFFSET`'s value.
pub fn walk_offset<'a, V: Visit<'a> + ?Sized>(v: &mut V, offset: &'a Offset<'a>) -> Flow {
    let Offset { value, span: _ } = offset;
    v.visit_expr(value)
}

/// Visits `FETCH`'s quantity.
pub fn walk_fetch<'a, V: Visit<'a> + ?Sized>(v: &mut V, fetch: &'a Fetch<'a>) -> Flow {
    let Fetch { quantity, span: _ } = fetch;
    v.visit_expr(quantity)
}

/// Visits an expression's children left to right, as they are written.
#[inline]
pub fn walk_expr<'a, V: Visit<'a> + ?Sized>(v: &mut V, expr: &'a Expr<'a>) -> Flow {
    match expr {
        Expr::Column(c) => v.visit_column_ref(c),
        Expr::Literal(l) => v.visit_literal(l),
        Expr::Param(p) => v.visit_param(p),
        Expr::Binary {
            left,
            op: _,
            right,
            span: _,
        } => {
            v.visit_expr(left)?;
            v.visit_expr(right)
        }
        Expr::Unary {
            op: _,
            expr,
            span: _,
        }
        | Expr::Nested { expr, span: _ }
        | Expr::IsNull {
            expr,
            negated: _,
            span: _,
        } => v.visit_expr(expr),
        Expr::InList {
            expr,
            list,
            negated: _,
            span: _,
        } => {
            v.visit_expr(expr)?;
            each(list, |e| v.visit_expr(e))
        }
        Expr::InSubquery {
            expr,
            subquery,
            negated: _,
            span: _,
        } => {
            v.visit_expr(expr)?;
            v.visit_query(subquery)
        }
        Expr::Between {
            expr,
            negated: _,
            low,
            high,
            span: _,
        } => {
            v.visit_expr(expr)?;
            v.visit_expr(low)?;
            v.visit_expr(high)
        }
        Expr::Like {
            expr,
            negated: _,
            pattern,
            escape,
            span: _,
        } => {
            v.visit_expr(expr)?;
            v.visit_expr(pattern)?;
            each(escape, |e| v.visit_expr(e))
        }
        Expr::Function {
            name,
            args,
            distinct: _,
            span: _,
        } => {
            v.visit_ident(name)?;
            v.visit_function_args(args)
        }
        Expr::Subquery { query, span: _ }
        | Expr::Exists {
            query,
            negated: _,
            span: _,
        } => v.visit_query(query),
        Expr::Variable(Variable {
            name: _,
            system: _,
            span: _,
        }) => GO,
        Expr::Case { .. } | Expr::Window { .. } | Expr::Collate { .. } => walk_tsql(v, expr),
    }
}

/// The children of the T-SQL-only expressions, apart from [`walk_expr`] so that
/// its frame, paid per level of nesting, stays small.
#[inline(never)]
fn walk_tsql<'a, V: Visit<'a> + ?Sized>(v: &mut V, expr: &'a Expr<'a>) -> Flow {
    match expr {
        Expr::Case {
            operand,
            branches,
            else_result,
            span: _,
        } => {
            each(operand, |e| v.visit_expr(e))?;
            each(branches, |b| {
                let CaseWhen {
                    condition,
                    result,
                    span: _,
                } = b;
                v.visit_expr(condition)?;
                v.visit_expr(result)
            })?;
            each(else_result, |e| v.visit_expr(e))
        }
        Expr::Window {
            function,
            spec,
            span: _,
        } => {
            v.visit_expr(function)?;
            let WindowSpec {
                partition_by,
                order_by,
                frame: _,
            } = &**spec;
            each(partition_by, |e| v.visit_expr(e))?;
            each(order_by, |o| v.visit_order_by_expr(o))
        }
        Expr::Collate {
            expr,
            collation,
            span: _,
        } => {
            v.visit_expr(expr)?;
            v.visit_ident(collation)
        }
        _ => GO,
    }
}

/// Visits each argument of a call (`*` has none).
pub fn walk_function_args<'a, V: Visit<'a> + ?Sized>(
    v: &mut V,
    args: &'a FunctionArgs<'a>,
) -> Flow {
    match args {
        FunctionArgs::Star { span: _ } => GO,
        FunctionArgs::List(list) => each(list, |e| v.visit_expr(e)),
        FunctionArgs::Cast { expr, data_type } => {
            let DataType { text: _, span: _ } = &**data_type;
            v.visit_expr(expr)
        }
    }
}

/// An identifier has no children; this only checks that it still has none.
pub fn walk_ident<'a, V: Visit<'a> + ?Sized>(_v: &mut V, ident: &'a Ident<'a>) -> Flow {
    let Ident {
        value: _,
        bracketed: _,
        span: _,
    } = ident;
    GO
}

/// Visits a column reference's qualifier, then its name.
pub fn walk_column_ref<'a, V: Visit<'a> + ?Sized>(v: &mut V, column: &'a ColumnRef<'a>) -> Flow {
    let ColumnRef {
        prefix,
        qualifier,
        name,
        span: _,
    } = column;
    if let Some(p) = prefix {
        let ColumnPrefix { database, schema } = &**p;
        each(database, |d| v.visit_ident(d))?;
        v.visit_ident(schema)?;
    }
    each(qualifier, |q| v.visit_ident(q))?;
    v.visit_ident(name)
}

/// A literal has no children; this only checks that it still has none.
pub fn walk_literal<'a, V: Visit<'a> + ?Sized>(_v: &mut V, literal: &'a Literal<'a>) -> Flow {
    match literal {
        Literal::String {
            value: _,
            national: _,
            span: _,
        }
        | Literal::Integer { text: _, span: _ }
        | Literal::Decimal { text: _, span: _ }
        | Literal::Null { span: _ } => GO,
    }
}

/// A parameter has no children; this only checks that it still has none.
pub fn walk_param<'a, V: Visit<'a> + ?Sized>(_v: &mut V, param: &'a Param<'a>) -> Flow {
    let Param { name: _, span: _ } = param;
    GO
}

// ---------------------------------------------------------------------------
// VisitMut: mutable references

/// A traversal of a tree by mutable reference, to rewrite it in place.
///
/// The same methods as [`Visit`], each defaulting to the matching `walk_*_mut`
/// function. A method may replace its node wholesale (`*expr = ...`); whether the
/// replacement's children are visited is up to it (call the walk after replacing
/// to visit them, or before to visit the original's).
///
/// ```
/// use std::ops::ControlFlow;
/// use crql::ast::ColumnRef;
/// use crql::ast::visit::{VisitMut, walk_column_ref_mut};
///
/// struct Upper;
/// impl<'a> VisitMut<'a> for Upper {
///     fn visit_column_ref(&mut self, c: &mut ColumnRef<'a>) -> ControlFlow<()> {
///         c.name.value = c.name.value.to_uppercase().into();
///         walk_column_ref_mut(self, c)
///     }
/// }
///
/// let mut q = crql::parse("SELECT TOP 5 ClientID FROM cmClient WHERE LastName = 'x'").unwrap();
/// let _ = Upper.visit_query(&mut q);
/// assert_eq!(q.to_string(), "SELECT TOP 5 CLIENTID FROM cmClient WHERE LASTNAME = 'x'");
/// ```
pub trait VisitMut<'a> {
    /// A script: its statements, then its comments.
    fn visit_script(&mut self, script: &mut Script<'a>) -> Flow {
        walk_script_mut(self, script)
    }
    /// One statement of a script.
    fn visit_statement(&mut self, statement: &mut Statement<'a>) -> Flow {
        walk_statement_mut(self, statement)
    }
    /// A comment of a script (it has no children).
    fn visit_comment(&mut self, comment: &mut Comment<'a>) -> Flow {
        walk_comment_mut(self, comment)
    }
    /// A query, the top-level one or any subquery.
    fn visit_query(&mut self, query: &mut Query<'a>) -> Flow {
        walk_query_mut(self, query)
    }
    /// A `SELECT` block: the query's first, or one after a set operator.
    fn visit_select(&mut self, select: &mut Select<'a>) -> Flow {
        walk_select_mut(self, select)
    }
    /// `TOP n`.
    fn visit_top(&mut self, top: &mut Top<'a>) -> Flow {
        walk_top_mut(self, top)
    }
    /// One entry of the field list.
    fn visit_select_item(&mut self, item: &mut SelectItem<'a>) -> Flow {
        walk_select_item_mut(self, item)
    }
    /// What a `FROM` or `JOIN` reads.
    fn visit_table_ref(&mut self, table: &mut TableRef<'a>) -> Flow {
        walk_table_ref_mut(self, table)
    }
    /// A table's (possibly schema-qualified) name.
    fn visit_table_name(&mut self, name: &mut TableName<'a>) -> Flow {
        walk_table_name_mut(self, name)
    }
    /// A join: its table, then its `ON` condition.
    fn visit_join(&mut self, join: &mut Join<'a>) -> Flow {
        walk_join_mut(self, join)
    }
    /// `UNION [ALL] SELECT ...` and the other set operators.
    fn visit_set_operation(&mut self, op: &mut SetOperation<'a>) -> Flow {
        walk_set_operation_mut(self, op)
    }
    /// One `ORDER BY` entry.
    fn visit_order_by_expr(&mut self, order: &mut OrderByExpr<'a>) -> Flow {
        walk_order_by_expr_mut(self, order)
    }
    /// `LIMIT n`.
    fn visit_limit(&mut self, limit: &mut Limit<'a>) -> Flow {
        walk_limit_mut(self, limit)
    }
    /// `OFFSET n ROWS`.
    fn visit_offset(&mut self, offset: &mut Offset<'a>) -> Flow {
        walk_offset_mut(self, offset)
    }
    /// `FETCH NEXT n ROWS ONLY`.
    fn visit_fetch(&mut self, fetch: &mut Fetch<'a>) -> Flow {
        walk_fetch_mut(self, fetch)
    }
    /// Any expression, at any depth.
    fn visit_expr(&mut self, expr: &mut Expr<'a>) -> Flow {
        walk_expr_mut(self, expr)
    }
    /// The arguments of a function call.
    fn visit_function_args(&mut self, args: &mut FunctionArgs<'a>) -> Flow {
        walk_function_args_mut(self, args)
    }
    /// Any identifier: a column's or table's name, a qualifier, an alias, a
    /// function's name, an unsupported statement's verb.
    fn visit_ident(&mut self, ident: &mut Ident<'a>) -> Flow {
        walk_ident_mut(self, ident)
    }
    /// A column reference; its identifiers are visited after it.
    fn visit_column_ref(&mut self, column: &mut ColumnRef<'a>) -> Flow {
        walk_column_ref_mut(self, column)
    }
    /// A literal (it has no children).
    fn visit_literal(&mut self, literal: &mut Literal<'a>) -> Flow {
        walk_literal_mut(self, literal)
    }
    /// A `:name` parameter (it has no children).
    fn visit_param(&mut self, param: &mut Param<'a>) -> Flow {
        walk_param_mut(self, param)
    }
}

/// Visits a script's statements, then its comments.
pub fn walk_script_mut<'a, V: VisitMut<'a> + ?Sized>(v: &mut V, script: &mut Script<'a>) -> Flow {
    let Script {
        statements,
        comments,
        span: _,
    } = script;
    each(statements, |s| v.visit_statement(s))?;
    each(comments, |c| v.visit_comment(c))
}

/// Visits a statement's query, or an unsupported statement's verb.
pub fn walk_statement_mut<'a, V: VisitMut<'a> + ?Sized>(
    v: &mut V,
    statement: &mut Statement<'a>,
) -> Flow {
    match statement {
        Statement::Query(q) => v.visit_query(q),
        Statement::Unsupported { verb, span: _ } => v.visit_ident(verb),
    }
}

/// A comment has no children; this only checks that it still has none.
pub fn walk_comment_mut<'a, V: VisitMut<'a> + ?Sized>(
    _v: &mut V,
    comment: &mut Comment<'a>,
) -> Flow {
    let Comment {
        text: _,
        kind: _,
        span: _,
    } = comment;
    GO
}

/// Visits a query's `SELECT`, set operations, `ORDER BY`, `LIMIT`, `OFFSET` and
/// `FETCH`, in that order.
pub fn walk_query_mut<'a, V: VisitMut<'a> + ?Sized>(v: &mut V, query: &mut Query<'a>) -> Flow {
    let Query {
        select,
        set_ops,
        order_by,
        limit,
        offset,
        fetch,
        options,
        span: _,
    } = query;
    v.visit_select(select)?;
    each(set_ops, |op| v.visit_set_operation(op))?;
    each(order_by, |o| v.visit_order_by_expr(o))?;
    each(limit, |l| v.visit_limit(l))?;
    each(offset, |o| v.visit_offset(o))?;
    each(fetch, |f| v.visit_fetch(f))?;
    // A trailing clause is kept as text: it has no nodes to visit.
    each(options, |o| {
        let QueryOption {
            kind: _,
            text: _,
            span: _,
        } = o;
        GO
    })
}

/// Visits a `SELECT` block's clauses in source order: `TOP`, the field list,
/// `FROM`, joins, `WHERE`, `GROUP BY`, `HAVING`.
pub fn walk_select_mut<'a, V: VisitMut<'a> + ?Sized>(v: &mut V, select: &mut Select<'a>) -> Flow {
    let Select {
        distinct: _,
        top,
        items,
        into,
        from,
        joins,
        selection,
        group_by,
        having,
        span: _,
    } = select;
    each(top, |t| v.visit_top(t))?;
    each(items, |i| v.visit_select_item(i))?;
    each(into, |t| v.visit_table_name(t))?;
    v.visit_table_ref(from)?;
    each(joins, |j| v.visit_join(j))?;
    each(selection, |e| v.visit_expr(e))?;
    each(group_by, |e| v.visit_expr(e))?;
    each(having, |e| v.visit_expr(e))
}

/// Visits `TOP`'s quantity.
pub fn walk_top_mut<'a, V: VisitMut<'a> + ?Sized>(v: &mut V, top: &mut Top<'a>) -> Flow {
    let Top {
        quantity,
        percent: _,
        with_ties: _,
        span: _,
    } = top;
    v.visit_expr(quantity)
}

/// Visits a field's expression and alias, or a qualified wildcard's qualifier.
pub fn walk_select_item_mut<'a, V: VisitMut<'a> + ?Sized>(
    v: &mut V,
    item: &mut SelectItem<'a>,
) -> Flow {
    match item {
        SelectItem::Expr {
            expr,
            alias,
            span: _,
        } => {
            v.visit_expr(expr)?;
            each(alias, |a| v.visit_ident(a))
        }
        SelectItem::Wildcard { span: _ } => GO,
        SelectItem::QualifiedWildcard { qualifier, span: _ } => v.visit_ident(qualifier),
    }
}

/// Visits a table's name or a derived table's subquery, then the alias.
pub fn walk_table_ref_mut<'a, V: VisitMut<'a> + ?Sized>(
    v: &mut V,
    table: &mut TableRef<'a>,
) -> Flow {
    match table {
        TableRef::Table {
            name,
            alias,
            hints,
            span: _,
        } => {
            v.visit_table_name(name)?;
            each(alias, |a| v.visit_ident(a))?;
            // Hints are kept as text: no nodes to visit.
            each(hints, |h| {
                let TableHints {
                    with: _,
                    hints: _,
                    span: _,
                } = h;
                GO
            })
        }
        TableRef::Derived {
            subquery,
            alias,
            columns,
            span: _,
        } => {
            v.visit_query(subquery)?;
            each(alias, |a| v.visit_ident(a))?;
            each(columns, |c| v.visit_ident(c))
        }
        TableRef::Function {
            call,
            alias,
            span: _,
        } => {
            v.visit_expr(call)?;
            each(alias, |a| v.visit_ident(a))
        }
    }
}

/// Visits a table name's schema and name.
pub fn walk_table_name_mut<'a, V: VisitMut<'a> + ?Sized>(
    v: &mut V,
    name: &mut TableName<'a>,
) -> Flow {
    let TableName {
        server,
        database,
        schema,
        name,
        span: _,
    } = name;
    each(server, |s| v.visit_ident(s))?;
    each(database, |d| v.visit_ident(d))?;
    each(schema, |s| v.visit_ident(s))?;
    v.visit_ident(name)
}

/// Visits a join's table, then its `ON` condition.
pub fn walk_join_mut<'a, V: VisitMut<'a> + ?Sized>(v: &mut V, join: &mut Join<'a>) -> Flow {
    let Join {
        kind: _,
        table,
        on,
        hint: _,
        span: _,
    } = join;
    v.visit_table_ref(table)?;
    each(on, |e| v.visit_expr(e))
}

/// Visits the `SELECT` after a set operator.
pub fn walk_set_operation_mut<'a, V: VisitMut<'a> + ?Sized>(
    v: &mut V,
    op: &mut SetOperation<'a>,
) -> Flow {
    let SetOperation {
        op: _,
        all: _,
        select,
        span: _,
    } = op;
    v.visit_select(select)
}

/// Visits an `ORDER BY` entry's expression.
pub fn walk_order_by_expr_mut<'a, V: VisitMut<'a> + ?Sized>(
    v: &mut V,
    order: &mut OrderByExpr<'a>,
) -> Flow {
    let OrderByExpr {
        expr,
        direction: _,
        span: _,
    } = order;
    v.visit_expr(expr)
}

/// Visits `LIMIT`'s quantity.
pub fn walk_limit_mut<'a, V: VisitMut<'a> + ?Sized>(v: &mut V, limit: &mut Limit<'a>) -> Flow {
    let Limit { quantity, span: _ } = limit;
    v.visit_expr(quantity)
}

/// Visits `OFFSET`'s value.
pub fn walk_offset_mut<'a, V: VisitMut<'a> + ?Sized>(v: &mut V, offset: &mut Offset<'a>) -> Flow {
    let Offset { value, span: _ } = offset;
    v.visit_expr(value)
}

/// Visits `FETCH`'s quantity.
pub fn walk_fetch_mut<'a, V: VisitMut<'a> + ?Sized>(v: &mut V, fetch: &mut Fetch<'a>) -> Flow {
    let Fetch { quantity, span: _ } = fetch;
    v.visit_expr(quantity)
}

/// Visits an expression's children left to right, as they are written.
#[inline]
pub fn walk_expr_mut<'a, V: VisitMut<'a> + ?Sized>(v: &mut V, expr: &mut Expr<'a>) -> Flow {
    match expr {
        Expr::Column(c) => v.visit_column_ref(c),
        Expr::Literal(l) => v.visit_literal(l),
        Expr::Param(p) => v.visit_param(p),
        Expr::Binary {
            left,
            op: _,
            right,
            span: _,
        } => {
            v.visit_expr(left)?;
            v.visit_expr(right)
        }
        Expr::Unary {
            op: _,
            expr,
            span: _,
        }
        | Expr::Nested { expr, span: _ }
        | Expr::IsNull {
            expr,
            negated: _,
            span: _,
        } => v.visit_expr(expr),
        Expr::InList {
            expr,
            list,
            negated: _,
            span: _,
        } => {
            v.visit_expr(expr)?;
            each(list, |e| v.visit_expr(e))
        }
        Expr::InSubquery {
            expr,
            subquery,
            negated: _,
            span: _,
        } => {
            v.visit_expr(expr)?;
            v.visit_query(subquery)
        }
        Expr::Between {
            expr,
            negated: _,
            low,
            high,
            span: _,
        } => {
            v.visit_expr(expr)?;
            v.visit_expr(low)?;
            v.visit_expr(high)
        }
        Expr::Like {
            expr,
            negated: _,
            pattern,
            escape,
            span: _,
        } => {
            v.visit_expr(expr)?;
            v.visit_expr(pattern)?;
            each(escape, |e| v.visit_expr(e))
        }
        Expr::Function {
            name,
            args,
            distinct: _,
            span: _,
        } => {
            v.visit_ident(name)?;
            v.visit_function_args(args)
        }
        Expr::Subquery { query, span: _ }
        | Expr::Exists {
            query,
            negated: _,
            span: _,
        } => v.visit_query(query),
        Expr::Variable(Variable {
            name: _,
            system: _,
            span: _,
        }) => GO,
        Expr::Case { .. } | Expr::Window { .. } | Expr::Collate { .. } => walk_tsql_mut(v, expr),
    }
}

/// The children of the T-SQL-only expressions (see `walk_tsql`).
#[inline(never)]
fn walk_tsql_mut<'a, V: VisitMut<'a> + ?Sized>(v: &mut V, expr: &mut Expr<'a>) -> Flow {
    match expr {
        Expr::Case {
            operand,
            branches,
            else_result,
            span: _,
        } => {
            each(operand, |e| v.visit_expr(e))?;
            each(branches, |b| {
                let CaseWhen {
                    condition,
                    result,
                    span: _,
                } = b;
                v.visit_expr(condition)?;
                v.visit_expr(result)
            })?;
            each(else_result, |e| v.visit_expr(e))
        }
        Expr::Window {
            function,
            spec,
            span: _,
        } => {
            v.visit_expr(function)?;
            let WindowSpec {
                partition_by,
                order_by,
                frame: _,
            } = &mut **spec;
            each(partition_by, |e| v.visit_expr(e))?;
            each(order_by, |o| v.visit_order_by_expr(o))
        }
        Expr::Collate {
            expr,
            collation,
            span: _,
        } => {
            v.visit_expr(expr)?;
            v.visit_ident(collation)
        }
        _ => GO,
    }
}

/// Visits each argument of a call (`*` has none).
pub fn walk_function_args_mut<'a, V: VisitMut<'a> + ?Sized>(
    v: &mut V,
    args: &mut FunctionArgs<'a>,
) -> Flow {
    match args {
        FunctionArgs::Star { span: _ } => GO,
        FunctionArgs::List(list) => each(list, |e| v.visit_expr(e)),
        FunctionArgs::Cast { expr, data_type } => {
            let DataType { text: _, span: _ } = &**data_type;
            v.visit_expr(expr)
        }
    }
}

/// An identifier has no children; this only checks that it still has none.
pub fn walk_ident_mut<'a, V: VisitMut<'a> + ?Sized>(_v: &mut V, ident: &mut Ident<'a>) -> Flow {
    let Ident {
        value: _,
        bracketed: _,
        span: _,
    } = ident;
    GO
}

/// Visits a column reference's qualifier, then its name.
pub fn walk_column_ref_mut<'a, V: VisitMut<'a> + ?Sized>(
    v: &mut V,
    column: &mut ColumnRef<'a>,
) -> Flow {
    let ColumnRef {
        prefix,
        qualifier,
        name,
        span: _,
    } = column;
    if let Some(p) = prefix {
        let ColumnPrefix { database, schema } = &mut **p;
        each(database, |d| v.visit_ident(d))?;
        v.visit_ident(schema)?;
    }
    each(qualifier, |q| v.visit_ident(q))?;
    v.visit_ident(name)
}

/// A literal has no children; this only checks that it still has none.
pub fn walk_literal_mut<'a, V: VisitMut<'a> + ?Sized>(
    _v: &mut V,
    literal: &mut Literal<'a>,
) -> Flow {
    match literal {
        Literal::String {
            value: _,
            national: _,
            span: _,
        }
        | Literal::Integer { text: _, span: _ }
        | Literal::Decimal { text: _, span: _ }
        | Literal::Null { span: _ } => GO,
    }
}

/// A parameter has no children; this only checks that it still has none.
pub fn walk_param_mut<'a, V: VisitMut<'a> + ?Sized>(_v: &mut V, param: &mut Param<'a>) -> Flow {
    let Param { name: _, span: _ } = param;
    GO
}
