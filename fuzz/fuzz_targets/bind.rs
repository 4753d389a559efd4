//! Arbitrary values bound into a query template never change the query's structure:
//! the bound query equals the template with each placeholder (and each value) seen
//! as "a value", its canonical text parses back to exactly the bound tree (no value
//! turns into syntax), and no placeholder is left. And `bind` never panics.
//!
//! Input layout, so that seeds stay readable: `template [0xFF kind payload]...`.
//! The template's placeholders, in order of first appearance, take the values in
//! order. Kinds: 0 NULL, 1 integer (payload: up to 16 little-endian bytes, signed),
//! 2 text, 3 decimal (payload text, as text when not a decimal), 4 boolean,
//! 5 list (payload: `0xFE`-separated elements, each an integer or text by its first
//! byte's parity).
#![no_main]

use std::ops::ControlFlow;
use std::str::FromStr;

use crql::ast::visit::{Visit, VisitMut, walk_expr_mut};
use crql::ast::{Expr, Param, Query, Span, UnaryOp};
use crql::build::{Dec, ParamValue, Value};
use libfuzzer_sys::fuzz_target;

/// A literal, a placeholder, or a signed one: what binding may put or replace.
fn is_value(e: &Expr<'_>) -> bool {
    match e {
        Expr::Literal(_) | Expr::Param(_) => true,
        Expr::Unary {
            op: UnaryOp::Minus | UnaryOp::Plus,
            expr,
            ..
        } => is_value(expr),
        _ => false,
    }
}

fn a_value() -> Expr<'static> {
    Expr::Param(Param {
        name: "value".into(),
        span: Span::empty(),
    })
}

/// The query with every value replaced by one marker, and every run of adjacent
/// values inside an `IN` list by a single marker: what binding must leave
/// unchanged. Runs, not single items, because a list parameter legitimately expands
/// in place: `IN (:ids, Col)` becomes `IN (1, 2, 3, Col)`, still one run of values
/// then the column.
fn shape(mut q: Query<'_>) -> Query<'_> {
    let _ = Shape.visit_query(&mut q);
    q
}

struct Shape;

impl<'a> VisitMut<'a> for Shape {
    fn visit_expr(&mut self, e: &mut Expr<'a>) -> ControlFlow<()> {
        if is_value(e) {
            *e = a_value();
            return ControlFlow::Continue(());
        }
        if let Expr::InList { list, .. } = e {
            let mut runs = Vec::with_capacity(list.len());
            let mut in_run = false;
            for item in list.drain(..) {
                if is_value(&item) {
                    if !in_run {
                        runs.push(a_value());
                    }
                    in_run = true;
                } else {
                    runs.push(item);
                    in_run = false;
                }
            }
            *list = runs;
        }
        walk_expr_mut(self, e)
    }
}

/// The names of the placeholders, in order of first appearance.
#[derive(Default)]
struct Placeholders(Vec<String>);

impl<'a> Visit<'a> for Placeholders {
    fn visit_param(&mut self, p: &'a Param<'a>) -> ControlFlow<()> {
        if !self.0.iter().any(|n| n == p.name.as_ref()) {
            self.0.push(p.name.to_string());
        }
        ControlFlow::Continue(())
    }
}

fn placeholders(q: &Query<'_>) -> Vec<String> {
    let mut names = Placeholders::default();
    let _ = names.visit_query(q);
    names.0
}

fn scalar(kind: u8, payload: &[u8]) -> Value {
    match kind % 5 {
        0 => Value::Null,
        1 => {
            let mut b = [0u8; 16];
            let n = payload.len().min(16);
            b[..n].copy_from_slice(&payload[..n]);
            Value::Int(i128::from_le_bytes(b))
        }
        2 => Value::Text(String::from_utf8_lossy(payload).into_owned()),
        3 => {
            let text = String::from_utf8_lossy(payload);
            match Dec::from_str(&text) {
                Ok(d) => Value::Decimal(d),
                Err(_) => Value::Text(text.into_owned()),
            }
        }
        _ => Value::Bool(payload.first().is_some_and(|b| b & 1 == 1)),
    }
}

fn value(spec: &[u8]) -> ParamValue {
    let Some((&kind, payload)) = spec.split_first() else {
        return ParamValue::Scalar(Value::Null);
    };
    if kind % 6 == 5 {
        let list = payload
            .split(|&b| b == 0xFE)
            .map(|el| match el.split_first() {
                Some((k, rest)) if k & 1 == 0 => scalar(1, rest),
                Some((_, rest)) => scalar(2, rest),
                None => Value::Null,
            })
            .collect();
        return ParamValue::List(list);
    }
    ParamValue::Scalar(scalar(kind, payload))
}

fuzz_target!(|data: &[u8]| {
    let mut parts = data.split(|&b| b == 0xFF);
    let Some(template) = parts.next() else {
        return;
    };
    let Ok(template) = std::str::from_utf8(template) else {
        return;
    };
    let Ok(parsed) = crql::parse(template) else {
        // Still must not panic.
        let _ = crql::bind(template, Vec::<(&str, ParamValue)>::new());
        return;
    };
    let names = placeholders(&parsed);
    let params: Vec<(String, ParamValue)> = names.into_iter().zip(parts.map(value)).collect();

    let Ok(bound) = crql::bind(template, params.clone()) else {
        return;
    };
    let text = bound.to_string();
    let reparsed = crql::parse(&text).unwrap_or_else(|e| {
        panic!("bound query prints as {text:?}, which does not parse: {e}\nparams: {params:?}")
    });
    assert_eq!(
        reparsed, bound,
        "a value turned into syntax: {text:?}\nparams: {params:?}"
    );
    assert!(
        placeholders(&bound).is_empty(),
        "a placeholder survived binding: {text:?}"
    );
    assert_eq!(
        shape(bound),
        shape(parsed),
        "binding changed the query's structure: {template:?} became {text:?}\nparams: {params:?}"
    );
});
