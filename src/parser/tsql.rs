//! The T-SQL that people paste, read so that the linter can name the CRQL rule it
//! breaks: variables, `CASE`, `CAST`, windows, `COLLATE`, table hints, and the
//! trailing `FOR`/`OPTION` clauses.
//!
//! Clauses CRQL cannot run and whose inside matters to no rule (hints, `OPTION`,
//! `FOR XML`, window frames) are kept as their tokens, joined by [`token_text`]'s
//! spacing, so that they print back and parse again to the same text.

use std::borrow::Cow;

use nom::Parser;
use nom::combinator::cut;

use crate::ast::{
    CaseWhen, DataType, Expr, OrderByExpr, QueryOption, QueryOptionKind, SortDirection, TableHints,
    Variable, WindowSpec,
};
use crate::keyword::Keyword;

use super::Cx;
use super::error::{Kind, PError, PResult, fail};
use super::expr::{close_paren, expr};
use super::ident::{eat_kw, expect_kw, ident, peek_kw, word_len};
use super::whitespace::{quoted_len, sp};

/// A T-SQL variable; `i` starts at the `@`.
///
/// ```ebnf
/// variable ::= '@' '@'? word
/// ```
#[inline(never)]
pub(crate) fn variable<'a>(cx: &Cx, i: &'a str) -> PResult<'a, Variable<'a>> {
    let system = i.starts_with("@@");
    let at = if system { 2 } else { 1 };
    let n = word_len(&i[at..]);
    if n == 0 {
        return fail(&i[at..], Kind::Expected("variable name", None));
    }
    let rest = &i[at + n..];
    Ok((
        rest,
        Variable {
            name: Cow::Borrowed(&i[at..at + n]),
            system,
            span: cx.span(i, rest),
        },
    ))
}

/// `CASE ... END`; `r` is past `CASE`, `i` at it.
///
/// ```ebnf
/// case_expr ::= 'CASE' expr? ( 'WHEN' expr 'THEN' expr )+ ( 'ELSE' expr )? 'END'
/// ```
#[inline(never)]
pub(crate) fn case<'a>(cx: &Cx, i: &'a str, r: &'a str, d: usize) -> PResult<'a, Expr<'a>> {
    let mut r = sp(r)?;
    let operand = if eat_kw(r, Keyword::When).is_some() {
        None
    } else {
        let (after, e) = cut(|r| expr(cx, r, d + 1)).parse(r)?;
        r = sp(after)?;
        Some(Box::new(e))
    };
    let mut branches = Vec::new();
    while let Some(after) = eat_kw(r, Keyword::When) {
        let (after, condition) = cut(|a| expr(cx, a, d + 1)).parse(after)?;
        let (after, _) = expect_kw(after, Keyword::Then)?;
        let (after, result) = cut(|a| expr(cx, a, d + 1)).parse(after)?;
        branches.push(CaseWhen {
            condition,
            result,
            span: cx.span(r, after),
        });
        r = sp(after)?;
    }
    if branches.is_empty() {
        return fail(r, Kind::Expected("WHEN", None));
    }
    let else_result = match eat_kw(r, Keyword::Else) {
        Some(after) => {
            let (after, e) = cut(|a| expr(cx, a, d + 1)).parse(after)?;
            r = after;
            Some(Box::new(e))
        }
        None => None,
    };
    let (rest, _) = expect_kw(r, Keyword::End)?;
    Ok((
        rest,
        Expr::Case {
            operand,
            branches,
            else_result,
            span: cx.span(i, rest),
        },
    ))
}

/// The type after `AS` in `CAST(x AS type)`.
///
/// ```ebnf
/// data_type ::= ident ( '(' ( number | 'MAX' ) ( ',' number )? ')' )?
/// ```
#[inline(never)]
pub(crate) fn data_type<'a>(cx: &Cx, i: &'a str) -> PResult<'a, DataType<'a>> {
    let i = sp(i)?;
    let (r, _) = ident(cx, i).map_err(|_| failure(i, Kind::Expected("data type", None)))?;
    let name = &i[..i.len() - r.len()];
    let j = sp(r)?;
    let Some(open) = j.strip_prefix('(') else {
        return Ok((
            r,
            DataType {
                text: Cow::Borrowed(name),
                span: cx.span(i, r),
            },
        ));
    };
    let mut args = Vec::new();
    let mut k = open;
    loop {
        let a = sp(k)?;
        let n = a.bytes().take_while(|c| c.is_ascii_alphanumeric()).count();
        if n == 0 {
            return fail(a, Kind::Expected("a length or MAX", None));
        }
        args.push(&a[..n]);
        let b = sp(&a[n..])?;
        match b.strip_prefix(',') {
            Some(after) => k = after,
            None => {
                let rest = close_paren(b, j, "`)`")?;
                let text = format!("{name}({})", args.join(", "));
                return Ok((
                    rest,
                    DataType {
                        text: Cow::Owned(text),
                        span: cx.span(i, rest),
                    },
                ));
            }
        }
    }
}

/// `OVER (...)` after a call; `None` when no `OVER` follows.
///
/// ```ebnf
/// window ::= 'OVER' '(' ( 'PARTITION' 'BY' expr ( ',' expr )* )?
///            ( 'ORDER' 'BY' order_item ( ',' order_item )* )? frame? ')'
/// ```
#[inline(never)]
pub(crate) fn window<'a>(
    cx: &Cx,
    i: &'a str,
    d: usize,
) -> Result<Option<(&'a str, WindowSpec<'a>)>, nom::Err<PError>> {
    let Some(r) = eat_kw(sp(i)?, Keyword::Over) else {
        return Ok(None);
    };
    let open = sp(r)?;
    let Some(mut r) = open.strip_prefix('(') else {
        return Err(failure(open, Kind::Expected("`(`", None)));
    };
    let mut partition_by = Vec::new();
    let j = sp(r)?;
    if word_is(j, "PARTITION") {
        let (after, _) = expect_kw(&j[9..], Keyword::By)?;
        r = after;
        loop {
            let (after, e) = cut(|a| expr(cx, a, d + 1)).parse(r)?;
            partition_by.push(e);
            r = after;
            match sp(r)?.strip_prefix(',') {
                Some(next) => r = next,
                None => break,
            }
        }
    }
    let mut order_by = Vec::new();
    if let Some(after) = eat_kw(sp(r)?, Keyword::Order) {
        let (after, _) = expect_kw(after, Keyword::By)?;
        r = after;
        loop {
            let start = sp(r)?;
            let (after, e) = cut(|a| expr(cx, a, d + 1)).parse(start)?;
            let k = sp(after)?;
            let (after, direction) = match peek_kw(k) {
                Some((Keyword::Asc, a)) => (a, Some(SortDirection::Asc)),
                Some((Keyword::Desc, a)) => (a, Some(SortDirection::Desc)),
                _ => (after, None),
            };
            order_by.push(OrderByExpr {
                expr: e,
                direction,
                span: cx.span(start, after),
            });
            r = after;
            match sp(r)?.strip_prefix(',') {
                Some(next) => r = next,
                None => break,
            }
        }
    }
    let (r, frame) = token_text(sp(r)?, Stop::Paren)?;
    let rest = close_paren(r, open, "`)`")?;
    let frame = (!frame.is_empty()).then_some(frame);
    Ok(Some((
        rest,
        WindowSpec {
            partition_by,
            order_by,
            frame,
        },
    )))
}

/// Table hints after a table and its alias: `WITH (NOLOCK)`, `(NOLOCK)`; `None`
/// when none follow.
///
/// ```ebnf
/// table_hints ::= 'WITH'? '(' hint ( ','? hint )* ')'
/// hint        ::= word ( '(' [^)]* ')' | '=' token )?
/// ```
#[inline(never)]
pub(crate) fn table_hints<'a>(
    cx: &Cx,
    i: &'a str,
) -> Result<Option<(&'a str, TableHints<'a>)>, nom::Err<PError>> {
    let start = sp(i)?;
    let (with, open) = match eat_kw(start, Keyword::With) {
        Some(after) => {
            let open = sp(after)?;
            if !open.starts_with('(') {
                return Err(failure(open, Kind::Expected("`(` and a table hint", None)));
            }
            (true, open)
        }
        // Without WITH, only `(word` reads as a hint: `(SELECT` is not one.
        None if start.starts_with('(')
            && sp(&start[1..]).is_ok_and(|k| word_len(k) > 0 && peek_kw(k).is_none()) =>
        {
            (false, start)
        }
        None => return Ok(None),
    };
    let mut r = &open[1..];
    let mut hints = Vec::new();
    loop {
        let (after, text) = token_text(sp(r)?, Stop::Item)?;
        if text.is_empty() {
            return Err(failure(sp(after)?, Kind::Expected("a table hint", None)));
        }
        hints.push(text);
        let k = sp(after)?;
        match k.strip_prefix(',') {
            Some(next) => r = next,
            None => {
                let rest = close_paren(k, open, "`)`")?;
                return Ok(Some((
                    rest,
                    TableHints {
                        with,
                        hints,
                        span: cx.span(start, rest),
                    },
                )));
            }
        }
    }
}

/// T-SQL's trailing clauses after a query: `FOR XML ...`, `FOR JSON ...`,
/// `FOR BROWSE`, `OPTION (...)`.
///
/// ```ebnf
/// query_option ::= 'FOR' ( 'XML' | 'JSON' | 'BROWSE' ) token* | 'OPTION' '(' token* ')'
/// ```
#[inline(never)]
pub(crate) fn query_options<'a>(cx: &Cx, i: &'a str) -> PResult<'a, Vec<QueryOption<'a>>> {
    let mut out = Vec::new();
    let mut r = i;
    loop {
        let start = sp(r)?;
        let (after, kind) = match peek_kw(start) {
            Some((Keyword::For, after)) => {
                let k = sp(after)?;
                let kind = if word_is(k, "XML") {
                    QueryOptionKind::ForXml
                } else if word_is(k, "JSON") {
                    QueryOptionKind::ForJson
                } else if word_is(k, "BROWSE") {
                    QueryOptionKind::ForBrowse
                } else {
                    return fail(k, Kind::Expected("XML, JSON or BROWSE", None));
                };
                (&k[word_len(k)..], kind)
            }
            Some((Keyword::Option, after)) => {
                let k = sp(after)?;
                if !k.starts_with('(') {
                    return fail(k, Kind::Expected("`(`", None));
                }
                (after, QueryOptionKind::Option)
            }
            _ => return Ok((r, out)),
        };
        let (after, text) = token_text(sp(after)?, Stop::Clause)?;
        out.push(QueryOption {
            kind,
            text,
            span: cx.span(start, after),
        });
        r = after;
    }
}

fn failure(at: &str, kind: Kind) -> nom::Err<PError> {
    nom::Err::Failure(PError::new(at, kind))
}

/// True when `i` starts with the whole word `w` (any case).
pub(crate) fn word_is(i: &str, w: &str) -> bool {
    let n = word_len(i);
    n == w.len() && i[..n].eq_ignore_ascii_case(w)
}

/// Where [`token_text`] stops, at parenthesis depth 0 (and always at `;`, at an
/// unmatched `)` and at the end of the input).
#[derive(Clone, Copy, PartialEq)]
enum Stop {
    /// At the `)` that closes the enclosing parenthesis (a window frame).
    Paren,
    /// Also at `,` (one table hint).
    Item,
    /// Also at the next `OPTION`, `FOR` or set operator (a trailing clause).
    Clause,
}

/// The tokens from `i` up to the stop, joined into one canonical text: one space
/// between tokens, none after `(` or `.` nor before `(`, `)`, `,` or `.`, comments
/// left out. Printing the text and reading it again gives the same text.
fn token_text<'a>(i: &'a str, stop: Stop) -> PResult<'a, Cow<'a, str>> {
    let mut out = String::new();
    let mut r = i;
    let mut depth = 0usize;
    let mut prev: Option<u8> = None;
    loop {
        r = sp(r)?;
        let b = r.as_bytes();
        let Some(&c) = b.first() else { break };
        match c {
            b';' => break,
            b')' if depth == 0 => break,
            b',' if depth == 0 && stop == Stop::Item => break,
            _ if depth == 0
                && stop == Stop::Clause
                && matches!(
                    peek_kw(r),
                    Some((
                        Keyword::Option
                            | Keyword::For
                            | Keyword::Union
                            | Keyword::Except
                            | Keyword::Intersect,
                        _
                    ))
                ) =>
            {
                break;
            }
            _ => {}
        }
        // A vertical tab that starts no blank run (see `blank_len`) still separates
        // two tokens here: kept as a token, it would print as the space that joins
        // them, and the text would read back with one token fewer.
        if c == 0x0b {
            r = &r[1..];
            continue;
        }
        let len = match c {
            b'\'' => quoted_len(r, b'\''),
            b'N' | b'n' if b.get(1) == Some(&b'\'') => 1 + quoted_len(&r[1..], b'\''),
            b'[' => quoted_len(r, b']'),
            b'"' => quoted_len(r, b'"'),
            b'@' => {
                let name = r.trim_start_matches('@');
                r.len() - name.len() + word_len(name)
            }
            c if c.is_ascii_alphanumeric() || c == b'_' => r
                .bytes()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == b'_')
                .count(),
            _ => r.chars().next().map_or(1, char::len_utf8),
        };
        match c {
            b'(' => depth += 1,
            b')' => depth -= 1,
            _ => {}
        }
        let glued = matches!(prev, Some(b'(' | b'.')) || matches!(c, b'(' | b')' | b',' | b'.');
        if prev.is_some() && !glued {
            out.push(' ');
        }
        out.push_str(&r[..len]);
        prev = Some(c);
        r = &r[len..];
    }
    let consumed = i[..i.len() - r.len()].trim_end();
    let text = if consumed == out {
        Cow::Borrowed(consumed)
    } else {
        Cow::Owned(out)
    };
    Ok((r, text))
}
