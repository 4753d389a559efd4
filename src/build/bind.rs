//! Parameter binding: `:name` placeholders in hand-written CRQL, resolved on the AST.
//!
//! The text is parsed first, with its placeholders as [`Param`] nodes; binding then
//! swaps each node for a literal node. The value never passes through the parser,
//! so nothing in it (`'`, `--`, `;`, newlines, NUL) can become syntax: the printer
//! quotes it as one literal.

use std::collections::{HashMap, HashSet};

use crate::ast::visit::{Flow, VisitMut, walk_expr_mut};
use crate::ast::{ColumnRef, Expr, Literal, Param, Query, Span, Variable};
use crate::diagnostic::{Code, Diagnostic};

use super::error::Error;
use super::value::Value;

/// A parameter's value: one [`Value`], or a list that expands inside `IN (...)`.
///
/// Converts from anything [`Value`] converts from (a scalar) and from `Vec`,
/// arrays and slices of those (a list).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ParamValue {
    /// Replaces the placeholder with one literal.
    Scalar(Value),
    /// Replaces `:ids` in `IN (:ids)` with every element.
    List(Vec<Value>),
}

impl<T: Into<Value>> From<T> for ParamValue {
    fn from(v: T) -> ParamValue {
        ParamValue::Scalar(v.into())
    }
}

impl<T: Into<Value>> From<Vec<T>> for ParamValue {
    fn from(v: Vec<T>) -> ParamValue {
        ParamValue::List(v.into_iter().map(Into::into).collect())
    }
}

impl<T: Into<Value>, const N: usize> From<[T; N]> for ParamValue {
    fn from(v: [T; N]) -> ParamValue {
        ParamValue::List(v.into_iter().map(Into::into).collect())
    }
}

impl<T: Into<Value> + Clone> From<&[T]> for ParamValue {
    fn from(v: &[T]) -> ParamValue {
        ParamValue::List(v.iter().cloned().map(Into::into).collect())
    }
}

/// A list of named parameters for [`bind`]: `params! { "name" => value, ... }`.
///
/// ```
/// let p = crql::params! { "ids" => [1, 2], "name" => "O'Brien" };
/// assert_eq!(p.len(), 2);
/// ```
#[macro_export]
macro_rules! params {
    ($($name:expr => $value:expr),* $(,)?) => {
        ::std::vec![$(($name, $crate::build::ParamValue::from($value))),*] as ::std::vec::Vec<(&str, $crate::build::ParamValue)>
    };
}

/// Parses `text` and replaces every `:name` with its value, on the AST.
///
/// A list value expands in place inside `IN (...)`. Every problem is reported, in
/// one [`Error`] that holds `text`: a syntax error (E0001), a placeholder with no value (E0303, labelled
/// at the placeholder), a value for a name the text does not use or a name given
/// twice (E0304), a list outside `IN (...)` or an empty list (E0305). Names match
/// exactly (case-sensitive).
///
/// ```
/// let q = crql::bind(
///     "SELECT TOP 10 ClientID FROM cmClient WHERE LastName = :name AND ClientID IN (:ids)",
///     crql::params! { "name" => "O'Brien'; DROP TABLE cmClient --", "ids" => [1, 2, 3] },
/// )
/// .unwrap();
/// assert_eq!(
///     q.to_string(),
///     "SELECT TOP 10 ClientID FROM cmClient WHERE LastName = 'O''Brien''; DROP TABLE cmClient --' AND ClientID IN (1, 2, 3)"
/// );
///
/// let err = crql::bind("SELECT ClientID FROM cmClient WHERE ClientID = :id", crql::params! {}).unwrap_err();
/// assert_eq!(err.diagnostics()[0].code, "E0303");
/// assert_eq!(err.diagnostics()[0].span.range(), 47..50);
/// ```
pub fn bind<K, P>(
    text: &str,
    params: impl IntoIterator<Item = (K, P)>,
) -> Result<Query<'static>, Error>
where
    K: AsRef<str>,
    P: Into<ParamValue>,
{
    let mut errors = Vec::new();
    let mut values: HashMap<String, ParamValue> = HashMap::new();
    for (name, value) in params {
        let name = name.as_ref();
        let name = name.strip_prefix(':').unwrap_or(name).to_owned();
        if values.insert(name.clone(), value.into()).is_some() {
            errors.push(
                Diagnostic::error(
                    Code::E0304,
                    Span::empty(),
                    format!("parameter `:{name}` is given twice"),
                )
                .with_help("give each parameter once"),
            );
        }
    }
    let mut query = match crate::parser::parse(text) {
        Ok(q) => q,
        Err(e) => {
            errors.insert(0, e.diagnostic().clone());
            return Err(refused(errors, text));
        }
    };
    let mut binder = Binder {
        values: &values,
        used: HashSet::new(),
        errors: Vec::new(),
    };
    let _ = binder.visit_query(&mut query);
    let mut unused: Vec<&String> = values
        .keys()
        .filter(|k| !binder.used.contains(k.as_str()))
        .collect();
    unused.sort();
    let mut found = binder.errors;
    found.sort_by_key(|d| d.span.start);
    errors.extend(found);
    for name in unused {
        errors.push(
            Diagnostic::error(
                Code::E0304,
                Span::empty(),
                format!("parameter `:{name}` is given but the query has no `:{name}`"),
            )
            .with_help("remove it, or add the placeholder to the query"),
        );
    }
    if errors.is_empty() {
        Ok(query.into_owned())
    } else {
        Err(refused(errors, text))
    }
}

fn refused(diagnostics: Vec<Diagnostic>, text: &str) -> Error {
    Error::new(
        "cannot bind the parameters",
        diagnostics,
        Some(text.to_owned()),
    )
}

struct Binder<'v> {
    values: &'v HashMap<String, ParamValue>,
    used: HashSet<String>,
    errors: Vec<Diagnostic>,
}

impl Binder<'_> {
    fn lookup(&mut self, p: &Param<'_>) -> Option<&ParamValue> {
        let Some(v) = self.values.get(p.name.as_ref()) else {
            let mut d = Diagnostic::error(
                Code::E0303,
                p.span,
                format!("parameter `:{}` has no value", p.name),
            )
            .with_label("no value bound");
            let similar = self
                .values
                .keys()
                .find(|k| k.eq_ignore_ascii_case(&p.name) && **k != *p.name);
            d = match similar {
                Some(k) => d.with_help(format!("did you mean `{k}`? names are case-sensitive")),
                None => d.with_help(format!("pass a value for `{}`", p.name)),
            };
            self.errors.push(d);
            return None;
        };
        self.used.insert(p.name.to_string());
        Some(v)
    }
}

impl<'a> VisitMut<'a> for Binder<'_> {
    fn visit_expr(&mut self, e: &mut Expr<'a>) -> Flow {
        match e {
            Expr::Param(p) => {
                let span = p.span;
                let name = p.name.to_string();
                match self.lookup(p).cloned() {
                    Some(ParamValue::Scalar(v)) => *e = with_span(v.to_expr(), span),
                    Some(ParamValue::List(_)) => self.errors.push(
                        Diagnostic::error(
                            Code::E0305,
                            span,
                            format!("list parameter `:{name}` is used outside `IN (...)`"),
                        )
                        .with_label("a list goes only inside IN (...)")
                        .with_help("write `column IN (:name)`, or pass a single value"),
                    ),
                    None => {}
                }
                Flow::Continue(())
            }
            // A list parameter expands in place among the list's items.
            Expr::InList { expr, list, .. } => {
                self.visit_expr(expr)?;
                let mut out = Vec::with_capacity(list.len());
                for mut item in std::mem::take(list) {
                    let Expr::Param(p) = &item else {
                        self.visit_expr(&mut item)?;
                        out.push(item);
                        continue;
                    };
                    let span = p.span;
                    let name = p.name.to_string();
                    match self.lookup(p).cloned() {
                        Some(ParamValue::Scalar(v)) => out.push(with_span(v.to_expr(), span)),
                        Some(ParamValue::List(vs)) if vs.is_empty() => {
                            self.errors.push(
                                Diagnostic::error(
                                    Code::E0305,
                                    span,
                                    format!("list parameter `:{name}` is empty"),
                                )
                                .with_label("`IN ()` is not valid CRQL")
                                .with_help(
                                    "skip the query, or the condition, when the list is empty",
                                ),
                            );
                            out.push(item);
                        }
                        Some(ParamValue::List(vs)) => {
                            out.extend(vs.iter().map(|v| with_span(v.to_expr(), span)))
                        }
                        None => out.push(item),
                    }
                }
                *list = out;
                Flow::Continue(())
            }
            // Every other node only holds parameters further down.
            _ => walk_expr_mut(self, e),
        }
    }
}

/// Gives a bound literal the placeholder's span, so that a later diagnostic on the
/// value (the linter's E0301, say) points at the placeholder in the user's text.
fn with_span(mut e: Expr<'static>, span: Span) -> Expr<'static> {
    let _ = Respan(span).visit_expr(&mut e);
    e
}

/// Sets the span of every expression and literal it visits (a value's expression
/// is a literal, or a sign applied to one).
struct Respan(Span);

impl<'a> VisitMut<'a> for Respan {
    fn visit_expr(&mut self, e: &mut Expr<'a>) -> Flow {
        match e {
            Expr::Column(ColumnRef { span, .. })
            | Expr::Param(Param { span, .. })
            | Expr::Binary { span, .. }
            | Expr::Unary { span, .. }
            | Expr::Nested { span, .. }
            | Expr::InList { span, .. }
            | Expr::InSubquery { span, .. }
            | Expr::Between { span, .. }
            | Expr::Like { span, .. }
            | Expr::IsNull { span, .. }
            | Expr::Function { span, .. }
            | Expr::Subquery { span, .. }
            | Expr::Exists { span, .. }
            | Expr::Variable(Variable { span, .. })
            | Expr::Case { span, .. }
            | Expr::Window { span, .. }
            | Expr::Collate { span, .. } => *span = self.0,
            Expr::Literal(_) => {} // visit_literal sets it
        }
        walk_expr_mut(self, e)
    }

    fn visit_literal(&mut self, l: &mut Literal<'a>) -> Flow {
        match l {
            Literal::String { span, .. }
            | Literal::Integer { span, .. }
            | Literal::Decimal { span, .. }
            | Literal::Null { span } => *span = self.0,
        }
        Flow::Continue(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ast::Visit;

    /// Every span of the bound query's WHERE values.
    #[derive(Default)]
    struct Spans(Vec<std::ops::Range<usize>>);

    impl<'a> Visit<'a> for Spans {
        fn visit_expr(&mut self, e: &'a Expr<'a>) -> Flow {
            if !matches!(
                e,
                Expr::Column(_) | Expr::Binary { .. } | Expr::InList { .. }
            ) {
                self.0.push(e.span().range());
            }
            crate::ast::visit::walk_expr(self, e)
        }
        fn visit_literal(&mut self, l: &'a Literal<'a>) -> Flow {
            self.0.push(l.span().range());
            Flow::Continue(())
        }
    }

    #[test]
    fn a_bound_value_has_its_placeholder_span_down_to_the_literal() {
        let text = "SELECT TOP 1 a FROM t WHERE b = :neg AND c IN (:ids)";
        let q = bind(text, crate::params! { "neg" => -5, "ids" => [1, 2] }).unwrap();
        let mut spans = Spans::default();
        let _ = spans.visit_expr(q.select.selection.as_ref().unwrap());
        let neg = text.find(":neg").unwrap();
        let ids = text.find(":ids").unwrap();
        let neg = neg..neg + 4;
        let ids = ids..ids + 4;
        // -5 is a sign over a literal: both get the span; each list item too.
        assert_eq!(
            spans.0,
            [
                neg.clone(),
                neg.clone(),
                neg,
                ids.clone(),
                ids.clone(),
                ids.clone(),
                ids
            ]
        );
    }
}
