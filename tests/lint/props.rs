//! Properties of the linter over generated trees (tests/support/arb.rs): it never
//! panics, reports only what a tree's construction explains, and finds no error in
//! a query that keeps to CRQL.

use crate::support;

use std::collections::BTreeSet;
use std::ops::ControlFlow;

use crql::ast::visit::{
    Visit, walk_expr, walk_query, walk_select, walk_select_item, walk_table_ref,
};
use crql::ast::*;
use crql::lint::{self, fix};
use crql::{Schema, Severity};
use proptest::prelude::*;
use support::arb;

/// What a tree is built from, collected independently of the linter.
#[derive(Default)]
struct Built {
    wildcard: bool,
    subquery: bool,
    many_joins: bool,
    calculated: bool,
    paging: bool,
    grouping: bool,
    ordered: bool,
    top_missing: bool,
    param: bool,
    null_compared: bool,
    like: bool,
    between: bool,
    compared_literal: bool,
    top_not_a_row_count: bool,
    constant_field: bool,
    condition_value: bool,
    value_condition: bool,
    join_condition: bool,
    reserved_alias: bool,
    escape: bool,
    number_range: bool,
    distinct_ordered: bool,
    null_in_list: bool,
    date_function: bool,
    variable: bool,
    table_hint: bool,
    database: bool,
    column_prefix: bool,
}

/// Fills a [`Built`] from every node of a tree.
struct Scan<'b> {
    b: &'b mut Built,
    /// Queries entered: 0 at the top level.
    depth: usize,
}

fn scan(q: &Query<'_>, b: &mut Built) {
    let _ = Scan { b, depth: 0 }.visit_query(q);
}

impl<'a> Visit<'a> for Scan<'_> {
    fn visit_query(&mut self, q: &'a Query<'a>) -> ControlFlow<()> {
        let b = &mut *self.b;
        if self.depth == 0 && q.select.top.is_none() {
            b.top_missing = true;
        }
        b.grouping |= !q.set_ops.is_empty();
        b.ordered |= !q.order_by.is_empty();
        b.distinct_ordered |= q.select.distinct.is_some() && !q.order_by.is_empty();
        b.paging |= q.limit.is_some() || q.offset.is_some() || q.fetch.is_some();
        // FOR XML/JSON and OPTION are E0206, like the other T-SQL-only clauses.
        b.grouping |= !q.options.is_empty();
        b.condition_value |= q.order_by.iter().any(|o| is_condition(&o.expr));
        self.depth += 1;
        walk_query(self, q)?;
        self.depth -= 1;
        ControlFlow::Continue(())
    }

    fn visit_select(&mut self, s: &'a Select<'a>) -> ControlFlow<()> {
        let b = &mut *self.b;
        b.many_joins |= s.joins.len() > 1 || s.joins.iter().any(|j| j.kind == JoinKind::Comma);
        b.grouping |= s.into.is_some()
            || s.joins
                .iter()
                .any(|j| matches!(j.kind, JoinKind::CrossApply | JoinKind::OuterApply));
        b.grouping |= !s.group_by.is_empty() || s.having.is_some();
        if let Some(t) = &s.top {
            b.top_not_a_row_count |= t.percent || t.with_ties || !is_row_count(&t.quantity);
            b.condition_value |= is_condition(&t.quantity);
        }
        b.condition_value |= s.group_by.iter().any(is_condition);
        let value = |e: &Option<Expr<'_>>| e.as_ref().is_some_and(|e| !is_condition(e));
        b.value_condition |=
            value(&s.selection) || value(&s.having) || s.joins.iter().any(|j| value(&j.on));
        b.join_condition |= s
            .joins
            .iter()
            .any(|j| j.kind == JoinKind::Cross || j.on.is_none());
        b.table_hint |= s.joins.iter().any(|j| j.hint.is_some());
        walk_select(self, s)
    }

    fn visit_select_item(&mut self, item: &'a SelectItem<'a>) -> ControlFlow<()> {
        match item {
            SelectItem::Expr { expr, alias, .. } => {
                self.b.reserved_alias |= alias
                    .as_ref()
                    .is_some_and(|a| a.value.eq_ignore_ascii_case("__crql_rid"));
                self.b.constant_field |= is_literal(expr);
                self.b.condition_value |= is_condition(expr);
            }
            SelectItem::Wildcard { .. } | SelectItem::QualifiedWildcard { .. } => {
                self.b.wildcard = true
            }
        }
        walk_select_item(self, item)
    }

    fn visit_table_ref(&mut self, t: &'a TableRef<'a>) -> ControlFlow<()> {
        self.b.subquery |= matches!(t, TableRef::Derived { .. });
        self.b.grouping |= matches!(t, TableRef::Function { .. });
        if let TableRef::Table { name, hints, .. } = t {
            self.b.table_hint |= hints.is_some();
            self.b.database |= name.database.is_some();
        }
        walk_table_ref(self, t)
    }

    fn visit_expr(&mut self, e: &'a Expr<'a>) -> ControlFlow<()> {
        scan_expr(e, self.b);
        walk_expr(self, e)
    }
}

fn is_literal(e: &Expr<'_>) -> bool {
    match e {
        Expr::Literal(_) => true,
        Expr::Nested { expr, .. } | Expr::Unary { expr, .. } => is_literal(expr),
        _ => false,
    }
}

fn is_null(e: &Expr<'_>) -> bool {
    match e {
        Expr::Literal(Literal::Null { .. }) => true,
        Expr::Nested { expr, .. } => is_null(expr),
        _ => false,
    }
}

/// A predicate: what the field list cannot hold.
fn is_condition(e: &Expr<'_>) -> bool {
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

/// A whole number from 1 to i64::MAX, possibly parenthesised: what TOP takes.
fn is_row_count(e: &Expr<'_>) -> bool {
    match e {
        Expr::Literal(Literal::Integer { text, .. }) => text.parse::<i64>().is_ok_and(|n| n > 0),
        Expr::Nested { expr, .. } => is_row_count(expr),
        _ => false,
    }
}

/// A number, possibly signed or parenthesised: what a sign may apply to.
fn is_number(e: &Expr<'_>) -> bool {
    match e {
        Expr::Literal(Literal::Integer { .. } | Literal::Decimal { .. }) => true,
        Expr::Nested { expr, .. } => is_number(expr),
        Expr::Unary { op, expr, .. } => *op != UnaryOp::Not && is_number(expr),
        _ => false,
    }
}

/// What one expression node says about the tree; the [`Scan`] visits its children.
fn scan_expr(e: &Expr<'_>, b: &mut Built) {
    match e {
        Expr::Binary {
            left,
            op: BinaryOp::And | BinaryOp::Or,
            right,
            ..
        } => b.value_condition |= !is_condition(left) || !is_condition(right),
        Expr::Unary {
            op: UnaryOp::Not,
            expr,
            ..
        } => b.value_condition |= !is_condition(expr),
        Expr::Like {
            escape: Some(_), ..
        } => b.escape = true,
        Expr::Literal(Literal::Decimal { .. }) => b.number_range = true,
        Expr::Literal(Literal::Integer { text, .. }) => b.number_range |= text.len() > 38,
        Expr::Column(c) => b.column_prefix |= c.prefix.is_some(),
        _ => {}
    }
    match e {
        Expr::Column(_) | Expr::Literal(_) => {}
        Expr::Param(_) => b.param = true,
        Expr::Binary {
            left, op, right, ..
        } => {
            b.calculated |= op.is_arithmetic();
            b.condition_value |= (op.is_comparison() || op.is_arithmetic())
                && (is_condition(left) || is_condition(right));
            if matches!(op, BinaryOp::Eq | BinaryOp::NotEq)
                && (matches!(**left, Expr::Literal(Literal::Null { .. }))
                    || matches!(**right, Expr::Literal(Literal::Null { .. })))
            {
                b.null_compared = true;
            }
            b.compared_literal |= op.is_comparison() && (is_literal(left) || is_literal(right));
        }
        Expr::Unary { op, expr, .. } => {
            b.calculated |= *op != UnaryOp::Not && !is_number(expr);
            b.condition_value |= *op != UnaryOp::Not && is_condition(expr);
        }
        Expr::Nested { .. } => {}
        Expr::InList { expr, list, .. } => {
            b.null_in_list |= list.iter().any(is_null);
            b.compared_literal |= list.iter().any(is_literal);
            b.condition_value |= is_condition(expr) || list.iter().any(is_condition);
        }
        Expr::InSubquery { expr, .. } => {
            b.subquery = true;
            b.condition_value |= is_condition(expr);
        }
        Expr::Between {
            expr, low, high, ..
        } => {
            b.between = true;
            b.condition_value |= [expr, low, high].into_iter().any(|x| is_condition(x));
            b.compared_literal |= is_literal(low) || is_literal(high);
        }
        Expr::Like {
            expr,
            pattern,
            escape,
            ..
        } => {
            b.like = true;
            b.condition_value |= is_condition(expr)
                || is_condition(pattern)
                || escape.as_deref().is_some_and(is_condition);
        }
        Expr::IsNull { expr, .. } => b.condition_value |= is_condition(expr),
        Expr::Function { name, args, .. } => {
            // Aggregates are E0206 and the rest E0204: either is a call.
            b.calculated = true;
            b.date_function |= crql::keyword::keyword_argument(&name.value)
                == Some(crql::keyword::KeywordArgument::Datepart);
            b.grouping = true;
            if let FunctionArgs::List(list) = args {
                b.condition_value |= list.iter().any(is_condition);
            }
        }
        Expr::Subquery { .. } | Expr::Exists { .. } => b.subquery = true,
        Expr::Variable(_) => b.variable = true,
        Expr::Case { .. } => b.calculated = true,
        Expr::Window { .. } | Expr::Collate { .. } => b.grouping = true,
    }
}

/// The codes a tree built like `b`, printing as `text`, may get.
fn explained(b: &Built, text: &str) -> BTreeSet<&'static str> {
    // Names and literals are arbitrary: the schema rules may fire on any tree.
    let mut ok: BTreeSet<&str> = [
        "E0101", "E0102", "E0103", "E0104", "W0101", "W0102", "W0405",
    ]
    .into();
    let flags = [
        (b.wildcard, "E0201"),
        (b.subquery, "E0202"),
        (b.many_joins, "E0203"),
        (b.calculated, "E0204"),
        (b.paging, "E0205"),
        (b.grouping, "E0206"),
        (crql::ctapi::encoded_len(text) > 2048, "E0207"),
        (b.constant_field, "E0208"),
        (b.condition_value, "E0209"),
        (b.compared_literal, "E0301"),
        (b.compared_literal, "E0302"),
        (b.param, "E0303"),
        (b.top_not_a_row_count, "E0307"),
        (b.value_condition, "E0210"),
        (b.join_condition, "E0211"),
        (b.reserved_alias, "E0212"),
        (b.distinct_ordered, "E0213"),
        (b.escape, "E0308"),
        (b.number_range, "E0309"),
        (b.date_function, "E0310"),
        (b.top_missing, "W0401"),
        (b.ordered, "W0402"),
        (b.null_compared, "W0403"),
        (b.like, "W0404"),
        (b.between, "W0406"),
        (b.compared_literal, "W0407"),
        (b.null_in_list, "W0408"),
        (b.variable, "E0217"),
        (b.table_hint, "E0218"),
        (b.database, "E0219"),
        (b.column_prefix, "E0220"),
    ];
    ok.extend(flags.iter().filter(|(on, _)| *on).map(|(_, c)| *c));
    ok
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any tree lints without panicking, and only with codes that its construction
    /// explains; the same holds for its printed text, parsed back with positions,
    /// and applying the offered fixes leaves text that still parses.
    #[test]
    fn arbitrary_trees_get_only_explained_codes(q in arb::query()) {
        let text = q.to_string();
        let mut built = Built::default();
        scan(&q, &mut built);
        let allowed = explained(&built, &text);
        for d in lint::lint(&q, Schema::builtin()) {
            prop_assert!(allowed.contains(&d.code.as_str()), "{} unexplained on {}: {}", d.code, text, d.message);
        }
        let ds = lint::lint_text(&text, Schema::builtin());
        for d in &ds {
            prop_assert!(allowed.contains(&d.code.as_str()), "{} unexplained on {}: {}", d.code, text, d.message);
        }
        let (fixed, _) = fix::apply(&text, &ds);
        prop_assert!(crql::parse(&fixed).is_ok(), "fixes broke {} into {}", text, fixed);
    }

    /// A query that keeps to CRQL gets no error (warnings, such as a reversed
    /// BETWEEN, may remain).
    #[test]
    fn crql_valid_queries_have_no_errors(q in arb::crql_valid_query()) {
        let text = q.to_string();
        for d in lint::lint(&q, Schema::builtin()).iter().chain(&lint::lint_text(&text, Schema::builtin())) {
            prop_assert!(d.severity == Severity::Warning, "{} on {}: {}", d.code, text, d.message);
        }
    }
}
