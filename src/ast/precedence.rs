//! Operator precedence: how tightly each expression binds, defined once for the
//! parser (which climbs it), the printer (which parenthesises by it) and the
//! builder (which inserts [`Expr::Nested`] by it). When the three disagree, a tree
//! the builder makes prints as text the parser reads back as another tree.
//!
//! Levels, loosest first: `OR` < `AND` < `NOT` < comparisons (`= <> < <= > >=`,
//! `IN`, `BETWEEN`, `LIKE`, `IS`) < `+ -` < `* / %` < prefix `- +` < atoms. Every
//! binary operator is left-associative.

use super::{BinaryOp, Expr, UnaryOp};

/// `OR`.
pub const OR: u8 = 1;
/// `AND`.
pub const AND: u8 = 2;
/// Prefix `NOT`, and `NOT EXISTS (...)`, which prints with the same leading `NOT`.
pub const NOT: u8 = 3;
/// Comparisons and the predicates `IN`, `BETWEEN`, `LIKE`, `IS [NOT] NULL`.
pub const COMPARISON: u8 = 4;
/// `+ -`.
pub const ADDITIVE: u8 = 5;
/// `* / %`.
pub const MULTIPLICATIVE: u8 = 6;
/// Prefix `-` and `+`.
pub const PREFIX: u8 = 7;
/// Names, literals, parameters, calls, and every parenthesised form.
pub const ATOM: u8 = 8;

impl BinaryOp {
    /// Binding strength; a higher number binds tighter. All binary operators are
    /// left-associative (see [`BinaryOp::operand_min`]).
    pub const fn precedence(self) -> u8 {
        match self {
            BinaryOp::Or => OR,
            BinaryOp::And => AND,
            BinaryOp::Eq
            | BinaryOp::NotEq
            | BinaryOp::Lt
            | BinaryOp::LtEq
            | BinaryOp::Gt
            | BinaryOp::GtEq => COMPARISON,
            BinaryOp::Plus | BinaryOp::Minus => ADDITIVE,
            BinaryOp::Multiply | BinaryOp::Divide | BinaryOp::Modulo => MULTIPLICATIVE,
        }
    }

    /// The least precedence the left and the right operand may have and still be
    /// written without parentheses. Left-associativity is the `+ 1`: in `a - (b - c)`
    /// the right operand binds exactly as loosely as `-` and must keep its
    /// parentheses, while `(a - b) - c` needs none.
    pub const fn operand_min(self) -> (u8, u8) {
        let p = self.precedence();
        (p, p + 1)
    }
}

impl UnaryOp {
    /// Binding strength of the operator, which is also the least precedence its
    /// operand may have without parentheses (`NOT NOT a` and `- -a` need none).
    pub const fn precedence(self) -> u8 {
        match self {
            UnaryOp::Not => NOT,
            UnaryOp::Minus | UnaryOp::Plus => PREFIX,
        }
    }
}

impl Expr<'_> {
    /// How tightly the expression binds when it is an operand, as its canonical
    /// text reads: a higher number binds tighter. An operand whose precedence is
    /// below what its position requires ([`BinaryOp::operand_min`],
    /// [`UnaryOp::precedence`], [`COMPARISON`] for the operand of a predicate, ...)
    /// must be parenthesised.
    pub fn precedence(&self) -> u8 {
        // Exhaustive on purpose: a new variant must be given a level here, not
        // fall into a catch-all that makes it an atom.
        match self {
            Expr::Binary { op, .. } => op.precedence(),
            Expr::Unary { op, .. } => op.precedence(),
            Expr::Exists { negated: true, .. } => NOT,
            Expr::InList { .. }
            | Expr::InSubquery { .. }
            | Expr::Between { .. }
            | Expr::Like { .. }
            | Expr::IsNull { .. } => COMPARISON,
            Expr::Column(_)
            | Expr::Literal(_)
            | Expr::Param(_)
            | Expr::Nested { .. }
            | Expr::Function { .. }
            | Expr::Subquery { .. }
            | Expr::Exists { negated: false, .. }
            | Expr::Variable(_)
            | Expr::Case { .. }
            | Expr::Window { .. } => ATOM,
            // `a COLLATE c` is read after a primary, at the tightest level: an
            // operand looser than a prefix operator needs its parentheses.
            Expr::Collate { .. } => PREFIX,
        }
    }

    /// True when the expression must be parenthesised where an operand of at
    /// least `min` is expected.
    pub fn needs_parens(&self, min: u8) -> bool {
        self.precedence() < min
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_are_ordered_loosest_first() {
        let levels = [
            OR,
            AND,
            NOT,
            COMPARISON,
            ADDITIVE,
            MULTIPLICATIVE,
            PREFIX,
            ATOM,
        ];
        assert!(levels.windows(2).all(|w| w[0] < w[1]), "{levels:?}");
        assert!(BinaryOp::Eq.is_comparison() && !BinaryOp::And.is_comparison());
        assert!(BinaryOp::Modulo.is_arithmetic() && !BinaryOp::GtEq.is_arithmetic());
    }

    #[test]
    fn not_exists_binds_like_not() {
        let q = crate::ast::Expr::Exists {
            query: Box::new(skeleton()),
            negated: true,
            span: crate::ast::Span::empty(),
        };
        assert_eq!(q.precedence(), NOT);
        assert!(q.needs_parens(BinaryOp::Eq.operand_min().0));
        let Expr::Exists { query, .. } = q else {
            unreachable!()
        };
        let plain = Expr::Exists {
            query,
            negated: false,
            span: crate::ast::Span::empty(),
        };
        assert_eq!(plain.precedence(), ATOM);
    }

    fn skeleton() -> crate::ast::Query<'static> {
        use crate::ast::test_kit::{select, table};
        select(vec![Expr::integer(1)], table("t", None))
    }
}
