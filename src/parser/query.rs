//! Queries: `SELECT` blocks, set operators, ordering and paging; and statements.

use std::borrow::Cow;

use nom::Parser;
use nom::combinator::cut;

use crate::ast::{
    Expr, Fetch, Ident, Join, JoinHint, JoinHintKind, JoinKind, Limit, Offset, OrderByExpr, Query,
    Select, SelectItem, SetOperation, SetOperator, SortDirection, Statement, TableName, TableRef,
    Top,
};

use super::error::Opener;
use super::error::{Help, Kind, PResult, expected, fail};
use super::expr::{check_depth, close_paren, expr, starts_value};
use super::ident::{
    eat_kw, expect_kw, ident, peek_kw, starts_name, unclosed, word_ident, word_len,
};
use super::literal::number;
use super::tsql::{query_options, table_hints, variable, word_is};
use super::whitespace::{quoted_len, skip_statement, sp};
use super::{Cx, SUBQUERY_DEPTH};
use crate::keyword::Keyword;

/// A query.
///
/// ```ebnf
/// query ::= select ( set_operator select )* order_by? limit? offset? fetch?
///           query_option*
/// set_operator ::= 'UNION' 'ALL'? | 'EXCEPT' | 'INTERSECT'
/// ```
pub(crate) fn query<'a>(cx: &Cx, i: &'a str, d: usize) -> PResult<'a, Query<'a>> {
    check_depth(i, d)?;
    let i = sp(i)?;
    let (mut r, first) = select(cx, i, d)?;
    let mut set_ops = Vec::new();
    loop {
        let j = sp(r)?;
        let op = match peek_kw(j) {
            Some((Keyword::Union, _)) => SetOperator::Union,
            Some((Keyword::Except, _)) => SetOperator::Except,
            Some((Keyword::Intersect, _)) => SetOperator::Intersect,
            _ => break,
        };
        let mut k = sp(&j[word_len_of(j)..])?;
        let mut all = false;
        if op == SetOperator::Union
            && let Some(after) = eat_kw(k, Keyword::All)
        {
            all = true;
            k = after;
        }
        let (after, next) = cut(|k| select(cx, k, d)).parse(k)?;
        set_ops.push(SetOperation {
            op,
            all,
            select: next,
            span: cx.span(j, after),
        });
        r = after;
    }
    let (r, order_by) = order_by(cx, r, d)?;
    let (r, limit) = limit(cx, r, d)?;
    let (r, offset) = offset(cx, r, d)?;
    let (r, fetch) = fetch(cx, r, d)?;
    let (r, options) = query_options(cx, r)?;
    Ok((
        r,
        Query {
            select: first,
            set_ops,
            order_by,
            limit,
            offset,
            fetch,
            options,
            span: cx.span(i, r),
        },
    ))
}

fn word_len_of(i: &str) -> usize {
    super::ident::word_len(i)
}

/// A `SELECT` block. `FROM` is required; `ALL`, the default, is not kept.
///
/// ```ebnf
/// select ::= 'SELECT' ( 'DISTINCT' | 'ALL' )? top? select_list ( 'INTO' table_name )?
///            'FROM' table_ref join* ( 'WHERE' expr )?
///            ( 'GROUP' 'BY' expr ( ',' expr )* )? ( 'HAVING' expr )?
/// ```
fn select<'a>(cx: &Cx, i: &'a str, d: usize) -> PResult<'a, Select<'a>> {
    let i = sp(i)?;
    let Some(r) = eat_kw(i, Keyword::Select) else {
        return expected(i, "SELECT");
    };
    let r0 = sp(r)?;
    let (r, distinct) = match eat_kw(r0, Keyword::Distinct) {
        Some(after) => (after, Some(cx.span(r0, after))),
        None => (eat_kw(r0, Keyword::All).unwrap_or(r0), None),
    };
    let (r, top) = top(cx, r, d)?;
    let (r, items) = select_list(cx, r, d)?;
    let (r, into) = match eat_kw(sp(r)?, Keyword::Into) {
        Some(after) => {
            let (after, name) = cut(|a| table_name(cx, a)).parse(after)?;
            (after, Some(name))
        }
        None => (r, None),
    };
    let j = sp(r)?;
    let Some(r) = eat_kw(j, Keyword::From) else {
        let help = starts_value(j).then_some(Help::MissingSelectComma);
        return fail(j, Kind::Expected("FROM", help));
    };
    let (mut r, from) = cut(|r| table_ref(cx, r, d)).parse(r)?;
    let mut joins = Vec::new();
    while let Some((after, j)) = join(cx, r, d)? {
        joins.push(j);
        r = after;
    }
    let (r, selection) = match eat_kw(sp(r)?, Keyword::Where) {
        Some(after) => {
            let (after, e) = cut(|a| expr(cx, a, d)).parse(after)?;
            (after, Some(e))
        }
        None => (r, None),
    };
    let (r, group_by) = match eat_kw(sp(r)?, Keyword::Group) {
        Some(after) => {
            let (after, _) = expect_kw(after, Keyword::By)?;
            expr_list(cx, after, d)?
        }
        None => (r, Vec::new()),
    };
    let (r, having) = match eat_kw(sp(r)?, Keyword::Having) {
        Some(after) => {
            let (after, e) = cut(|a| expr(cx, a, d)).parse(after)?;
            (after, Some(e))
        }
        None => (r, None),
    };
    Ok((
        r,
        Select {
            distinct,
            top,
            items,
            into,
            from,
            joins,
            selection,
            group_by,
            having,
            span: cx.span(i, r),
        },
    ))
}

/// A comma-separated list of expressions (no parentheses around it).
fn expr_list<'a>(cx: &Cx, i: &'a str, d: usize) -> PResult<'a, Vec<Expr<'a>>> {
    let mut list = Vec::new();
    let mut i = i;
    loop {
        let (r, e) = cut(|i| expr(cx, i, d)).parse(i)?;
        list.push(e);
        match sp(r)?.strip_prefix(',') {
            Some(after) => i = after,
            None => return Ok((r, list)),
        }
    }
}

/// `TOP n` or `TOP (expr)`; `TOP (5)` reads as `TOP 5`.
///
/// ```ebnf
/// top ::= 'TOP' ( number | variable | param | '(' expr ')' ) 'PERCENT'? ( 'WITH' 'TIES' )?
/// ```
fn top<'a>(cx: &Cx, i: &'a str, d: usize) -> PResult<'a, Option<Top<'a>>> {
    let start = sp(i)?;
    let Some(r) = eat_kw(start, Keyword::Top) else {
        return Ok((i, None));
    };
    let q = sp(r)?;
    let (r, quantity) = if let Some(inner) = q.strip_prefix('(') {
        let (r, e) = cut(|r| expr(cx, r, d + 1)).parse(inner)?;
        (close_paren(r, q, "`)`")?, e)
    } else if q.starts_with(|c: char| c.is_ascii_digit()) {
        let (r, lit) = number(cx, q)?;
        (r, Expr::Literal(lit))
    } else if q.starts_with('@') {
        let (r, v) = variable(cx, q)?;
        (r, Expr::Variable(v))
    } else if q.starts_with(':') {
        // `TOP :n`, as `TOP @n` is read: E0217's fix of the one gives the other.
        let (r, p) = super::literal::param(cx, q)?;
        (r, Expr::Param(p))
    } else {
        return fail(q, Kind::Expected("a number or `(`", None));
    };
    let j = sp(r)?;
    let (r, percent) = match eat_kw(j, Keyword::Percent) {
        Some(after) => (after, true),
        None => (r, false),
    };
    let j = sp(r)?;
    let (r, with_ties) = match eat_kw(j, Keyword::With) {
        Some(after) => (expect_kw(after, Keyword::Ties)?.0, true),
        None => (r, false),
    };
    Ok((
        r,
        Some(Top {
            quantity,
            percent,
            with_ties,
            span: cx.span(start, r),
        }),
    ))
}

/// ```ebnf
/// select_list ::= select_item ( ',' select_item )*
/// ```
fn select_list<'a>(cx: &Cx, i: &'a str, d: usize) -> PResult<'a, Vec<SelectItem<'a>>> {
    let mut items = Vec::new();
    let mut i = i;
    loop {
        let j = sp(i)?;
        if !items.is_empty() && eat_kw(j, Keyword::From).is_some() {
            return fail(j, Kind::Expected("select item", Some(Help::TrailingComma)));
        }
        let (r, item) = cut(|j| select_item(cx, j, d)).parse(j)?;
        items.push(item);
        match sp(r)?.strip_prefix(',') {
            Some(after) => i = after,
            None => return Ok((r, items)),
        }
    }
}

/// ```ebnf
/// select_item ::= '*' | ident '.' '*' | ident '=' expr | expr alias?
/// alias       ::= 'AS' ( ident | reserved_word ) | ident
/// ```
fn select_item<'a>(cx: &Cx, i: &'a str, d: usize) -> PResult<'a, SelectItem<'a>> {
    let i = sp(i)?;
    if let Some(r) = i.strip_prefix('*') {
        return Ok((
            r,
            SelectItem::Wildcard {
                span: cx.span(i, r),
            },
        ));
    }
    if let Some(item) = equals_alias(cx, i, d)? {
        return Ok(item);
    }
    let (r, e) = expr(cx, i, d)?;
    // `t.*`: the expression parser stops before `.*`.
    if let Expr::Column(c) = &e
        && c.qualifier.is_none()
        && let Some(dot) = sp(r)?.strip_prefix('.')
        && let Some(after) = sp(dot)?.strip_prefix('*')
    {
        let Expr::Column(c) = e else { unreachable!() };
        return Ok((
            after,
            SelectItem::QualifiedWildcard {
                qualifier: c.name,
                span: cx.span(i, after),
            },
        ));
    }
    let (r, alias) = item_alias(cx, r)?;
    Ok((
        r,
        SelectItem::Expr {
            expr: e,
            alias,
            span: cx.span(i, r),
        },
    ))
}

/// T-SQL's other alias form, `name = expr` (`[Client Id] = ClientID`): in a field
/// list SQL Server reads it as `expr AS name`, never as a comparison, so it is kept
/// as that alias. The alias comes before the expression in the text, which is how
/// the linter tells the form apart. `None` when the item does not start so.
fn equals_alias<'a>(
    cx: &Cx,
    i: &'a str,
    d: usize,
) -> Result<Option<(&'a str, SelectItem<'a>)>, nom::Err<super::error::PError>> {
    let Ok((r, name)) = ident(cx, i) else {
        return Ok(None);
    };
    let Some(after) = sp(r)?.strip_prefix('=') else {
        return Ok(None);
    };
    let (r, e) = cut(|j| expr(cx, j, d)).parse(sp(after)?)?;
    Ok(Some((
        r,
        SelectItem::Expr {
            expr: e,
            alias: Some(name),
            span: cx.span(i, r),
        },
    )))
}

/// A field's optional alias, which T-SQL also lets people quote: `AS 'Client Id'`,
/// `'Client Id'`, `AS "Client Id"`. A quoted alias is kept as a bracketed name;
/// the linter tells it by its source text (W0410).
///
/// ```ebnf
/// item_alias ::= 'AS'? ( ident | string | quoted_name )
/// quoted_name ::= '"' ( [^"] | '""' )* '"'
/// ```
fn item_alias<'a>(cx: &Cx, i: &'a str) -> PResult<'a, Option<Ident<'a>>> {
    let j = sp(i)?;
    let q = eat_kw(j, Keyword::As).map_or(Ok(j), sp)?;
    // `N'alias'`: the national prefix changes nothing in a name.
    let start = q;
    let q = match q.as_bytes() {
        [b'N' | b'n', b'\'', ..] => &q[1..],
        _ => q,
    };
    if let Some(quote @ (b'\'' | b'"')) = q.as_bytes().first().copied() {
        if unclosed(q, quote) {
            return fail(q, Kind::Unclosed(Opener::String));
        }
        let len = quoted_len(q, quote);
        let inner = &q[1..len - 1];
        let doubled = if quote == b'\'' { "''" } else { "\"\"" };
        let value = if inner.contains(doubled) {
            Cow::Owned(inner.replace(doubled, &doubled[1..]))
        } else {
            Cow::Borrowed(inner)
        };
        let rest = &q[len..];
        return Ok((
            rest,
            Some(Ident {
                value,
                bracketed: true,
                span: cx.span(start, rest),
            }),
        ));
    }
    alias(cx, i)
}

/// An optional alias: `AS name`, or a bare name that is not a reserved word.
fn alias<'a>(cx: &Cx, i: &'a str) -> PResult<'a, Option<Ident<'a>>> {
    let j = sp(i)?;
    if let Some(r) = eat_kw(j, Keyword::As) {
        if let Some((r, a)) = keyword_alias(cx, r)? {
            return Ok((r, Some(a)));
        }
        let (r, a) = cut(|r| ident(cx, r)).parse(r)?;
        return Ok((r, Some(a)));
    }
    if starts_name(j) {
        let (r, a) = ident(cx, j)?;
        return Ok((r, Some(a)));
    }
    Ok((i, None))
}

/// `AS Order`: after `AS` only a name can stand, so a reserved word there was
/// meant as one. It is read as a bare name (which E0214 asks to write `[Order]`)
/// when what follows ends the alias: `,`, `)`, `;`, the end, or the keyword of a
/// next clause. Otherwise (`AS FROM t`: an alias left out) it stays a syntax error.
fn keyword_alias<'a>(
    cx: &Cx,
    i: &'a str,
) -> Result<Option<(&'a str, Ident<'a>)>, nom::Err<super::error::PError>> {
    let j = sp(i)?;
    let Some((k, rest)) = peek_kw(j) else {
        return Ok(None);
    };
    if !k.is_reserved() {
        return Ok(None);
    }
    let after = sp(rest)?;
    let ends = after.is_empty()
        || after.starts_with([',', ')', ';'])
        || peek_kw(after).is_some_and(|(next, _)| {
            use Keyword::*;
            matches!(
                next,
                From | Where
                    | Join
                    | Inner
                    | Left
                    | Right
                    | Full
                    | Cross
                    | On
                    | Group
                    | Order
                    | Having
                    | Union
                    | Except
                    | Intersect
                    | Into
            )
        });
    if !ends {
        return Ok(None);
    }
    let (r, name) = word_ident(cx, j)?;
    Ok(Some((r, name)))
}

/// ```ebnf
/// table_ref  ::= table_name alias? table_hints? | '(' query ')' ( alias column_names? )?
///              | table_function alias?
/// ```
fn table_ref<'a>(cx: &Cx, i: &'a str, d: usize) -> PResult<'a, TableRef<'a>> {
    let i = sp(i)?;
    if let Some(r) = i.strip_prefix('(') {
        let r = sp(r)?;
        if eat_kw(r, Keyword::Select).is_none() {
            return fail(r, Kind::Expected("SELECT", None));
        }
        let (r, q) = query(cx, r, d + SUBQUERY_DEPTH)?;
        let r = close_paren(r, i, "`)`")?;
        let (r, alias) = alias(cx, r)?;
        let (r, columns) = match &alias {
            Some(_) => column_names(cx, r)?,
            None => (r, Vec::new()),
        };
        return Ok((
            r,
            TableRef::Derived {
                subquery: Box::new(q),
                alias,
                columns,
                span: cx.span(i, r),
            },
        ));
    }
    if let Some((r, call)) = table_function(cx, i, d)? {
        let (r, alias) = alias(cx, r)?;
        return Ok((
            r,
            TableRef::Function {
                call: Box::new(call),
                alias,
                span: cx.span(i, r),
            },
        ));
    }
    let (r, name) = table_name(cx, i)?;
    let (r, alias) = alias(cx, r)?;
    let (r, hints) = match table_hints(cx, r)? {
        Some((after, h)) => (after, Some(h)),
        None => (r, None),
    };
    Ok((
        r,
        TableRef::Table {
            name,
            alias,
            hints,
            span: cx.span(i, r),
        },
    ))
}

/// T-SQL's column names after a derived table's alias, `x (id, name)`; none when
/// no `(` follows.
///
/// ```ebnf
/// column_names ::= '(' ident ( ',' ident )* ')'
/// ```
#[inline(never)]
fn column_names<'a>(cx: &Cx, i: &'a str) -> PResult<'a, Vec<Ident<'a>>> {
    let open = sp(i)?;
    let Some(mut r) = open.strip_prefix('(') else {
        return Ok((i, Vec::new()));
    };
    let mut names = Vec::new();
    loop {
        let (after, name) = cut(|k| ident(cx, k)).parse(sp(r)?)?;
        names.push(name);
        match sp(after)?.strip_prefix(',') {
            Some(next) => r = next,
            None => return Ok((close_paren(after, open, "`)`")?, names)),
        }
    }
}

/// Table hints that T-SQL takes in parentheses right after a table's name,
/// `cmClient (NOLOCK)`: a name followed by `(` and one of them is a table with
/// hints, not a call.
const PAREN_HINTS: &[&str] = &[
    "NOLOCK",
    "READUNCOMMITTED",
    "READCOMMITTED",
    "READCOMMITTEDLOCK",
    "REPEATABLEREAD",
    "SERIALIZABLE",
    "SNAPSHOT",
    "HOLDLOCK",
    "UPDLOCK",
    "XLOCK",
    "TABLOCK",
    "TABLOCKX",
    "PAGLOCK",
    "ROWLOCK",
    "NOWAIT",
    "READPAST",
    "NOEXPAND",
    "INDEX",
    "FORCESEEK",
    "FORCESCAN",
];

/// A table-valued function in `FROM` or `APPLY`, `STRING_SPLIT(c.Email, ';')`:
/// a one-part name and `(`, unless a table hint opens the parenthesis.
///
/// ```ebnf
/// table_function ::= function_call
/// ```
#[inline(never)]
fn table_function<'a>(
    cx: &Cx,
    i: &'a str,
    d: usize,
) -> Result<Option<(&'a str, Expr<'a>)>, nom::Err<super::error::PError>> {
    let Ok((r, name)) = ident(cx, i) else {
        return Ok(None);
    };
    // A temporary table (`#t`, printed `[#t]`) is never a function: what follows
    // it in parentheses is a hint, however it is spelt.
    if name.value.starts_with('#') {
        return Ok(None);
    }
    let Some(inner) = sp(r)?.strip_prefix('(') else {
        return Ok(None);
    };
    let inner = sp(inner)?;
    let word = &inner[..word_len(inner)];
    if PAREN_HINTS.iter().any(|h| h.eq_ignore_ascii_case(word)) {
        return Ok(None);
    }
    super::expr::table_call(cx, i, d + 1)
}

/// A table's name of one to four parts (a linked server's, the fourth);
/// `db..t` leaves the schema out.
///
/// ```ebnf
/// table_name ::= '#'+ word | ( ( ( ident '.' )? ident '.' )? ident? '.' )? ident
/// ```
fn table_name<'a>(cx: &Cx, i: &'a str) -> PResult<'a, TableName<'a>> {
    let i = sp(i)?;
    // A temporary table, `#t` or `##t`, is kept as the bracketed name `[#t]`, which
    // is how the printer must write it.
    if i.starts_with('#') {
        let hashes = i.bytes().take_while(|&c| c == b'#').count();
        let n = hashes + word_len(&i[hashes..]);
        if n > hashes {
            let rest = &i[n..];
            let name = Ident {
                value: Cow::Borrowed(&i[..n]),
                bracketed: true,
                span: cx.span(i, rest),
            };
            let span = name.span;
            return Ok((
                rest,
                TableName {
                    server: None,
                    database: None,
                    schema: None,
                    name,
                    span,
                },
            ));
        }
    }
    let mut parts: Vec<Option<Ident<'a>>> = Vec::with_capacity(3);
    let (mut r, first) = ident(cx, i).map_err(|_| {
        nom::Err::Error(super::error::PError::new(
            i,
            Kind::Expected("table name", None),
        ))
    })?;
    parts.push(Some(first));
    while let Some(dot) = sp(r)?.strip_prefix('.') {
        if parts.len() == 4 {
            return fail(sp(r)?, Kind::Expected("at most four name parts", None));
        }
        let k = sp(dot)?;
        // `db..t`, `srv.db..t`: the empty part is the default schema.
        if matches!(parts.len(), 1 | 2)
            && parts.last().is_some_and(Option::is_some)
            && k.starts_with('.')
        {
            parts.push(None);
            r = k;
            continue;
        }
        let (after, part) = cut(|k| ident(cx, k)).parse(k)?;
        parts.push(Some(part));
        r = after;
    }
    let name = parts.pop().flatten().expect("the last part is a name");
    let schema = parts.pop().flatten();
    let database = parts.pop().flatten();
    let server = parts.pop().flatten().map(Box::new);
    if server.is_some() && database.is_none() {
        // `srv..s.t`: only the schema may be left out.
        return fail(i, Kind::Expected("a database name after the server", None));
    }
    Ok((
        r,
        TableName {
            server,
            database,
            schema,
            name,
            span: cx.span(i, r),
        },
    ))
}

/// A join, or `None` when no join keyword follows.
///
/// ```ebnf
/// join      ::= join_kind 'JOIN' table_ref ( 'ON' expr )?
///             | ( 'CROSS' | 'OUTER' ) 'APPLY' table_ref | ',' table_ref
/// join_kind ::= 'INNER'? | ( 'INNER' | ( 'LEFT' | 'RIGHT' | 'FULL' ) 'OUTER'? ) join_hint?
///             | 'CROSS'
/// ```
fn join<'a>(
    cx: &Cx,
    i: &'a str,
    d: usize,
) -> Result<Option<(&'a str, Join<'a>)>, nom::Err<super::error::PError>> {
    let start = sp(i)?;
    if let Some(r) = start.strip_prefix(',') {
        let (r, table) = cut(|r| table_ref(cx, r, d)).parse(r)?;
        return Ok(Some((
            r,
            Join {
                kind: JoinKind::Comma,
                table,
                on: None,
                hint: None,
                span: cx.span(start, r),
            },
        )));
    }
    let Some((k, r)) = peek_kw(start) else {
        return Ok(None);
    };
    let mut hint = None;
    let (kind, r) = match k {
        Keyword::Join => (JoinKind::Inner, r),
        Keyword::Inner => {
            let (r, h) = join_hint(cx, r)?;
            hint = h;
            (JoinKind::Inner, expect_kw(r, Keyword::Join)?.0)
        }
        Keyword::Cross | Keyword::Outer if word_is(sp(r)?, "APPLY") => {
            let kind = if k == Keyword::Cross {
                JoinKind::CrossApply
            } else {
                JoinKind::OuterApply
            };
            let r = sp(r)?;
            (kind, &r[word_len(r)..])
        }
        Keyword::Cross => (JoinKind::Cross, expect_kw(r, Keyword::Join)?.0),
        Keyword::Left | Keyword::Right | Keyword::Full => {
            let kind = match k {
                Keyword::Left => JoinKind::Left,
                Keyword::Right => JoinKind::Right,
                _ => JoinKind::Full,
            };
            let r = sp(r)?;
            let r = eat_kw(r, Keyword::Outer).unwrap_or(r);
            let (r, h) = join_hint(cx, r)?;
            hint = h;
            (kind, expect_kw(r, Keyword::Join)?.0)
        }
        _ => return Ok(None),
    };
    let (r, table) = cut(|r| table_ref(cx, r, d)).parse(r)?;
    let (r, on) = match eat_kw(sp(r)?, Keyword::On) {
        Some(after) => {
            let (after, e) = cut(|a| expr(cx, a, d)).parse(after)?;
            (after, Some(e))
        }
        None => (r, None),
    };
    Ok(Some((
        r,
        Join {
            kind,
            table,
            on,
            hint,
            span: cx.span(start, r),
        },
    )))
}

/// A T-SQL join hint before `JOIN` (`INNER HASH JOIN`), or `None`.
///
/// ```ebnf
/// join_hint ::= 'HASH' | 'LOOP' | 'MERGE' | 'REMOTE'
/// ```
#[inline(never)]
fn join_hint<'a>(cx: &Cx, i: &'a str) -> PResult<'a, Option<JoinHint>> {
    let j = sp(i)?;
    let Some(kind) = JoinHintKind::ALL
        .into_iter()
        .find(|k| word_is(j, k.as_str()))
    else {
        return Ok((i, None));
    };
    let rest = &j[word_len(j)..];
    Ok((
        rest,
        Some(JoinHint {
            kind,
            span: cx.span(j, rest),
        }),
    ))
}

/// ```ebnf
/// order_by ::= 'ORDER' 'BY' order_item ( ',' order_item )*
/// order_item ::= expr ( 'ASC' | 'DESC' )?
/// ```
fn order_by<'a>(cx: &Cx, i: &'a str, d: usize) -> PResult<'a, Vec<OrderByExpr<'a>>> {
    let Some(r) = eat_kw(sp(i)?, Keyword::Order) else {
        return Ok((i, Vec::new()));
    };
    let (mut r, _) = expect_kw(r, Keyword::By)?;
    let mut items = Vec::new();
    loop {
        let start = sp(r)?;
        let (after, e) = cut(|s| expr(cx, s, d)).parse(start)?;
        let j = sp(after)?;
        let (after, direction) = match peek_kw(j) {
            Some((Keyword::Asc, a)) => (a, Some(SortDirection::Asc)),
            Some((Keyword::Desc, a)) => (a, Some(SortDirection::Desc)),
            _ => (after, None),
        };
        items.push(OrderByExpr {
            expr: e,
            direction,
            span: cx.span(start, after),
        });
        match sp(after)?.strip_prefix(',') {
            Some(next) => r = next,
            None => return Ok((after, items)),
        }
    }
}

/// ```ebnf
/// limit ::= 'LIMIT' expr
/// ```
fn limit<'a>(cx: &Cx, i: &'a str, d: usize) -> PResult<'a, Option<Limit<'a>>> {
    let start = sp(i)?;
    let Some(r) = eat_kw(start, Keyword::Limit) else {
        return Ok((i, None));
    };
    let (r, quantity) = cut(|r| expr(cx, r, d)).parse(r)?;
    Ok((
        r,
        Some(Limit {
            quantity,
            span: cx.span(start, r),
        }),
    ))
}

/// `ROW` or `ROWS`, when present.
fn rows(i: &str) -> Option<&str> {
    let j = sp(i).ok()?;
    eat_kw(j, Keyword::Rows).or_else(|| eat_kw(j, Keyword::Row))
}

/// ```ebnf
/// offset ::= 'OFFSET' expr ( 'ROW' | 'ROWS' )?
/// ```
fn offset<'a>(cx: &Cx, i: &'a str, d: usize) -> PResult<'a, Option<Offset<'a>>> {
    let start = sp(i)?;
    let Some(r) = eat_kw(start, Keyword::Offset) else {
        return Ok((i, None));
    };
    let (r, value) = cut(|r| expr(cx, r, d)).parse(r)?;
    let r = rows(r).unwrap_or(r);
    Ok((
        r,
        Some(Offset {
            value,
            span: cx.span(start, r),
        }),
    ))
}

/// ```ebnf
/// fetch ::= 'FETCH' ( 'FIRST' | 'NEXT' ) expr ( 'ROW' | 'ROWS' ) 'ONLY'
/// ```
fn fetch<'a>(cx: &Cx, i: &'a str, d: usize) -> PResult<'a, Option<Fetch<'a>>> {
    let start = sp(i)?;
    let Some(r) = eat_kw(start, Keyword::Fetch) else {
        return Ok((i, None));
    };
    let j = sp(r)?;
    let Some(r) = eat_kw(j, Keyword::Next).or_else(|| eat_kw(j, Keyword::First)) else {
        return fail(j, Kind::Expected("NEXT or FIRST", None));
    };
    let (r, quantity) = cut(|r| expr(cx, r, d)).parse(r)?;
    let Some(r) = rows(r) else {
        return fail(sp(r)?, Kind::Expected("ROWS", None));
    };
    let (r, _) = expect_kw(r, Keyword::Only)?;
    Ok((
        r,
        Some(Fetch {
            quantity,
            span: cx.span(start, r),
        }),
    ))
}

/// One statement of a script: a query, or another statement kept by its verb.
///
/// ```ebnf
/// statement   ::= query | unsupported
/// unsupported ::= ( statement_verb | 'SET' | 'USE' ) [^;]*
/// statement_verb ::= 'UPDATE' | 'DELETE' | 'INSERT' | 'EXEC' | 'EXECUTE' | 'MERGE'
///                  | 'DROP' | 'CREATE' | 'ALTER' | 'TRUNCATE' | 'DECLARE' | 'GRANT'
///                  | 'REVOKE' | 'WITH'
/// ```
pub(crate) fn statement<'a>(cx: &Cx, i: &'a str) -> PResult<'a, Statement<'a>> {
    let i = sp(i)?;
    // `SET NOCOUNT ON`, `USE db`: session statements pasted from SSMS before the
    // query. Not keywords (both stay names elsewhere), so told by their word.
    let session = word_is(i, "SET") || word_is(i, "USE");
    match peek_kw(i) {
        _ if session => unsupported(cx, i),
        Some((k, _)) if k.is_statement_verb() => unsupported(cx, i),
        _ => {
            let (r, q) = query(cx, i, 0)?;
            Ok((r, Statement::Query(q)))
        }
    }
}

/// A statement other than a query, kept as its verb and span.
#[inline(never)]
fn unsupported<'a>(cx: &Cx, i: &'a str) -> PResult<'a, Statement<'a>> {
    let (r, verb) = word_ident(cx, i)?;
    let (end, rest) = skip_statement(r);
    let end = cx.pos(r) + end;
    Ok((
        rest,
        Statement::Unsupported {
            verb,
            span: crate::ast::Span::new(cx.pos(i), end),
        },
    ))
}
