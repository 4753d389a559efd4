//! What the type rules need to know about literals: their kind, numeric value and
//! date shape, and which literal is compared with which column.

use crate::ast::{BinaryOp, Expr, Literal, UnaryOp};
use crate::lint::Context;
use crate::schema::{Column, ColumnType, Table};

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

/// How a literal fits a column type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fit {
    /// Fine (or nothing to say: unknown type, `NULL`).
    Ok,
    /// It cannot be a value of the type (E0301).
    Mismatch,
    /// A string that should be a date but is not a valid one (E0302).
    MalformedDate,
    /// A quoted number against a numeric column (W0407).
    QuotedNumber,
}

/// How `lit` fits a column of type `ty`.
pub(crate) fn fit(ty: ColumnType, lit: Lit<'_>) -> Fit {
    match (ty, lit) {
        (ColumnType::Unknown, _) | (_, Lit::Null) => Fit::Ok,
        (ColumnType::Integer, Lit::Number { .. }) | (ColumnType::Decimal, Lit::Number { .. }) => {
            Fit::Ok
        }
        (ColumnType::Integer, Lit::Str(s)) if is_integer_text(s) => Fit::QuotedNumber,
        (ColumnType::Decimal, Lit::Str(s)) if is_decimal_text(s) => Fit::QuotedNumber,
        (ColumnType::Integer | ColumnType::Decimal, Lit::Str(_)) => Fit::Mismatch,
        (ColumnType::Text, Lit::Str(_)) => Fit::Ok,
        (ColumnType::Text, Lit::Number { .. }) => Fit::Mismatch,
        (ColumnType::Date | ColumnType::DateTime, Lit::Str(s)) => {
            if crate::ctapi::parse_date(s).is_some() {
                Fit::Ok
            } else {
                Fit::MalformedDate
            }
        }
        (ColumnType::Date | ColumnType::DateTime, Lit::Number { .. }) => Fit::Mismatch,
        (ColumnType::Boolean, Lit::Number { negative, text, .. }) => {
            if !negative && (text == "0" || text == "1") {
                Fit::Ok
            } else {
                Fit::Mismatch
            }
        }
        (ColumnType::Boolean, Lit::Str(s)) => {
            let s = s.trim_matches(' ');
            if ["0", "1", "true", "false"]
                .iter()
                .any(|b| b.eq_ignore_ascii_case(s))
            {
                Fit::Ok
            } else {
                Fit::Mismatch
            }
        }
    }
}

/// Calls `f(column_side, literal_side)` for each value compared with a column in
/// `e`'s own node: both sides of a comparison, each `IN` list item, both `BETWEEN`
/// bounds. Children are not visited (the walk reaches them itself).
pub(crate) fn for_each_compared<'q>(
    e: &'q Expr<'q>,
    mut f: impl FnMut(&'q Expr<'q>, &'q Expr<'q>),
) {
    match e {
        Expr::Binary {
            left, op, right, ..
        } if op.is_comparison() => {
            f(left, right);
            f(right, left);
        }
        Expr::InList { expr, list, .. } => {
            for item in list {
                f(expr, item);
            }
        }
        Expr::Between {
            expr, low, high, ..
        } => {
            f(expr, low);
            f(expr, high);
        }
        _ => {}
    }
}

/// A literal compared with a column that resolves, and how it fits the column's
/// type: what the type rules (E0301, E0302, W0407) each look at.
#[derive(Clone, Copy)]
pub(crate) struct Compared<'s, 'q> {
    pub(crate) table: &'s Table,
    pub(crate) column: &'s Column,
    pub(crate) value: &'q Expr<'q>,
    pub(crate) lit: Lit<'q>,
    pub(crate) fit: Fit,
}

/// Calls `f` for each literal compared with a column that resolves, in `e`'s own
/// node (the pairs of [`for_each_compared`]). The pairs of the node last asked
/// about are kept in the context: the three type rules ask about the same node in
/// turn, and resolving, folding and fitting each pair once serves all three.
pub(crate) fn for_each_literal_compared<'q, 's>(
    e: &'q Expr<'q>,
    cx: &mut Context<'s, 'q>,
    mut f: impl FnMut(&mut Context<'s, 'q>, Compared<'s, 'q>),
) {
    // Never 0 (an address), so 0 means nothing is kept. Each node is walked once
    // per context, so an address names one node in one scope.
    let key = std::ptr::from_ref(e) as usize;
    let mut pairs = std::mem::take(&mut cx.compared.1);
    if cx.compared.0 != key {
        pairs.clear();
        type Resolved<'s> = Option<(&'s Table, &'s Column)>;
        let mut last: Option<(&'q Expr<'q>, Resolved<'s>)> = None;
        for_each_compared(e, |col, value| {
            let Some(lit) = Lit::of(value) else {
                return;
            };
            // An IN list compares one column with every item: resolve it once.
            let resolved = match last {
                Some((seen, r)) if std::ptr::eq(seen, col) => r,
                _ => {
                    let r = cx.column_of(col);
                    last = Some((col, r));
                    r
                }
            };
            if let Some((table, column)) = resolved {
                pairs.push(Compared {
                    table,
                    column,
                    value,
                    lit,
                    fit: fit(column.ty, lit),
                });
            }
        });
    }
    for &pair in &pairs {
        f(cx, pair);
    }
    cx.compared = (key, pairs);
}

/// True when `op` is `=` or `<>`.
pub(crate) fn is_equality(op: BinaryOp) -> bool {
    matches!(op, BinaryOp::Eq | BinaryOp::NotEq)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits() {
        use ColumnType::*;
        assert_eq!(fit(Integer, Lit::Str("101")), Fit::QuotedNumber);
        assert_eq!(fit(Integer, Lit::Str("1.5")), Fit::Mismatch);
        assert_eq!(fit(Integer, Lit::Str("abc")), Fit::Mismatch);
        assert_eq!(fit(Decimal, Lit::Str("1.5")), Fit::QuotedNumber);
        assert_eq!(fit(DateTime, Lit::Str("2024-01-01")), Fit::Ok);
        assert_eq!(fit(DateTime, Lit::Str("2024-31-01")), Fit::MalformedDate);
        assert_eq!(
            fit(
                Date,
                Lit::Number {
                    negative: false,
                    text: "20240101",
                    integer: true
                }
            ),
            Fit::Mismatch
        );
        assert_eq!(fit(Text, Lit::Str("5")), Fit::Ok);
        assert_eq!(fit(Unknown, Lit::Str("x")), Fit::Ok);
        assert_eq!(fit(Integer, Lit::Null), Fit::Ok);
    }
}
