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

/// A calendar date and time of day, comparable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct DateTime {
    year: u32,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    nanos: u32,
}

fn num(s: &str, len: usize) -> Option<u32> {
    (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// Parses the date forms CRQL uses and SQL Server reads unambiguously:
/// `YYYY-MM-DD` or `YYYYMMDD`, optionally followed by ` ` or `T` and
/// `HH:MM[:SS[.fffffff]]`. Checks that the date exists.
pub(crate) fn parse_date(s: &str) -> Option<DateTime> {
    let s = s.trim_matches(' ');
    // Every accepted form is ASCII; checking first keeps the byte slicing below on
    // character boundaries.
    if !s.is_ascii() {
        return None;
    }
    let (date, time) = match s.find([' ', 'T']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (year, month, day) = if date.len() == 8 {
        (
            num(&date[..4], 4)?,
            num(&date[4..6], 2)?,
            num(&date[6..], 2)?,
        )
    } else {
        let mut parts = date.split('-');
        let y = num(parts.next()?, 4)?;
        let m = num(parts.next()?, 2)?;
        let d = num(parts.next()?, 2)?;
        if parts.next().is_some() {
            return None;
        }
        (y, m, d)
    };
    if year < 1753 || !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    let (mut hour, mut minute, mut second, mut nanos) = (0, 0, 0, 0);
    if let Some(time) = time {
        let (hms, frac) = time.split_once('.').unwrap_or((time, ""));
        let mut parts = hms.split(':');
        hour = num(parts.next()?, 2)?;
        minute = num(parts.next()?, 2)?;
        if let Some(sec) = parts.next() {
            second = num(sec, 2)?;
        } else if !frac.is_empty() {
            return None;
        }
        if parts.next().is_some() || hour > 23 || minute > 59 || second > 59 {
            return None;
        }
        if time.contains('.') {
            if frac.is_empty() || frac.len() > 7 || !frac.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            nanos = format!("{frac:0<9}").parse().ok()?;
        }
    }
    Some(DateTime {
        year,
        month,
        day,
        hour,
        minute,
        second,
        nanos,
    })
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
            if parse_date(s).is_some() {
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

/// Counts the URL-encoded length of whatever is written into it, without keeping
/// it: the encoding is the executor's ([`crate::exec::url::encoded_len`]).
#[derive(Default)]
pub(crate) struct EncodedLen(pub(crate) usize);

impl std::fmt::Write for EncodedLen {
    // The printer writes short pieces (a name, `, `, a quote): a byte-wise table
    // lookup beats `encoded_len`'s vectorised count, which pays off on long text.
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0 += s
            .bytes()
            .map(crate::exec::url::encoded_width)
            .sum::<usize>();
        Ok(())
    }

    // Quotes, brackets and parentheses come one char at a time; the default would
    // encode each into a buffer first.
    fn write_char(&mut self, c: char) -> std::fmt::Result {
        self.0 += match u8::try_from(c) {
            Ok(b) if b.is_ascii() => crate::exec::url::encoded_width(b),
            _ => 3 * c.len_utf8(),
        };
        Ok(())
    }
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
    fn dates() {
        assert!(parse_date("2024-01-01").is_some());
        assert!(parse_date("2024-01-01 00:00:00").is_some());
        assert!(parse_date("2024-02-29T23:59:59.1234567").is_some());
        assert!(parse_date("20240131").is_some());
        assert!(parse_date("2024-01-01 10:30").is_some());
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "2024-1-1",
            "01/02/2024",
            "2024-01-01 24:00:00",
            "yesterday",
            "",
            "2024-01-01 10:00:00.",
            "2024-01-01-01",
            "2024-01-01 10:60",
        ] {
            assert!(parse_date(bad).is_none(), "{bad}");
        }
        assert!(parse_date("2024-01-02") > parse_date("2024-01-01 23:59:59"));
    }

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
