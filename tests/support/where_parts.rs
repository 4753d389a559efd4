//! What a query's WHERE clause holds, read off the tree: the builder tests compare it
//! before and after binding or splitting.
#![allow(dead_code)] // each test binary uses a different part

use crql::Query;
use crql::ast::{Expr, Literal};

/// The string literals of a query, in order.
pub fn strings<'q>(e: &'q Expr<'_>, out: &mut Vec<&'q str>) {
    match e {
        Expr::Literal(Literal::String { value, .. }) => out.push(value),
        Expr::Binary { left, right, .. } => {
            strings(left, out);
            strings(right, out);
        }
        Expr::Unary { expr, .. } | Expr::Nested { expr, .. } | Expr::IsNull { expr, .. } => {
            strings(expr, out)
        }
        Expr::InList { expr, list, .. } => {
            strings(expr, out);
            list.iter().for_each(|e| strings(e, out));
        }
        Expr::Between {
            expr, low, high, ..
        } => {
            strings(expr, out);
            strings(low, out);
            strings(high, out);
        }
        Expr::Like { expr, pattern, .. } => {
            strings(expr, out);
            strings(pattern, out);
        }
        _ => {}
    }
}

pub fn where_strings<'q>(q: &'q Query<'_>) -> Vec<&'q str> {
    let mut out = Vec::new();
    if let Some(w) = &q.select.selection {
        strings(w, &mut out);
    }
    out
}

/// The values of every IN list in the WHERE clause, printed, in order.
pub fn in_values(q: &Query<'_>) -> Vec<String> {
    fn find(e: &Expr<'_>, out: &mut Vec<String>) {
        match e {
            Expr::InList { list, .. } => out.extend(list.iter().map(|v| v.to_string())),
            Expr::Binary { left, right, .. } => {
                find(left, out);
                find(right, out);
            }
            Expr::Nested { expr, .. } => find(expr, out),
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Some(w) = &q.select.selection {
        find(w, &mut out);
    }
    out
}
