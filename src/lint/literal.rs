//! Literals as the value rules read them: a number (its sign folded in), a string
//! or NULL, and the text SQL Server would convert to a number.

use crate::ast::{Expr, Literal, UnaryOp};

/// A literal as the type rules see it, signs folded in.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Lit<'e> {
    /// A bare number; `text` is as written, without the sign.
    Number {
        negative: bool,
        text: &'e str,
        integer: bool,
    },
    /// A quoted string, unescaped.
    Str(&'e str),
    Null,
}

impl<'e> Lit<'e> {
    /// The literal an expression is: a literal, a signed number, or either in
    /// parentheses.
    pub(crate) fn of(e: &'e Expr<'_>) -> Option<Lit<'e>> {
        match e {
            Expr::Literal(Literal::Integer { text, .. }) => Some(Lit::Number {
                negative: false,
                text,
                integer: true,
            }),
            Expr::Literal(Literal::Decimal { text, .. }) => Some(Lit::Number {
                negative: false,
                text,
                integer: false,
            }),
            Expr::Literal(Literal::String { value, .. }) => Some(Lit::Str(value)),
            Expr::Literal(Literal::Null { .. }) => Some(Lit::Null),
            Expr::Nested { expr, .. } => Lit::of(expr),
            Expr::Unary {
                op: op @ (UnaryOp::Minus | UnaryOp::Plus),
                expr,
                ..
            } => match Lit::of(expr)? {
                Lit::Number {
                    negative,
                    text,
                    integer,
                } => Some(Lit::Number {
                    negative: negative ^ (*op == UnaryOp::Minus),
                    text,
                    integer,
                }),
                _ => None,
            },
            _ => None,
        }
    }

    /// A numeric value to compare bounds with (strings that are numbers count).
    pub(crate) fn number(self) -> Option<f64> {
        match self {
            Lit::Number { negative, text, .. } => {
                let v: f64 = text.parse().ok()?;
                Some(if negative { -v } else { v })
            }
            Lit::Str(s) if is_decimal_text(s) => s.trim().parse().ok(),
            _ => None,
        }
    }
}

/// Text SQL Server converts to `int`: optional sign, digits, surrounding blanks.
pub(crate) fn is_integer_text(s: &str) -> bool {
    let t = s.trim_matches(' ');
    let digits = t.strip_prefix(['+', '-']).unwrap_or(t);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Text SQL Server converts to `decimal`: an integer with an optional fraction.
pub(crate) fn is_decimal_text(s: &str) -> bool {
    let t = s.trim_matches(' ');
    let body = t.strip_prefix(['+', '-']).unwrap_or(t);
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    (!int.is_empty() || !frac.is_empty())
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
}

impl std::fmt::Display for Lit<'_> {
    /// The literal as CRQL text: strings quoted with `''` escaping.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Lit::Number { negative, text, .. } => {
                write!(f, "{}{text}", if *negative { "-" } else { "" })
            }
            Lit::Str(s) => crate::print::canonical::write_string_literal(f, s, false),
            Lit::Null => f.write_str("NULL"),
        }
    }
}
