//! The one walk over a tree: every active rule's hooks on every node, with the
//! scope kept up to date in the [`Context`]. It is a [`Visit`]or: only the query
//! and `SELECT` levels, where scope and clause change, are written out here.

use crate::ast::visit::{Flow, Visit, walk_expr, walk_statement, walk_table_ref};
use crate::ast::{Expr, FunctionArgs, Join, Query, Select, Statement, TableRef};
use crate::keyword::keyword_argument;
use crate::lint::context::{Clause, Context};
use crate::lint::{ExprKinds, Hooks, Rule};

/// Deeper trees than this are not descended into: far beyond what the parser
/// accepts (`parser::MAX_DEPTH`), it only guards hand-built trees against
/// exhausting the stack.
const MAX_WALK_DEPTH: usize = 256;

const GO: Flow = Flow::Continue(());

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
    let _ = Walker { rules, cx }.visit_statement(stmt);
}

pub(crate) fn query<'q>(rules: Rules<'_>, q: &'q Query<'q>, cx: &mut Context<'_, 'q>) {
    let _ = Walker { rules, cx }.visit_query(q);
}

/// The visitor that runs the hooks. It never breaks: every rule sees every node,
/// except below [`MAX_WALK_DEPTH`], which it skips (and reports) without walking.
struct Walker<'r, 'c, 's, 'q> {
    rules: Rules<'r>,
    cx: &'c mut Context<'s, 'q>,
}

impl<'q> Visit<'q> for Walker<'_, '_, '_, 'q> {
    fn visit_statement(&mut self, stmt: &'q Statement<'q>) -> Flow {
        for r in &self.rules.statement {
            r.check_statement(stmt, self.cx);
        }
        walk_statement(self, stmt)
    }

    /// Written out rather than [`walk_query`](crate::ast::visit::walk_query): `ORDER
    /// BY` and paging see the first `SELECT`'s sources, a frame pushed only after
    /// every set operation's `SELECT` has been walked in its own.
    fn visit_query(&mut self, q: &'q Query<'q>) -> Flow {
        if self.cx.query_depth >= MAX_WALK_DEPTH {
            too_deep(q.span, self.cx);
            return GO;
        }
        self.cx.query_depth += 1;
        let saved = self.cx.clause;
        for r in &self.rules.query {
            r.check_query(q, self.cx);
        }
        let Query {
            select,
            set_ops,
            order_by,
            limit,
            offset,
            fetch,
            options: _,
            span: _,
        } = q;
        self.visit_select(select)?;
        for op in set_ops {
            self.visit_set_operation(op)?;
        }
        self.cx.push_frame(select);
        self.cx.clause = Clause::OrderBy;
        for o in order_by {
            self.visit_order_by_expr(o)?;
        }
        self.cx.clause = Clause::Paging;
        if let Some(l) = limit {
            self.visit_limit(l)?;
        }
        if let Some(o) = offset {
            self.visit_offset(o)?;
        }
        if let Some(f) = fetch {
            self.visit_fetch(f)?;
        }
        self.cx.pop_frame();
        self.cx.clause = saved;
        self.cx.query_depth -= 1;
        GO
    }

    /// Written out rather than [`walk_select`](crate::ast::visit::walk_select), to
    /// set the [`Clause`] of each part; the parts themselves are walked.
    fn visit_select(&mut self, s: &'q Select<'q>) -> Flow {
        self.cx.push_frame(s);
        for r in &self.rules.select {
            r.check_select(s, self.cx);
        }
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
        } = s;
        if let Some(top) = top {
            self.cx.clause = Clause::Top;
            self.visit_top(top)?;
        }
        self.cx.clause = Clause::Items;
        for item in items {
            self.visit_select_item(item)?;
        }
        self.cx.clause = Clause::From;
        if let Some(into) = into {
            self.visit_table_name(into)?;
        }
        self.visit_table_ref(from)?;
        for j in joins {
            self.visit_join(j)?;
        }
        if let Some(w) = selection {
            self.cx.clause = Clause::Where;
            self.visit_expr(w)?;
        }
        self.cx.clause = Clause::GroupBy;
        for g in group_by {
            self.visit_expr(g)?;
        }
        if let Some(h) = having {
            self.cx.clause = Clause::Having;
            self.visit_expr(h)?;
        }
        self.cx.pop_frame();
        GO
    }

    fn visit_join(&mut self, j: &'q Join<'q>) -> Flow {
        let Join {
            kind: _,
            table,
            on,
            hint: _,
            span: _,
        } = j;
        self.cx.clause = Clause::From;
        self.visit_table_ref(table)?;
        if let Some(on) = on {
            self.cx.clause = Clause::On;
            self.visit_expr(on)?;
        }
        GO
    }

    fn visit_table_ref(&mut self, t: &'q TableRef<'q>) -> Flow {
        for r in &self.rules.table {
            r.check_table(t, self.cx);
        }
        // A derived table's query restores the clause when it is done.
        walk_table_ref(self, t)
    }

    fn visit_expr(&mut self, e: &'q Expr<'q>) -> Flow {
        if self.cx.expr_depth() >= MAX_WALK_DEPTH {
            too_deep(e.span(), self.cx);
            return GO;
        }
        for r in &self.rules.expr[ExprKinds::index_of(e)] {
            r.check_expr(e, self.cx);
        }
        self.cx.push_parent(e);
        // A subquery's query restores the clause when it is done.
        let flow = match keyword_argument_of(e) {
            // `day` in `DATEADD(day, 1, x)` is a word the function reads, not a
            // column: no rule sees it as one (E0310 checks it from the call).
            Some(rest) => rest.iter().try_for_each(|a| self.visit_expr(a)),
            None => walk_expr(self, e),
        };
        self.cx.pop_parent();
        flow
    }
}

/// The arguments after the first, when `e` is a call whose first argument is a
/// datepart or a data type (see [`keyword_argument`]).
fn keyword_argument_of<'e, 'q>(e: &'e Expr<'q>) -> Option<&'e [Expr<'q>]> {
    match e {
        Expr::Function {
            name,
            args: FunctionArgs::List(args),
            ..
        } if !args.is_empty() && keyword_argument(&name.value).is_some() => Some(&args[1..]),
        _ => None,
    }
}

fn too_deep(span: crate::Span, cx: &mut Context<'_, '_>) {
    cx.report(
        crate::diagnostic::Code::E0002
            .diag(
                span,
                format!("nesting deeper than {MAX_WALK_DEPTH} levels: not checked further"),
            )
            .with_help("split the condition into simpler parts"),
    );
}
