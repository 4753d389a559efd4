//! The nom parser: CRQL text to [`crate::ast`].
//!
//! The entry points are re-exported at the crate root ([`crate::parse`],
//! [`crate::parse_script`], [`crate::parse_expr`], [`crate::parse_where`]); this
//! module adds the error type and the bounds every input is held to.
//!
//! [`tokens`] is the crate's one lexical scanner, for tools that must read text the
//! parser rejects (the language server); it shares the parser's own helpers.
//!
//! Inside, small private modules, one per layer: `whitespace` (blanks and comments),
//! `ident` (names, with the shared [`crate::keyword`] table), `literal`, `expr` (one
//! function per precedence level), `query` (SELECT, joins, paging, statements) and
//! `error` (the private error type and its one conversion to [`Diagnostic`]). Each
//! parser function repeats its rule of `grammar/crql.ebnf` in its doc comment.
//!
//! The parser borrows names and literals from the text (`Cow::Borrowed`) unless
//! they hold an escape (`''`, `]]`), and reads each keyword as a word classified
//! once. Nesting depth, operator count and input size are bounded (E0002), so no
//! input can overflow the stack of the parser or of the code that walks the tree.

use std::cell::Cell;
use std::sync::Arc;

use miette::{LabeledSpan, SourceCode};

use crate::ast::{Expr, Query, Script, Span, Statement};
use crate::diagnostic::Diagnostic;
use crate::keyword;

mod error;
mod expr;
mod ident;
mod lex;
mod literal;
mod query;
mod tsql;
mod whitespace;

// Only the language server reads bracketed names outside the parser.
#[cfg(feature = "lsp")]
pub(crate) use ident::unbracket;
pub use lex::{Token, TokenKind, Tokens, tokens};

use error::{Help, Kind, PError, PResult, fail};
use whitespace::sp;

/// Deepest nesting (parentheses, prefix operators, call arguments, lists)
/// accepted before E0002; a subquery counts [`SUBQUERY_DEPTH`] levels.
pub const MAX_DEPTH: usize = 64;
/// How many levels of [`MAX_DEPTH`] one subquery uses: parsing a query takes
/// several times the stack of a parenthesis, so at most 8 subqueries nest.
pub const SUBQUERY_DEPTH: usize = 8;
/// Largest input accepted before E0002, in bytes.
pub const MAX_INPUT_BYTES: usize = 1 << 20;
/// Most operators (binary operators and `IN`/`BETWEEN`/`LIKE`/`IS` predicates)
/// accepted in one statement before E0002.
///
/// An operator chain such as `a = 1 OR a = 2 OR ...` makes a tree as deep as the
/// chain is long, and everything that walks the tree (drop, printer, linter,
/// serde) recurses on it; this bound keeps those walks safe on a 2 MiB thread. A
/// CRQL query is at most 2048 characters: a realistic chain (`a = 1 OR a = 2 OR
/// ...`, two operators per 10 characters) stays far below; only a bare `1+1+...`
/// of more than 2000 characters reaches it.
pub const MAX_OPERATORS: usize = 1000;

/// Parsing state shared by the parser functions: the input length (a position is
/// `len - rest.len()`, since every rest is a suffix of the input) and the operator
/// count of the current statement.
pub(crate) struct Cx {
    len: usize,
    ops: Cell<usize>,
}

impl Cx {
    fn new(text: &str) -> Self {
        Cx {
            len: text.len(),
            ops: Cell::new(0),
        }
    }

    /// Byte offset of `rest` in the input.
    pub(crate) fn pos(&self, rest: &str) -> usize {
        self.len - rest.len()
    }

    /// The span from `start` (a rest) to `end` (a later rest).
    pub(crate) fn span(&self, start: &str, end: &str) -> Span {
        Span::new(self.pos(start), self.pos(end))
    }

    /// The span from offset `start` to `end` (a rest).
    pub(crate) fn span_from(&self, start: usize, end: &str) -> Span {
        Span::new(start, self.pos(end))
    }

    /// Counts one operator at `at`; fails with E0002 past [`MAX_OPERATORS`].
    pub(crate) fn count_op(&self, at: &str) -> Result<(), nom::Err<PError>> {
        let n = self.ops.get() + 1;
        self.ops.set(n);
        if n > MAX_OPERATORS {
            return Err(nom::Err::Failure(PError::new(at, Kind::TooManyOperators)));
        }
        Ok(())
    }
}

/// A syntax error (E0001), a limit exceeded (E0002), or a statement that is not a
/// query where one was required (E0206).
///
/// It carries the source text, so `miette::Report::new(err)` renders the labelled
/// snippet; name the source (a file path) with [`ParseError::with_source_name`].
#[derive(Clone)]
pub struct ParseError {
    // Boxed: errors are rare and `Result<Query, ParseError>` should stay small.
    inner: Box<Inner>,
}

#[derive(Clone)]
struct Inner {
    diagnostic: Diagnostic,
    source: Arc<crate::diagnostic::source::Source>,
}

impl ParseError {
    fn new(text: &str, e: &PError) -> Self {
        let diagnostic = error::to_diagnostic(text, e);
        // A too-large input is not copied into the error (nor rendered).
        let text = if matches!(e.kind, Kind::TooLarge) {
            ""
        } else {
            text
        };
        ParseError {
            inner: Box::new(Inner {
                diagnostic,
                source: Arc::new(crate::diagnostic::source::Source::new(
                    "input",
                    text.to_owned(),
                )),
            }),
        }
    }

    /// The diagnostic, without the source text.
    pub fn diagnostic(&self) -> &Diagnostic {
        &self.inner.diagnostic
    }

    /// The diagnostic's code: `E0001` (syntax), `E0002` (limit) or `E0206`.
    pub fn code(&self) -> crate::diagnostic::Code {
        self.inner.diagnostic.code
    }

    /// The labelled byte span.
    pub fn span(&self) -> Span {
        self.inner.diagnostic.span
    }

    /// Names the source (such as a file path) for rendering.
    pub fn with_source_name(mut self, name: impl AsRef<str>) -> Self {
        let text = self.inner.source.inner().clone();
        self.inner.source = Arc::new(crate::diagnostic::source::Source::new(name, text));
        self
    }

    /// The source name (`input` unless set).
    pub fn source_name(&self) -> &str {
        self.inner.source.name()
    }

    /// The diagnostic, consuming the error.
    pub fn into_diagnostic(self) -> Diagnostic {
        self.inner.diagnostic
    }
}

impl std::fmt::Debug for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParseError")
            .field("diagnostic", &self.inner.diagnostic)
            .field("source", &self.inner.source.name())
            .finish()
    }
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&self.inner.diagnostic, f)
    }
}

impl std::error::Error for ParseError {}

impl miette::Diagnostic for ParseError {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        miette::Diagnostic::code(&self.inner.diagnostic)
    }
    fn severity(&self) -> Option<miette::Severity> {
        miette::Diagnostic::severity(&self.inner.diagnostic)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        miette::Diagnostic::help(&self.inner.diagnostic)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        miette::Diagnostic::labels(&self.inner.diagnostic)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&*self.inner.source as &dyn SourceCode)
    }
}

/// Runs a parser over the whole text, turning its error into a [`ParseError`].
fn run<'a, T>(
    text: &'a str,
    f: impl FnOnce(&Cx, &'a str) -> PResult<'a, T>,
) -> Result<T, ParseError> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(ParseError::new(
            text,
            &PError {
                rest: text.len(),
                kind: Kind::TooLarge,
            },
        ));
    }
    let cx = Cx::new(text);
    // A UTF-8 byte-order mark (what SSMS and many Windows editors save) is not part
    // of the query; spans stay offsets into `text`, since `cx` measures from its end.
    match f(&cx, text.strip_prefix('\u{FEFF}').unwrap_or(text)) {
        Ok((_, v)) => Ok(v),
        Err(nom::Err::Error(e) | nom::Err::Failure(e)) => Err(ParseError::new(text, &e)),
        Err(nom::Err::Incomplete(_)) => Err(ParseError::new(
            text,
            &PError {
                rest: 0,
                kind: Kind::Expected("more input", None),
            },
        )),
    }
}

/// Requires the end of the input (after blanks and one optional `;`).
fn end<'a>(i: &'a str, what: &'static str) -> PResult<'a, ()> {
    let j = sp(i)?;
    if j.is_empty() {
        return Ok((j, ()));
    }
    if let Some(after) = j.strip_prefix(';') {
        let k = sp(after)?;
        if k.is_empty() {
            return Ok((k, ()));
        }
        return fail(
            k,
            Kind::Expected("end of input", Some(Help::UseParseScript)),
        );
    }
    fail(j, Kind::Expected(what, None))
}

/// Parses one query, with an optional trailing `;`.
///
/// A statement other than a query (`DELETE ...`) is an error with code E0206.
///
/// ```
/// let q = crql::parse("select TOP 5 ClientID from cmClient where ClientID > 0").unwrap();
/// assert_eq!(q.to_string(), "SELECT TOP 5 ClientID FROM cmClient WHERE ClientID > 0");
/// let e = crql::parse("DELETE FROM cmClient").unwrap_err();
/// assert_eq!(e.code(), "E0206");
/// ```
pub fn parse(text: &str) -> Result<Query<'_>, ParseError> {
    run(text, |cx, i| {
        let (r, st) = query::statement(cx, i)?;
        match st {
            Statement::Query(q) => {
                end(r, "end of query")?;
                Ok((r, q))
            }
            Statement::Unsupported { verb, .. } => {
                let at = &i[verb.span.start..];
                fail(
                    at,
                    Kind::Unsupported {
                        len: verb.span.len(),
                    },
                )
            }
        }
    })
}

/// Parses a `;`-separated script (optional trailing `;`), keeping every comment.
///
/// ```ebnf
/// script ::= ( statement ( ';' statement )* ';'? )?
/// ```
pub fn parse_script(text: &str) -> Result<Script<'_>, ParseError> {
    run(text, |cx, i| {
        let mut statements = Vec::new();
        let mut r = sp(i)?;
        loop {
            // Empty statements (`;;`) are skipped.
            while let Some(after) = r.strip_prefix(';') {
                r = sp(after)?;
            }
            if r.is_empty() {
                break;
            }
            cx.ops.set(0);
            let (after, st) = query::statement(cx, r)?;
            statements.push(st);
            let j = sp(after)?;
            if j.is_empty() {
                break;
            }
            match j.strip_prefix(';') {
                Some(next) => r = sp(next)?,
                None => return fail(j, Kind::Expected("`;` or end of input", None)),
            }
        }
        let script = Script {
            statements,
            comments: whitespace::comments(text),
            span: Span::new(0, text.len()),
        };
        Ok(("", script))
    })
}

/// Parses an expression alone: `ClientID IN (1, 2) AND ExitDate IS NULL`.
pub fn parse_expr(text: &str) -> Result<Expr<'_>, ParseError> {
    run(text, |cx, i| {
        let (r, e) = expr::expr(cx, i, 0)?;
        end(r, "end of expression")?;
        Ok((r, e))
    })
}

/// Parses a WHERE clause alone, with or without the `WHERE` keyword.
///
/// ```ebnf
/// where_clause ::= 'WHERE'? expr
/// ```
pub fn parse_where(text: &str) -> Result<Expr<'_>, ParseError> {
    run(text, |cx, i| {
        let j = sp(i)?;
        let j = ident::eat_kw(j, keyword::Keyword::Where).unwrap_or(j);
        let (r, e) = expr::expr(cx, j, 0)?;
        end(r, "end of condition")?;
        Ok((r, e))
    })
}

/// The E0206 error for a statement other than a query (kept by
/// [`parse_script`] as [`Statement::Unsupported`]), with `text` as its source.
pub fn unsupported_error(text: &str, verb: &crate::ast::Ident<'_>) -> ParseError {
    let start = verb.span.start.min(text.len());
    ParseError::new(
        text,
        &PError {
            rest: text.len() - start,
            kind: Kind::Unsupported {
                len: verb.span.len().min(text.len() - start),
            },
        },
    )
}
