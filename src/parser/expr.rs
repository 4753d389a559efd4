//! Expressions, one function per precedence level, loosest first:
//! `OR` < `AND` < `NOT` < comparisons (`= <> != < <= > >=`, `IN`, `BETWEEN`, `LIKE`,
//! `IS`) < `+ -` < `* / %` < prefix `- +`. Binary operators are left-associative.
//!
//! Every function takes the nesting depth `d`; each way back into a looser level
//! (parentheses, prefix operators, calls, lists) passes `d + 1`, a subquery
//! `d + SUBQUERY_DEPTH`, and
//! [`check_depth`] stops at [`super::MAX_DEPTH`] before the stack is at risk.
//! Operator chains are flat loops, bounded by [`Cx::count_op`].

use nom::Parser;
use nom::combinator::cut;

use crate::ast::precedence::{ADDITIVE, COMPARISON, NOT};
use crate::ast::{BinaryOp, ColumnPrefix, ColumnRef, Expr, FunctionArgs, Ident, Literal, UnaryOp};
use crate::keyword::Keyword;

use super::error::{Help, Kind, PError, PResult, expected, fail};
use super::ident::{eat_kw, expect_kw, ident, peek_kw, word_ident, word_len};
use super::literal::{number, param, string};
use super::query::query;
use super::tsql::{case, data_type, variable, window, word_is};
use super::whitespace::sp;
use super::{Cx, MAX_DEPTH, SUBQUERY_DEPTH};

/// Fails with E0002 once nesting passes [`MAX_DEPTH`].
pub(crate) fn check_depth(i: &str, d: usize) -> PResult<'_, ()> {
    if d > MAX_DEPTH {
        return fail(i, Kind::TooDeep);
    }
    Ok((i, ()))
}

/// Turns a recoverable error into a failure: the caller has committed (nom's
/// `cut`, as a plain function so that the deep recursion gains no frames).
fn commit<T>(r: PResult<'_, T>) -> PResult<'_, T> {
    r.map_err(|e| match e {
        nom::Err::Error(e) => nom::Err::Failure(e),
        e => e,
    })
}

/// An expression.
///
/// ```ebnf
/// expr ::= or_expr
/// ```
pub(crate) fn expr<'a>(cx: &Cx, i: &'a str, d: usize) -> PResult<'a, Expr<'a>> {
    check_depth(i, d)?;
    binary(cx, i, d, 0)
}

/// An infix operator found after an operand.
#[derive(Clone, Copy)]
enum Infix {
    Binary(BinaryOp),
    /// `IN`, `BETWEEN`, `LIKE` (the bool: after `NOT`) or `IS`; `NOT` alone is an
    /// error reported where a predicate may stand.
    Predicate(Keyword, bool),
}

impl Infix {
    fn precedence(self) -> u8 {
        match self {
            Infix::Binary(op) => op.precedence(),
            Infix::Predicate(..) => COMPARISON,
        }
    }
}

/// The infix operator at the start of `j`, if any, and the rest after it.
fn peek_infix(j: &str) -> Result<Option<(Infix, &str)>, nom::Err<PError>> {
    if let Some((op, r)) = comparison_op(j) {
        return Ok(Some((Infix::Binary(op), r)));
    }
    let op = match j.as_bytes().first() {
        Some(b'+') => BinaryOp::Plus,
        Some(b'-') => BinaryOp::Minus,
        Some(b'*') => BinaryOp::Multiply,
        Some(b'/') => BinaryOp::Divide,
        Some(b'%') => BinaryOp::Modulo,
        _ => {
            let Some((k, r)) = peek_kw(j) else {
                return Ok(None);
            };
            return Ok(match k {
                Keyword::Or => Some((Infix::Binary(BinaryOp::Or), r)),
                Keyword::And => Some((Infix::Binary(BinaryOp::And), r)),
                Keyword::In | Keyword::Between | Keyword::Like | Keyword::Is => {
                    Some((Infix::Predicate(k, false), r))
                }
                Keyword::Not => {
                    let r = sp(r)?;
                    match peek_kw(r) {
                        Some((k @ (Keyword::In | Keyword::Between | Keyword::Like), r)) => {
                            Some((Infix::Predicate(k, true), r))
                        }
                        // Reported by the caller when a predicate may stand here.
                        _ => Some((Infix::Predicate(Keyword::Not, true), r)),
                    }
                }
                _ => None,
            });
        }
    };
    Ok(Some((Infix::Binary(op), &j[1..])))
}

/// Binary operators and predicates by precedence climbing: every operator binding
/// at least as tight as `min` is folded here, left-associatively, in a loop; the
/// right operand is read at the next level up. One function for all levels keeps
/// the stack shallow per parenthesis.
///
/// ```ebnf
/// or_expr        ::= and_expr ( 'OR' and_expr )*
/// and_expr       ::= not_expr ( 'AND' not_expr )*
/// comparison     ::= additive ( comparison_op additive | predicate )*
/// comparison_op  ::= '=' | '<>' | '!=' | '<' | '<=' | '>' | '>='
/// predicate      ::= 'NOT'? 'IN' '(' ( query | expr_list ) ')'
///                  | 'NOT'? 'BETWEEN' additive 'AND' additive
///                  | 'NOT'? 'LIKE' additive ( 'ESCAPE' additive )?
///                  | 'IS' 'NOT'? 'NULL'
/// additive       ::= multiplicative ( ( '+' | '-' ) multiplicative )*
/// multiplicative ::= unary ( ( '*' | '/' | '%' ) unary )*
/// ```
fn binary<'a>(cx: &Cx, i: &'a str, d: usize, min: u8) -> PResult<'a, Expr<'a>> {
    let (mut i, mut left) = prefix(cx, i, d, min)?;
    loop {
        let j = sp(i)?;
        let Some((op, r)) = peek_infix(j)? else {
            return Ok((i, left));
        };
        let p = op.precedence();
        // An operator binding tighter than `left`'s own cannot take `left` as its
        // operand unparenthesised (`a IS NULL / 2`, `a IN (1) + 2`,
        // `NOT EXISTS (...) = 1`): no printing of such a tree parses back to it, so
        // it is left unread and reported by the caller. (Found by fuzz/roundtrip.)
        if p < min || p > left.precedence() {
            return Ok((i, left));
        }
        cx.count_op(j)?;
        let (r, e) = apply_infix(cx, op, r, d, left)?;
        left = e;
        i = r;
    }
}

/// Reads the right-hand side of the infix operator `op` (`r` is past it) and
/// builds the node. Kept apart from [`binary`] so that its locals do not weigh on
/// every level of parentheses.
fn apply_infix<'a>(
    cx: &Cx,
    op: Infix,
    r: &'a str,
    d: usize,
    left: Expr<'a>,
) -> PResult<'a, Expr<'a>> {
    match op {
        Infix::Binary(op) => {
            let (r, right) = commit(binary(cx, r, d, op.operand_min().1))?;
            Ok((r, fold(left, op, right)))
        }
        Infix::Predicate(Keyword::In, negated) => in_tail(cx, r, d, left, negated),
        Infix::Predicate(Keyword::Between, negated) => between_tail(cx, r, d, left, negated),
        Infix::Predicate(Keyword::Like, negated) => like_tail(cx, r, d, left, negated),
        Infix::Predicate(Keyword::Is, _) => is_tail(cx, r, left),
        Infix::Predicate(..) => fail(r, Kind::Expected("IN, BETWEEN or LIKE", None)),
    }
}

fn fold<'a>(left: Expr<'a>, op: BinaryOp, right: Expr<'a>) -> Expr<'a> {
    let span = left.span().union(right.span());
    Expr::Binary {
        left: Box::new(left),
        op,
        right: Box::new(right),
        span,
    }
}

/// A comparison operator at the start of `i`, and the rest after it.
fn comparison_op(i: &str) -> Option<(BinaryOp, &str)> {
    let b = i.as_bytes();
    let (op, n) = match (b.first(), b.get(1)) {
        (Some(b'='), _) => (BinaryOp::Eq, 1),
        (Some(b'<'), Some(b'>')) => (BinaryOp::NotEq, 2),
        (Some(b'!'), Some(b'=')) => (BinaryOp::NotEq, 2),
        (Some(b'<'), Some(b'=')) => (BinaryOp::LtEq, 2),
        (Some(b'>'), Some(b'=')) => (BinaryOp::GtEq, 2),
        (Some(b'<'), _) => (BinaryOp::Lt, 1),
        (Some(b'>'), _) => (BinaryOp::Gt, 1),
        _ => return None,
    };
    Some((op, &i[n..]))
}

/// The bounds of `BETWEEN`, read at additive level so that the `AND` is its own.
fn between_tail<'a>(
    cx: &Cx,
    r: &'a str,
    d: usize,
    left: Expr<'a>,
    negated: bool,
) -> PResult<'a, Expr<'a>> {
    let start = left.span().start;
    let (r, low) = commit(binary(cx, r, d, ADDITIVE))?;
    let (r, _) = expect_kw(r, Keyword::And)?;
    let (r, high) = commit(binary(cx, r, d, ADDITIVE))?;
    let e = Expr::Between {
        expr: Box::new(left),
        negated,
        low: Box::new(low),
        high: Box::new(high),
        span: cx.span_from(start, r),
    };
    Ok((r, e))
}

/// The pattern (and escape) of `LIKE`.
fn like_tail<'a>(
    cx: &Cx,
    r: &'a str,
    d: usize,
    left: Expr<'a>,
    negated: bool,
) -> PResult<'a, Expr<'a>> {
    let start = left.span().start;
    let (mut r, pattern) = commit(binary(cx, r, d, ADDITIVE))?;
    let mut escape = None;
    if let Some(s) = eat_kw(sp(r)?, Keyword::Escape) {
        let (s, e) = commit(binary(cx, s, d, ADDITIVE))?;
        escape = Some(Box::new(e));
        r = s;
    }
    let e = Expr::Like {
        expr: Box::new(left),
        negated,
        pattern: Box::new(pattern),
        escape,
        span: cx.span_from(start, r),
    };
    Ok((r, e))
}

/// `[NOT] NULL` after `IS`.
fn is_tail<'a>(cx: &Cx, r: &'a str, left: Expr<'a>) -> PResult<'a, Expr<'a>> {
    let start = left.span().start;
    let r = sp(r)?;
    let (r, negated) = match eat_kw(r, Keyword::Not) {
        Some(r) => (r, true),
        None => (r, false),
    };
    let (r, _) = expect_kw(r, Keyword::Null)?;
    let e = Expr::IsNull {
        expr: Box::new(left),
        negated,
        span: cx.span_from(start, r),
    };
    Ok((r, e))
}

/// The part of an `IN` after the keyword: a parenthesised list or subquery.
fn in_tail<'a>(
    cx: &Cx,
    i: &'a str,
    d: usize,
    left: Expr<'a>,
    negated: bool,
) -> PResult<'a, Expr<'a>> {
    let start = left.span().start;
    let open = sp(i)?;
    let Some(r) = open.strip_prefix('(') else {
        return fail(open, Kind::Expected("`(`", None));
    };
    let r = sp(r)?;
    if peek_kw(r).is_some_and(|(k, _)| k == Keyword::Select) {
        let (r, q) = query(cx, r, d + SUBQUERY_DEPTH)?;
        let r = close_paren(r, open, "`)`")?;
        let e = Expr::InSubquery {
            expr: Box::new(left),
            subquery: Box::new(q),
            negated,
            span: cx.span_from(start, r),
        };
        return Ok((r, e));
    }
    let (r, list) = expr_list(cx, r, open, d + 1)?;
    let e = Expr::InList {
        expr: Box::new(left),
        list,
        negated,
        span: cx.span_from(start, r),
    };
    Ok((r, e))
}

/// A comma-separated list of expressions closed by `)` (opened at `open`).
///
/// ```ebnf
/// expr_list ::= expr ( ',' expr )*
/// ```
fn expr_list<'a>(cx: &Cx, mut i: &'a str, open: &'a str, d: usize) -> PResult<'a, Vec<Expr<'a>>> {
    let mut list = Vec::new();
    loop {
        let (r, e) = cut(|r| expr(cx, r, d)).parse(i)?;
        list.push(e);
        let r = sp(r)?;
        if let Some(r) = r.strip_prefix(',') {
            i = r;
            continue;
        }
        if let Some(r) = r.strip_prefix(')') {
            return Ok((r, list));
        }
        return Err(unclosed_or(r, open, "`,` or `)`", Help::MissingListComma));
    }
}

/// Consumes the `)` matching the `(` at `open`.
pub(crate) fn close_paren<'a>(
    i: &'a str,
    open: &str,
    what: &'static str,
) -> Result<&'a str, nom::Err<super::error::PError>> {
    let r = sp(i)?;
    match r.strip_prefix(')') {
        Some(r) => Ok(r),
        None => Err(unclosed_or(r, open, what, Help::MissingListComma)),
    }
}

/// At the end of the input (or statement), the parenthesis at `open` is unclosed;
/// elsewhere, `what` was expected.
fn unclosed_or(
    r: &str,
    open: &str,
    what: &'static str,
    help: Help,
) -> nom::Err<super::error::PError> {
    let kind = if r.is_empty() || r.starts_with(';') {
        Kind::UnclosedParen {
            open_rest: open.len(),
        }
    } else if what == "`,` or `)`" && starts_value(r) {
        Kind::Expected(what, Some(help))
    } else {
        Kind::Expected(what, None)
    };
    nom::Err::Failure(super::error::PError::new(r, kind))
}

/// True when `i` starts something that looks like a value (a likely missing comma).
pub(crate) fn starts_value(i: &str) -> bool {
    let b = i.as_bytes();
    match b.first() {
        Some(c) if c.is_ascii_digit() || matches!(c, b'\'' | b'[' | b':') => true,
        _ => super::ident::starts_name(i),
    }
}

/// A prefix operator and its operand, or a primary. `NOT` binds looser than the
/// comparisons it applies to (precedence 3), so it is only read where `min` allows;
/// `NOT EXISTS (...)` is one node, [`Expr::Exists`] with `negated`. A negative
/// number is `-` applied to an unsigned literal.
///
/// ```ebnf
/// not_expr ::= 'NOT' 'EXISTS' subquery | 'NOT' not_expr | comparison
/// unary    ::= ( '-' | '+' ) unary | collated
/// ```
fn prefix<'a>(cx: &Cx, i: &'a str, d: usize, min: u8) -> PResult<'a, Expr<'a>> {
    check_depth(i, d)?;
    let i = sp(i)?;
    let op = match i.as_bytes().first() {
        Some(b'-') => UnaryOp::Minus,
        Some(b'+') => UnaryOp::Plus,
        _ => match eat_kw(i, Keyword::Not) {
            Some(r) if min <= NOT => return not_operand(cx, i, r, d),
            _ => return primary(cx, i, d),
        },
    };
    let (rest, e) = commit(prefix(cx, &i[1..], d + 1, op.precedence()))?;
    Ok((
        rest,
        Expr::Unary {
            op,
            expr: Box::new(e),
            span: cx.span(i, rest),
        },
    ))
}

/// What follows a prefix `NOT` (at `i`; `r` is past the keyword).
fn not_operand<'a>(cx: &Cx, i: &'a str, r: &'a str, d: usize) -> PResult<'a, Expr<'a>> {
    let r = sp(r)?;
    if let Some(r) = eat_kw(r, Keyword::Exists) {
        let (rest, q) = subquery(cx, r, d + SUBQUERY_DEPTH)?;
        return Ok((
            rest,
            Expr::Exists {
                query: Box::new(q),
                negated: true,
                span: cx.span(i, rest),
            },
        ));
    }
    let (rest, e) = commit(binary(cx, r, d + 1, NOT))?;
    Ok((
        rest,
        Expr::Unary {
            op: UnaryOp::Not,
            expr: Box::new(e),
            span: cx.span(i, rest),
        },
    ))
}

/// A primary, and the `COLLATE` that may follow it.
///
/// ```ebnf
/// collated ::= primary ( 'COLLATE' ident )?
/// ```
fn primary<'a>(cx: &Cx, i: &'a str, d: usize) -> PResult<'a, Expr<'a>> {
    let (r, e) = atom(cx, i, d)?;
    collate_tail(cx, i, r, e)
}

/// `COLLATE name` after the primary `e` (from `i` to `r`), when one follows.
#[inline(never)]
fn collate_tail<'a>(cx: &Cx, i: &'a str, r: &'a str, e: Expr<'a>) -> PResult<'a, Expr<'a>> {
    let Some(after) = eat_kw(sp(r)?, Keyword::Collate) else {
        return Ok((r, e));
    };
    let (rest, collation) = cut(|a| ident(cx, a)).parse(after)?;
    Ok((
        rest,
        Expr::Collate {
            expr: Box::new(e),
            collation,
            span: cx.span(i, rest),
        },
    ))
}

/// ```ebnf
/// primary ::= literal | param | variable | '(' expr ')' | '(' query ')'
///           | 'EXISTS' subquery | case_expr | function_call | column
/// literal ::= string | number | 'NULL'
/// ```
fn atom<'a>(cx: &Cx, i: &'a str, d: usize) -> PResult<'a, Expr<'a>> {
    let b = i.as_bytes();
    match b.first() {
        Some(b'(') => paren(cx, i, d),
        Some(b'\'') => literal(cx, i),
        Some(b'N' | b'n') if b.get(1) == Some(&b'\'') => literal(cx, i),
        Some(c)
            if c.is_ascii_digit() || (*c == b'.' && b.get(1).is_some_and(u8::is_ascii_digit)) =>
        {
            literal(cx, i)
        }
        Some(b':') => param(cx, i).map(|(r, p)| (r, Expr::Param(p))),
        Some(b'@') => variable(cx, i).map(|(r, v)| (r, Expr::Variable(v))),
        Some(b'[') => name_or_call(cx, i, d),
        Some(_) if word_len(i) > 0 => match peek_kw(i) {
            Some((Keyword::Null, _)) => literal(cx, i),
            Some((Keyword::Exists, r)) => exists(cx, i, r, d),
            Some((Keyword::Case, r)) => case(cx, i, r, d),
            Some((Keyword::Left | Keyword::Right, r)) if sp(r)?.starts_with('(') => {
                name_or_call(cx, i, d)
            }
            Some((k, _)) if k.is_reserved() => expected(i, "expression"),
            _ => name_or_call(cx, i, d),
        },
        _ => expected(i, "expression"),
    }
}

/// A string, a number or `NULL` (the caller has checked which).
fn literal<'a>(cx: &Cx, i: &'a str) -> PResult<'a, Expr<'a>> {
    let (r, l) = match i.as_bytes().first() {
        Some(b'\'' | b'N' | b'n') if !i.starts_with(['N', 'n']) || i[1..].starts_with('\'') => {
            string(cx, i)?
        }
        Some(c) if c.is_ascii_digit() || *c == b'.' => number(cx, i)?,
        _ => {
            let r = &i[4..];
            (
                r,
                Literal::Null {
                    span: cx.span(i, r),
                },
            )
        }
    };
    Ok((r, Expr::Literal(l)))
}

/// `( expr )` or `( query )`.
fn paren<'a>(cx: &Cx, i: &'a str, d: usize) -> PResult<'a, Expr<'a>> {
    let r = sp(&i[1..])?;
    if peek_kw(r).is_some_and(|(k, _)| k == Keyword::Select) {
        return scalar_subquery(cx, i, r, d);
    }
    let (r, e) = commit(expr(cx, r, d + 1))?;
    let rest = close_paren(r, i, "`)`")?;
    Ok((
        rest,
        Expr::Nested {
            expr: Box::new(e),
            span: cx.span(i, rest),
        },
    ))
}

/// `( query )` as a value; `r` is at `SELECT`.
fn scalar_subquery<'a>(cx: &Cx, i: &'a str, r: &'a str, d: usize) -> PResult<'a, Expr<'a>> {
    let (r, q) = query(cx, r, d + SUBQUERY_DEPTH)?;
    let rest = close_paren(r, i, "`)`")?;
    Ok((
        rest,
        Expr::Subquery {
            query: Box::new(q),
            span: cx.span(i, rest),
        },
    ))
}

/// `EXISTS ( query )`; `r` is past the keyword.
fn exists<'a>(cx: &Cx, i: &'a str, r: &'a str, d: usize) -> PResult<'a, Expr<'a>> {
    let (rest, q) = subquery(cx, r, d + SUBQUERY_DEPTH)?;
    Ok((
        rest,
        Expr::Exists {
            query: Box::new(q),
            negated: false,
            span: cx.span(i, rest),
        },
    ))
}

/// `( query )` after `EXISTS`.
///
/// ```ebnf
/// subquery ::= '(' query ')'
/// ```
fn subquery<'a>(cx: &Cx, i: &'a str, d: usize) -> PResult<'a, crate::ast::Query<'a>> {
    let open = sp(i)?;
    let Some(r) = open.strip_prefix('(') else {
        return fail(open, Kind::Expected("`(`", None));
    };
    let (r, q) = cut(|r| query(cx, r, d)).parse(r)?;
    let rest = close_paren(r, open, "`)`")?;
    Ok((rest, q))
}

/// `x AS type)` of `CAST(`; `a` is past the `(` at `open`. Apart from
/// [`name_or_call`] so that its frame, paid per level of nesting, stays small.
#[inline(never)]
fn cast_args<'a>(cx: &Cx, a: &'a str, open: &'a str, d: usize) -> PResult<'a, FunctionArgs<'a>> {
    let (a, e) = commit(expr(cx, a, d + 1))?;
    let (a, _) = expect_kw(a, Keyword::As)?;
    let (a, data_type) = data_type(cx, a)?;
    let args = FunctionArgs::Cast {
        expr: Box::new(e),
        data_type: Box::new(data_type),
    };
    Ok((close_paren(a, open, "`)`")?, args))
}

/// The rest of a dotted column name after `first.`, at `k`: `t.c`, and T-SQL's
/// `dbo.t.c` and `db.dbo.t.c`, whose schema and database are kept as the column's
/// prefix. Apart from [`name_or_call`] so that its frame stays small.
#[inline(never)]
fn dotted_column<'a>(cx: &Cx, i: &'a str, first: Ident<'a>, k: &'a str) -> PResult<'a, Expr<'a>> {
    let (mut rest, second) = cut(|k| ident(cx, k)).parse(k)?;
    let mut parts = vec![first, second];
    while let Some(dot) = sp(rest)?.strip_prefix('.') {
        // `dbo.t.*` is left to the caller, as `t.*` is.
        if sp(dot)?.starts_with('*') {
            break;
        }
        if parts.len() == 4 {
            return fail(sp(rest)?, Kind::Expected("at most four name parts", None));
        }
        let (after, part) = cut(|k| ident(cx, k)).parse(sp(dot)?)?;
        parts.push(part);
        rest = after;
    }
    let name = parts.pop().expect("two parts at least");
    let qualifier = parts.pop();
    let prefix = parts.pop().map(|schema| {
        Box::new(ColumnPrefix {
            database: parts.pop(),
            schema,
        })
    });
    Ok((
        rest,
        Expr::Column(ColumnRef {
            prefix,
            qualifier: qualifier.map(Box::new),
            name,
            span: cx.span(i, rest),
        }),
    ))
}

/// A call in `FROM`, a table-valued function (`STRING_SPLIT(x, ',')`); `i` is at
/// its name. `None` when what stands there is not a call.
#[inline(never)]
pub(crate) fn table_call<'a>(
    cx: &Cx,
    i: &'a str,
    d: usize,
) -> Result<Option<(&'a str, Expr<'a>)>, nom::Err<PError>> {
    match name_or_call(cx, i, d)? {
        (r, call @ Expr::Function { .. }) => Ok(Some((r, call))),
        _ => Ok(None),
    }
}

/// A column, or a call when a `(` follows the name.
///
/// ```ebnf
/// column        ::= ( ( ident '.' )? ident '.' )? ( ident '.' )? ident
/// function_call ::= ident '(' ( '*' | 'DISTINCT'? expr_list? | expr 'AS' data_type ) ')'
///                   window?
/// ```
fn name_or_call<'a>(cx: &Cx, i: &'a str, d: usize) -> PResult<'a, Expr<'a>> {
    let (r, first) = if i.starts_with('[') {
        ident(cx, i)?
    } else {
        word_ident(cx, i)?
    };
    let j = sp(r)?;
    if let Some(open_rest) = j.strip_prefix('(') {
        check_depth(j, d + 1)?;
        let a = sp(open_rest)?;
        let cast = word_is(&first.value, "CAST") || word_is(&first.value, "TRY_CAST");
        let (rest, args, distinct) = if cast && !first.bracketed && !a.starts_with(')') {
            let (a, args) = cast_args(cx, a, j, d)?;
            (a, args, false)
        } else if let Some(after) = a.strip_prefix('*') {
            let args = FunctionArgs::Star {
                span: cx.span(a, after),
            };
            (close_paren(after, j, "`)`")?, args, false)
        } else if let Some(a) = a.strip_prefix(')') {
            (a, FunctionArgs::List(Vec::new()), false)
        } else {
            let (a, distinct) = match eat_kw(a, Keyword::Distinct) {
                Some(a) => (a, true),
                None => (a, false),
            };
            let (a, list) = expr_list(cx, a, j, d + 1)?;
            (a, FunctionArgs::List(list), distinct)
        };
        let call = Expr::Function {
            name: first,
            args,
            distinct,
            span: cx.span(i, rest),
        };
        return match window(cx, rest, d + 1)? {
            Some((rest, spec)) => Ok((
                rest,
                Expr::Window {
                    function: Box::new(call),
                    spec: Box::new(spec),
                    span: cx.span(i, rest),
                },
            )),
            None => Ok((rest, call)),
        };
    }
    if let Some(k) = j.strip_prefix('.') {
        // `t.*` is a select item, not an expression: leave the dot for the caller.
        if !sp(k)?.starts_with('*') {
            return dotted_column(cx, i, first, k);
        }
    }
    let span = first.span;
    Ok((
        r,
        Expr::Column(ColumnRef {
            prefix: None,
            qualifier: None,
            name: first,
            span,
        }),
    ))
}
