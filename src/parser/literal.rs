//! Literals and parameters: strings, numbers, `NULL`, `:name`.

use std::borrow::Cow;

use crate::ast::{Literal, Param};

use super::Cx;
use super::error::{Kind, Opener, PResult, expected, fail};
use super::ident::{unclosed, word_len};
use super::whitespace::quoted_len;

/// A string literal, with `''` standing for `'`; `N'..'` is a national string.
/// Borrowed unless it holds an escape. `i` starts at the quote or the `N`.
///
/// ```ebnf
/// string ::= 'N'? "'" ( [^'] | "''" )* "'"
/// ```
pub(crate) fn string<'a>(cx: &Cx, i: &'a str) -> PResult<'a, Literal<'a>> {
    let national = i.starts_with(['N', 'n']);
    let q = if national { &i[1..] } else { i };
    let len = quoted_len(q, b'\'');
    if len < 2 || unclosed(q, b'\'') {
        return fail(i, Kind::Unclosed(Opener::String));
    }
    let inner = &q[1..len - 1];
    let value = if inner.contains("''") {
        Cow::Owned(inner.replace("''", "'"))
    } else {
        Cow::Borrowed(inner)
    };
    let rest = &q[len..];
    Ok((
        rest,
        Literal::String {
            value,
            national,
            span: cx.span(i, rest),
        },
    ))
}

/// An unsigned number, kept as written. With a `.` or an exponent it is a decimal.
///
/// ```ebnf
/// number   ::= ( digits ( '.' digits? )? | '.' digits ) exponent?
/// exponent ::= [eE] [+-]? digits
/// digits   ::= [0-9]+
/// ```
pub(crate) fn number<'a>(cx: &Cx, i: &'a str) -> PResult<'a, Literal<'a>> {
    let Some((k, decimal)) = number_len(i) else {
        return expected(i, "number");
    };
    let (text, rest) = i.split_at(k);
    let span = cx.span(i, rest);
    let text = Cow::Borrowed(text);
    Ok((
        rest,
        if decimal {
            Literal::Decimal { text, span }
        } else {
            Literal::Integer { text, span }
        },
    ))
}

/// A named parameter. `i` starts at the colon.
///
/// ```ebnf
/// param ::= ':' word
/// ```
pub(crate) fn param<'a>(cx: &Cx, i: &'a str) -> PResult<'a, Param<'a>> {
    let n = word_len(&i[1..]);
    if n == 0 {
        return fail(&i[1..], Kind::Expected("parameter name", None));
    }
    let rest = &i[1 + n..];
    Ok((
        rest,
        Param {
            name: Cow::Borrowed(&i[1..1 + n]),
            span: cx.span(i, rest),
        },
    ))
}

/// The length of the [`number`] at the start of `i` and whether it is a decimal;
/// `None` when `i` starts no number. An exponent without digits (`1e`) is not part
/// of the number.
pub(crate) fn number_len(i: &str) -> Option<(usize, bool)> {
    let b = i.as_bytes();
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut k = digits(0);
    let mut decimal = false;
    if b.get(k) == Some(&b'.') {
        let frac = digits(k + 1);
        if k == 0 && frac == 0 {
            return None;
        }
        k += 1 + frac;
        decimal = true;
    }
    if k == 0 {
        return None;
    }
    if matches!(b.get(k), Some(b'e' | b'E')) {
        let sign = usize::from(matches!(b.get(k + 1), Some(b'+' | b'-')));
        let exp = digits(k + 1 + sign);
        if exp > 0 {
            k += 1 + sign + exp;
            decimal = true;
        }
    }
    Some((k, decimal))
}
