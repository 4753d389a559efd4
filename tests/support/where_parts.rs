//! What a query's WHERE clause holds, read off the tree: the builder tests compare it
//! before and after binding or splitting.
#![allow(dead_code)] // each test binary uses a different part

use std::ops::ControlFlow;

use crql::Query;
use crql::ast::visit::{Visit, walk_expr};
use crql::ast::{Expr, Literal};

/// Collects the string literals under an expression, in source order.
#[derive(Default)]
struct Strings<'q>(Vec<&'q str>);

impl<'q> Visit<'q> for Strings<'q> {
    fn visit_literal(&mut self, l: &'q Literal<'q>) -> ControlFlow<()> {
        if let Literal::String { value, .. } = l {
            self.0.push(value);
        }
        ControlFlow::Continue(())
    }
}

/// The string literals of a query's WHERE clause, in order.
pub fn where_strings<'q>(q: &'q Query<'q>) -> Vec<&'q str> {
    let mut out = Strings::default();
    if let Some(w) = &q.select.selection {
        let _ = out.visit_expr(w);
    }
    out.0
}

/// Collects the items of every IN list, printed, in source order.
#[derive(Default)]
struct InValues(Vec<String>);

impl<'q> Visit<'q> for InValues {
    fn visit_expr(&mut self, e: &'q Expr<'q>) -> ControlFlow<()> {
        if let Expr::InList { list, .. } = e {
            self.0.extend(list.iter().map(|v| v.to_string()));
        }
        walk_expr(self, e)
    }
}

/// The values of every IN list in the WHERE clause, printed, in order.
pub fn in_values<'q>(q: &'q Query<'q>) -> Vec<String> {
    let mut out = InValues::default();
    if let Some(w) = &q.select.selection {
        let _ = out.visit_expr(w);
    }
    out.0
}
