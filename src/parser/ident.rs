//! Names: plain words, `[bracketed names]`, and the keyword helpers built on words.

use std::borrow::Cow;

use crate::ast::Ident;

use super::Cx;
use super::error::{Kind, Opener, PResult, expected, fail};
use super::whitespace::{quoted_len, quoted_run, sp};
use crate::keyword::Keyword;

/// Length of the plain word at the start of `i` (0 when there is none).
///
/// ```ebnf
/// word ::= [A-Za-z_] [A-Za-z0-9_]*
/// ```
pub(crate) fn word_len(i: &str) -> usize {
    let b = i.as_bytes();
    match b.first() {
        Some(c) if c.is_ascii_alphabetic() || *c == b'_' => {
            1 + b[1..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
                .count()
        }
        _ => 0,
    }
}

/// The keyword at the start of `i` (already past whitespace), and the rest after it.
/// A word is read once and classified; a longer word (`SELECTED`) is no keyword.
pub(crate) fn peek_kw(i: &str) -> Option<(Keyword, &str)> {
    let n = word_len(i);
    if n == 0 {
        return None;
    }
    Keyword::lookup(&i[..n]).map(|k| (k, &i[n..]))
}

/// Consumes keyword `k` at the start of `i` (already past whitespace).
pub(crate) fn eat_kw(i: &str, k: Keyword) -> Option<&str> {
    match peek_kw(i) {
        Some((found, rest)) if found == k => Some(rest),
        _ => None,
    }
}

/// Requires keyword `k` after whitespace; an error names it ("expected BY").
pub(crate) fn expect_kw(i: &str, k: Keyword) -> PResult<'_, &str> {
    let i = sp(i)?;
    match eat_kw(i, k) {
        Some(rest) => Ok((rest, i)),
        None => fail(i, Kind::Expected(k.as_str(), None)),
    }
}

/// True when `i` (past whitespace) starts a name: a bracket, or a word that is not
/// a reserved keyword.
pub(crate) fn starts_name(i: &str) -> bool {
    if i.starts_with('[') {
        return true;
    }
    let n = word_len(i);
    n > 0 && !Keyword::lookup(&i[..n]).is_some_and(Keyword::is_reserved)
}

/// A name.
///
/// ```ebnf
/// ident          ::= plain_name | bracketed_name
/// plain_name     ::= word - reserved_word
/// bracketed_name ::= '[' ( [^#x5D] | ']]' )* ']'
/// ```
pub(crate) fn ident<'a>(cx: &Cx, i: &'a str) -> PResult<'a, Ident<'a>> {
    let i = sp(i)?;
    if i.starts_with('[') {
        return bracketed(cx, i);
    }
    let n = word_len(i);
    if n == 0 || Keyword::lookup(&i[..n]).is_some_and(Keyword::is_reserved) {
        return expected(i, "name");
    }
    let (word, rest) = i.split_at(n);
    Ok((
        rest,
        Ident {
            value: Cow::Borrowed(word),
            bracketed: false,
            span: cx.span(i, rest),
        },
    ))
}

/// A word that may be a keyword, kept as a name (a function name such as `LEFT`, or
/// the verb of an unsupported statement).
pub(crate) fn word_ident<'a>(cx: &Cx, i: &'a str) -> PResult<'a, Ident<'a>> {
    let i = sp(i)?;
    let n = word_len(i);
    if n == 0 {
        return expected(i, "name");
    }
    let (word, rest) = i.split_at(n);
    Ok((
        rest,
        Ident {
            value: Cow::Borrowed(word),
            bracketed: false,
            span: cx.span(i, rest),
        },
    ))
}

/// `[name]`, with `]]` standing for `]`. Borrowed unless it holds an escape.
fn bracketed<'a>(cx: &Cx, i: &'a str) -> PResult<'a, Ident<'a>> {
    if unclosed(i, b']') {
        return fail(i, Kind::Unclosed(Opener::Bracket));
    }
    let len = quoted_len(i, b']');
    let value = unbracket(&i[..len]);
    let rest = &i[len..];
    Ok((
        rest,
        Ident {
            value,
            bracketed: true,
            span: cx.span(i, rest),
        },
    ))
}

/// The name a `[bracketed name]` spells: the brackets dropped, `]]` read as `]`.
/// Forgiving, for editors: a missing closing bracket is no error here. Borrowed
/// unless it holds an escape.
pub(crate) fn unbracket(s: &str) -> Cow<'_, str> {
    let inner = s.strip_prefix('[').unwrap_or(s);
    // In an unclosed name the last `]` ends a `]]` pair; dropping it leaves a lone
    // `]` that the replacement below reads the same as the pair.
    let inner = inner.strip_suffix(']').unwrap_or(inner);
    if inner.contains("]]") {
        Cow::Owned(inner.replace("]]", "]"))
    } else {
        Cow::Borrowed(inner)
    }
}

/// True when the quoted run starting `i` and reaching the end of input has no
/// closing character of its own (its last `close` is part of a doubled pair).
pub(crate) fn unclosed(i: &str, close: u8) -> bool {
    !quoted_run(i, close).1
}
