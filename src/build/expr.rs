//! Precedence-aware expression constructors shared by the typed and dynamic builders.
//!
//! The builders combine trees, not text, but the tree is printed and may be parsed
//! again; `Expr::Nested` goes exactly where the printed text needs parentheses for
//! the parser to rebuild the same tree: a looser child on the left, a looser *or
//! equal* child on the right (operators are left-associative), and an `AND`/`OR`
//! under `NOT`. The levels are the parser's and the printer's:
//! [`crate::ast::precedence`].

use std::borrow::Cow;

use crate::ast::visit::{Flow, VisitMut, walk_column_ref_mut};
use crate::ast::{BinaryOp, ColumnRef, Expr, Ident, OrderByExpr, SortDirection, Span, UnaryOp};

/// `left op right`, parenthesising either side where the printed text needs it.
pub(crate) fn binary(left: Expr<'static>, op: BinaryOp, right: Expr<'static>) -> Expr<'static> {
    let (left_min, right_min) = op.operand_min();
    let left = if left.needs_parens(left_min) {
        left.nested()
    } else {
        left
    };
    let right = if right.needs_parens(right_min) {
        right.nested()
    } else {
        right
    };
    left.binary(op, right)
}

/// `NOT e`, parenthesising an `AND`/`OR` operand.
pub(crate) fn not(e: Expr<'static>) -> Expr<'static> {
    let e = if e.needs_parens(UnaryOp::Not.precedence()) {
        e.nested()
    } else {
        e
    };
    Expr::Unary {
        op: UnaryOp::Not,
        expr: Box::new(e),
        span: Span::empty(),
    }
}

pub(crate) fn in_list(e: Expr<'static>, list: Vec<Expr<'static>>, negated: bool) -> Expr<'static> {
    if list.is_empty() {
        // `IN ()` is not SQL; an empty list matches nothing (and NOT IN everything),
        // which `1 = 0` / `1 = 1` say in any dialect (sea-query and diesel do the same).
        let one = Expr::integer(1);
        return one.binary(BinaryOp::Eq, Expr::integer(i64::from(negated)));
    }
    Expr::InList {
        expr: Box::new(e),
        list,
        negated,
        span: Span::empty(),
    }
}

pub(crate) fn between(
    e: Expr<'static>,
    low: Expr<'static>,
    high: Expr<'static>,
    negated: bool,
) -> Expr<'static> {
    Expr::Between {
        expr: Box::new(e),
        negated,
        low: Box::new(low),
        high: Box::new(high),
        span: Span::empty(),
    }
}

pub(crate) fn like(e: Expr<'static>, pattern: String, negated: bool) -> Expr<'static> {
    Expr::Like {
        expr: Box::new(e),
        negated,
        pattern: Box::new(Expr::string(pattern)),
        escape: None,
        span: Span::empty(),
    }
}

pub(crate) fn is_null(e: Expr<'static>, negated: bool) -> Expr<'static> {
    Expr::IsNull {
        expr: Box::new(e),
        negated,
        span: Span::empty(),
    }
}

pub(crate) fn order(e: Expr<'static>, direction: Option<SortDirection>) -> OrderByExpr<'static> {
    OrderByExpr {
        expr: e,
        direction,
        span: Span::empty(),
    }
}

/// A name, marked bracketed exactly when the printer must bracket it, which is
/// how the parser will read it back: `ClientID`, `[Exit Date]`, `[Select]`.
/// Takes `&'static str` (the typed tables' names, borrowed, no allocation) or
/// `String` (the dynamic builder's).
pub(crate) fn ident(name: impl Into<Cow<'static, str>>) -> Ident<'static> {
    let name = name.into();
    Ident {
        bracketed: !crate::print::canonical::is_plain_name(&name),
        value: name,
        span: Span::empty(),
    }
}

pub(crate) fn column(
    qualifier: Option<impl Into<Cow<'static, str>>>,
    name: impl Into<Cow<'static, str>>,
) -> Expr<'static> {
    Expr::Column(ColumnRef {
        prefix: None,
        qualifier: qualifier.map(|q| Box::new(ident(q))),
        name: ident(name),
        span: Span::empty(),
    })
}

/// Removes table qualifiers from every column reference: a one-table query prints
/// `ClientID`, not `cmClient.ClientID`.
pub(crate) fn unqualify(e: &mut Expr<'_>) {
    struct Unqualify;
    impl<'a> VisitMut<'a> for Unqualify {
        fn visit_column_ref(&mut self, c: &mut ColumnRef<'a>) -> Flow {
            c.qualifier = None;
            walk_column_ref_mut(self, c)
        }
    }
    let _ = Unqualify.visit_expr(e);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parser::{parse, parse_expr};

    fn not_exists() -> Expr<'static> {
        let q = parse("SELECT ClientID FROM Enrollment WHERE ExitDate IS NULL").expect("parses");
        Expr::Exists {
            query: Box::new(q.into_owned()),
            negated: true,
            span: Span::empty(),
        }
    }

    fn c(name: &'static str) -> Expr<'static> {
        column(None::<&'static str>, name)
    }

    /// The builder once kept its own precedence table without `NOT EXISTS`: it
    /// left `NOT EXISTS (...) = 1` bare, the printer parenthesised it, and the
    /// parser read back a tree with an `Expr::Nested` the builder's lacked.
    #[test]
    fn built_trees_read_back_the_same() {
        let one = || Expr::integer(1);
        let cases = [
            binary(not_exists(), BinaryOp::Eq, one()),
            binary(one(), BinaryOp::Eq, not_exists()),
            binary(not_exists(), BinaryOp::And, c("a")),
            binary(c("a"), BinaryOp::Or, not_exists()),
            not(not_exists()),
            not(binary(c("a"), BinaryOp::Or, c("b"))),
            binary(not(c("a")), BinaryOp::Eq, c("b")),
            binary(
                c("a"),
                BinaryOp::Minus,
                binary(c("b"), BinaryOp::Minus, c("c")),
            ),
            binary(
                binary(c("a"), BinaryOp::Or, c("b")),
                BinaryOp::And,
                not_exists(),
            ),
        ];
        for built in cases {
            let text = built.to_string();
            let read = parse_expr(&text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
            assert_eq!(read, built, "{text}");
        }
        assert_eq!(
            binary(not_exists(), BinaryOp::Eq, one()).to_string(),
            "(NOT EXISTS (SELECT ClientID FROM Enrollment WHERE ExitDate IS NULL)) = 1"
        );
    }
}
