//! The one walk over a tree: every active rule's hooks on every node, with the
//! scope kept up to date in the [`Context`].

use crate::ast::{Expr, FunctionArgs, Query, Select, SelectItem, Statement, TableRef};
use crate::lint::context::{Clause, Context};
use crate::lint::{ExprKinds, Hooks, Rule, rules};

/// Deeper trees than this are not descended into: far beyond what the parser
/// accepts (`parser::MAX_DEPTH`), it only guards hand-built trees against
/// exhausting the stack.
const MAX_WALK_DEPTH: usize = 256;

type Rules<'r> = &'r Dispatch;

/// The active rules, listed once per hook: a node is shown only to the rules that
/// look at its kind (most rules have one hook; expressions are most of the nodes).
pub(crate) struct Dispatch {
    statement: Vec<&'static dyn Rule>,
    query: Vec<&'static dyn Rule>,
    select: Vec<&'static dyn Rule>,
    table: Vec<&'static dyn Rule>,
    /// Indexed by [`ExprKinds::index_of`].
    expr: [Vec<&'static dyn Rule>; ExprKinds::COUNT],
}

impl Dispatch {
    pub(crate) fn new(rules: &[&'static dyn Rule]) -> Self {
        let with = |h: Hooks| -> Vec<&'static dyn Rule> {
            rules
                .iter()
                .copied()
                .filter(|r| r.hooks().contains(h))
                .collect()
        };
        Dispatch {
            statement: with(Hooks::STATEMENT),
            query: with(Hooks::QUERY),
            select: with(Hooks::SELECT),
            table: with(Hooks::TABLE),
            expr: std::array::from_fn(|kind| {
                with(Hooks::EXPR)
                    .into_iter()
                    .filter(|r| r.expr_kinds().has_index(kind))
                    .collect()
            }),
        }
    }
}

pub(crate) fn statement<'q>(rules: Rules<'_>, stmt: &'q Statement<'q>, cx: &mut Context<'_, 'q>) {
    for r in &rules.statement {
        r.check_statement(stmt, cx);
    }
    if let Statement::Query(q) = stmt {
        query(rules, q, cx);
    }
}

pub(crate) fn query<'q>(rules: Rules<'_>, q: &'q Query<'q>, cx: &mut Context<'_, 'q>) {
    if cx.query_depth >= MAX_WALK_DEPTH {
        return too_deep(q.span, cx);
    }
    cx.query_depth += 1;
    let saved = cx.clause;
    for r in &rules.query {
        r.check_query(q, cx);
    }
    select(rules, &q.select, cx);
    for op in &q.set_ops {
        select(rules, &op.select, cx);
    }
    cx.push_frame(&q.select);
    cx.clause = Clause::OrderBy;
    for o in &q.order_by {
        expr(rules, &o.expr, cx);
    }
    cx.clause = Clause::Paging;
    for e in q.limit.iter().map(|l| &l.quantity) {
        expr(rules, e, cx);
    }
    for e in q.offset.iter().map(|o| &o.value) {
        expr(rules, e, cx);
    }
    for e in q.fetch.iter().map(|f| &f.quantity) {
        expr(rules, e, cx);
    }
    cx.pop_frame();
    cx.clause = saved;
    cx.query_depth -= 1;
}

fn select<'q>(rules: Rules<'_>, s: &'q Select<'q>, cx: &mut Context<'_, 'q>) {
    cx.push_frame(s);
    for r in &rules.select {
        r.check_select(s, cx);
    }
    if let Some(top) = &s.top {
        cx.clause = Clause::Top;
        expr(rules, &top.quantity, cx);
    }
    cx.clause = Clause::Items;
    for item in &s.items {
        if let SelectItem::Expr { expr: e, .. } = item {
            expr(rules, e, cx);
        }
    }
    cx.clause = Clause::From;
    table(rules, &s.from, cx);
    for j in &s.joins {
        cx.clause = Clause::From;
        table(rules, &j.table, cx);
        if let Some(on) = &j.on {
            cx.clause = Clause::On;
            expr(rules, on, cx);
        }
    }
    if let Some(w) = &s.selection {
        cx.clause = Clause::Where;
        expr(rules, w, cx);
    }
    cx.clause = Clause::GroupBy;
    for g in &s.group_by {
        expr(rules, g, cx);
    }
    if let Some(h) = &s.having {
        cx.clause = Clause::Having;
        expr(rules, h, cx);
    }
    cx.pop_frame();
}

fn table<'q>(rules: Rules<'_>, t: &'q TableRef<'q>, cx: &mut Context<'_, 'q>) {
    for r in &rules.table {
        r.check_table(t, cx);
    }
    if let TableRef::Derived { subquery, .. } = t {
        let saved = cx.clause;
        query(rules, subquery, cx);
        cx.clause = saved;
    }
}

fn expr<'q>(rules: Rules<'_>, e: &'q Expr<'q>, cx: &mut Context<'_, 'q>) {
    if cx.expr_depth() >= MAX_WALK_DEPTH {
        return too_deep(e.span(), cx);
    }
    for r in &rules.expr[ExprKinds::index_of(e)] {
        r.check_expr(e, cx);
    }
    cx.push_parent(e);
    match e {
        Expr::Column(_) | Expr::Literal(_) | Expr::Param(_) => {}
        Expr::Binary { left, right, .. } => {
            expr(rules, left, cx);
            expr(rules, right, cx);
        }
        Expr::Unary { expr: inner, .. } | Expr::Nested { expr: inner, .. } => {
            expr(rules, inner, cx);
        }
        Expr::InList {
            expr: inner, list, ..
        } => {
            expr(rules, inner, cx);
            for item in list {
                expr(rules, item, cx);
            }
        }
        Expr::InSubquery {
            expr: inner,
            subquery,
            ..
        } => {
            expr(rules, inner, cx);
            nested_query(rules, subquery, cx);
        }
        Expr::Between {
            expr: inner,
            low,
            high,
            ..
        } => {
            expr(rules, inner, cx);
            expr(rules, low, cx);
            expr(rules, high, cx);
        }
        Expr::Like {
            expr: inner,
            pattern,
            escape,
            ..
        } => {
            expr(rules, inner, cx);
            expr(rules, pattern, cx);
            if let Some(esc) = escape {
                expr(rules, esc, cx);
            }
        }
        Expr::IsNull { expr: inner, .. } => expr(rules, inner, cx),
        Expr::Function { args, .. } => {
            if let FunctionArgs::List(list) = args {
                for a in list {
                    expr(rules, a, cx);
                }
            }
        }
        Expr::Subquery { query: q, .. } | Expr::Exists { query: q, .. } => {
            nested_query(rules, q, cx);
        }
    }
    cx.pop_parent();
}

/// A subquery inside an expression: its own clauses, then back to ours.
fn nested_query<'q>(rules: Rules<'_>, q: &'q Query<'q>, cx: &mut Context<'_, 'q>) {
    let saved = cx.clause;
    query(rules, q, cx);
    cx.clause = saved;
}

fn too_deep(span: crate::Span, cx: &mut Context<'_, '_>) {
    cx.report(
        rules::e0002_limits::INFO
            .diag(
                span,
                format!("nesting deeper than {MAX_WALK_DEPTH} levels: not checked further"),
            )
            .with_help("split the condition into simpler parts"),
    );
}
