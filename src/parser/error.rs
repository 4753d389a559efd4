//! The parser's private error type and its one conversion to the public
//! [`Diagnostic`].
//!
//! Inside the parser an error is only a position (how much input was left) and a
//! typed kind: cheap to make and to throw away when an alternative backtracks. The
//! message, the label span and the help are computed once, in [`to_diagnostic`],
//! from the source text.

use nom::error::{ErrorKind, ParseError};

use crate::ast::Span;
use crate::diagnostic::{Code, Diagnostic};
use crate::keyword::Keyword;

use super::{MAX_DEPTH, MAX_INPUT_BYTES, MAX_OPERATORS};

/// `nom::IResult` with the parser's error type.
pub(crate) type PResult<'a, O> = nom::IResult<&'a str, O, PError>;

/// A parse failure: where (as the length of the input left, which `or` compares to
/// keep the furthest failure) and what.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct PError {
    pub rest: usize,
    pub kind: Kind,
}

/// What went wrong.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Kind {
    /// A token was expected here: "expected X, found <the token here>".
    Expected(&'static str, Option<Help>),
    /// Something opened at `rest` is never closed (the label goes on the opener).
    Unclosed(Opener),
    /// A `(` opened at `open_rest` is never closed; the input ends (or the statement
    /// does) where the failure is.
    UnclosedParen { open_rest: usize },
    /// A statement other than a query where a query must be; `len` is the verb's.
    Unsupported { len: usize },
    /// Nesting deeper than [`MAX_DEPTH`].
    TooDeep,
    /// More than [`MAX_OPERATORS`] operators in one statement.
    TooManyOperators,
    /// Input longer than [`MAX_INPUT_BYTES`].
    TooLarge,
    /// A nom combinator failed; no better description.
    Nom(ErrorKind),
}

/// Help for a likely mistake, attached where the parser can tell.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Help {
    TrailingComma,
    MissingSelectComma,
    MissingListComma,
    UseParseScript,
}

/// What was left open.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Opener {
    String,
    Bracket,
    Comment,
}

impl PError {
    pub fn new(rest: &str, kind: Kind) -> Self {
        PError {
            rest: rest.len(),
            kind,
        }
    }
}

/// A recoverable "expected X" error at `rest`.
pub(crate) fn expected<T>(rest: &str, what: &'static str) -> PResult<'static, T> {
    Err(nom::Err::Error(PError::new(
        rest,
        Kind::Expected(what, None),
    )))
}

/// An unrecoverable error at `rest`: the parser has committed to a production.
pub(crate) fn fail<T>(rest: &str, kind: Kind) -> PResult<'static, T> {
    Err(nom::Err::Failure(PError::new(rest, kind)))
}

impl ParseError<&str> for PError {
    fn from_error_kind(input: &str, kind: ErrorKind) -> Self {
        PError::new(input, Kind::Nom(kind))
    }

    fn append(_: &str, _: ErrorKind, other: Self) -> Self {
        other
    }

    /// Keeps the failure that got furthest into the input: it names what the user
    /// most likely meant.
    fn or(self, other: Self) -> Self {
        if other.rest <= self.rest { other } else { self }
    }
}

/// Converts a parser error into the public diagnostic. This is the only place where
/// messages, labels and help texts are written.
pub(crate) fn to_diagnostic(src: &str, e: &PError) -> Diagnostic {
    let at = src.len().saturating_sub(e.rest);
    let found = token_at(src, at);
    match &e.kind {
        Kind::Expected(what, help) => {
            // At the end of the input there is no token to underline: the label
            // goes on the last one, so that the report shows where the text stops.
            let (span, label) = match last_token(src, found.span.start) {
                Some(last) if found.text.is_empty() => {
                    (last, format!("expected {what} after this"))
                }
                _ => (found.span, format!("expected {what}")),
            };
            let mut d = Diagnostic::error(
                Code::E0001,
                span,
                format!("expected {what}, found {}", found.describe()),
            )
            .with_label(label);
            let bracketed;
            let typo;
            let help = match help {
                _ if near_keyword(found.text).is_some() => {
                    let k = near_keyword(found.text).unwrap_or_default();
                    typo = format!("did you mean `{k}`?");
                    Some(typo.as_str())
                }
                _ if last_token(src, found.span.start)
                    .and_then(|p| near_keyword(&src[p.range()]))
                    .is_some() =>
                {
                    let p = last_token(src, found.span.start).unwrap_or(found.span);
                    let word = &src[p.range()];
                    let k = near_keyword(word).unwrap_or_default();
                    typo = format!("did you mean `{k}`? `{word}` reads as a name here");
                    Some(typo.as_str())
                }
                _ if found.text.starts_with('@') => Some(
                    "CRQL has no variables: name the table itself, and write a value as a \
                     `:name` parameter",
                ),
                _ if reserved_as_name(src, &found) => {
                    bracketed =
                        format!("`{0}` is a reserved word: write it as `[{0}]`", found.text);
                    Some(bracketed.as_str())
                }
                _ if found.text.starts_with(|c: char| c.is_ascii_alphabetic())
                    && src[..found.span.start].ends_with('\'') =>
                {
                    Some("a quote inside a string is written twice: 'O''Brien'")
                }
                _ if found
                    .text
                    .starts_with(|c: char| !c.is_ascii() && c.is_alphabetic()) =>
                {
                    Some("write a name with letters other than A-Z, digits and _ in [brackets]")
                }
                _ if found.text.starts_with('"') => Some(
                    "use single quotes for strings, [brackets] for names: \
                     \"text\" is not a CRQL string",
                ),
                Some(Help::TrailingComma) => Some("remove the comma before FROM"),
                Some(Help::MissingSelectComma) => {
                    Some("separate the select items with a comma (`a, b`)")
                }
                Some(Help::MissingListComma) => Some("separate the list items with a comma"),
                Some(Help::UseParseScript) => {
                    Some("to read several `;`-separated statements, parse them as a script")
                }
                None => None,
            };
            if let Some(h) = help {
                d = d.with_help(h);
            }
            d
        }
        Kind::Unclosed(opener) => {
            let (len, what, help) = match opener {
                Opener::String => (
                    if src[at..].starts_with(['N', 'n']) {
                        2
                    } else {
                        1
                    },
                    "string literal",
                    "close the string with `'`; write `''` for a quote inside it",
                ),
                Opener::Bracket => (
                    1,
                    "bracketed name",
                    "close the name with `]`; write `]]` for a bracket inside it",
                ),
                Opener::Comment => (2, "block comment", "close the comment with `*/`"),
            };
            Diagnostic::error(
                Code::E0001,
                Span::new(at, at + len),
                format!("unclosed {what}"),
            )
            .with_label(format!("this {what} is never closed"))
            .with_help(help)
        }
        Kind::UnclosedParen { open_rest } => {
            let open = src.len().saturating_sub(*open_rest);
            Diagnostic::error(
                Code::E0001,
                Span::new(open, open + 1),
                format!("expected `)`, found {}", found.describe()),
            )
            .with_label("this parenthesis is never closed")
            .with_help("add the missing `)`")
        }
        Kind::Unsupported { len } => Diagnostic::error(
            Code::E0206,
            Span::new(at, at + len),
            format!(
                "`{}` is not a query: CRQL only reads with SELECT",
                src.get(at..at + len).unwrap_or("").to_ascii_uppercase()
            ),
        )
        .with_label("not a SELECT")
        .with_help(
            "write data through CTObjects (`/cto/{table}`) or a stored procedure \
             (`POST /crql/storedprocedures/{name}`), not through CRQL",
        ),
        Kind::TooDeep => Diagnostic::error(
            Code::E0002,
            found.span,
            format!("nesting deeper than {MAX_DEPTH} levels"),
        )
        .with_label("too deeply nested")
        .with_help("remove redundant parentheses or prefix operators"),
        Kind::TooManyOperators => Diagnostic::error(
            Code::E0002,
            found.span,
            format!("more than {MAX_OPERATORS} operators in one statement"),
        )
        .with_label("one operator too many")
        .with_help("a CRQL query is at most 2048 characters; split the condition"),
        Kind::TooLarge => Diagnostic::error(
            Code::E0002,
            Span::empty(),
            format!(
                "input is {} bytes, more than the {MAX_INPUT_BYTES} accepted",
                src.len()
            ),
        )
        .with_label("input too large")
        .with_help("a CRQL query is at most 2048 characters once URL-encoded"),
        Kind::Nom(kind) => Diagnostic::error(
            Code::E0001,
            found.span,
            format!("unexpected {} ({})", found.describe(), kind.description()),
        ),
    }
}

/// Reserved words that people also use as column and table names (`Order`,
/// `Percent`, `Left`...). The words that shape a query (`SELECT`, `WHERE`, `AND`,
/// `ALL`, `BY`...) are not among them: out of place, they are a misplaced clause
/// far more often than a name; nor is `MERGE`, which is a join hint (`MERGE JOIN`)
/// before it is a name.
const NAME_LIKE_KEYWORDS: &[Keyword] = &[
    Keyword::Order,
    Keyword::Group,
    Keyword::Percent,
    Keyword::Top,
    Keyword::Left,
    Keyword::Right,
    Keyword::Full,
    Keyword::Asc,
    Keyword::Desc,
    Keyword::End,
    Keyword::Values,
    Keyword::Limit,
    Keyword::Offset,
    Keyword::Fetch,
    Keyword::Option,
    Keyword::Over,
    Keyword::Escape,
    Keyword::Update,
    Keyword::Delete,
    Keyword::Insert,
    Keyword::Grant,
];

/// True when `found` is a reserved word standing where a name would: a
/// name-like keyword followed by what follows a name (`,`, `.`, `)`, an
/// operator, the end, or a clause keyword such as FROM or WHERE). `ORDER BY` out
/// of place is not a name.
fn reserved_as_name(src: &str, found: &Found<'_>) -> bool {
    if !Keyword::lookup(found.text).is_some_and(|k| NAME_LIKE_KEYWORDS.contains(&k)) {
        return false;
    }
    let next = token_at(src, found.span.end);
    match next.text.as_bytes().first() {
        None => true,
        Some(b',' | b'.' | b')' | b'=' | b'<' | b'>' | b'!' | b';') => true,
        Some(_) => matches!(
            Keyword::lookup(next.text),
            Some(
                Keyword::From
                    | Keyword::Where
                    | Keyword::As
                    | Keyword::On
                    | Keyword::And
                    | Keyword::Or
                    | Keyword::Join
                    | Keyword::Inner
                    | Keyword::Is
                    | Keyword::In
                    | Keyword::Like
                    | Keyword::Between
                    | Keyword::Not
            )
        ),
    }
}

/// The clause keyword that `word` is one typing slip away from (`FORM`, `WHER`,
/// `SELCT`): a letter missing, extra, wrong or swapped with its neighbour.
fn near_keyword(word: &str) -> Option<&'static str> {
    const CLAUSES: &[&str] = &[
        "SELECT", "FROM", "WHERE", "ORDER", "GROUP", "JOIN", "INNER", "HAVING", "BETWEEN",
    ];
    if word.len() < 4 || !word.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let upper = word.to_ascii_uppercase();
    CLAUSES
        .iter()
        .copied()
        .find(|k| *k != upper && one_slip(upper.as_bytes(), k.as_bytes()))
}

/// True when `a` becomes `b` by one insertion, deletion, substitution or swap of
/// adjacent letters.
fn one_slip(a: &[u8], b: &[u8]) -> bool {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    match a.len() as isize - b.len() as isize {
        0 => a[1..] == b[1..] || (a.len() >= 2 && a[0] == b[1] && a[1] == b[0] && a[2..] == b[2..]),
        1 => a[1..] == *b,
        -1 => *a == b[1..],
        _ => false,
    }
}

/// The span of the last token before `end` (blanks skipped), if any.
fn last_token(src: &str, end: usize) -> Option<Span> {
    let text = src.get(..end)?.trim_end();
    let last = text.chars().next_back()?;
    let wordy = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let start = if wordy(last) {
        text.trim_end_matches(wordy).len()
    } else {
        text.len() - last.len_utf8()
    };
    Some(Span::new(start, text.len()))
}

/// The token at an offset, for "found ..." and the label span.
struct Found<'a> {
    text: &'a str,
    span: Span,
}

impl Found<'_> {
    fn describe(&self) -> String {
        if self.text.is_empty() {
            return "end of input".to_owned();
        }
        const MAX: usize = 40;
        let shown = match self.text.char_indices().nth(MAX) {
            Some((cut, _)) => format!("{}…", &self.text[..cut]),
            None => self.text.to_owned(),
        };
        let first = self.text.as_bytes()[0];
        if first.is_ascii_alphanumeric() || first == b'_' || first == b'[' {
            shown
        } else {
            format!("`{shown}`")
        }
    }
}

/// Lexes the single token starting at `at` (after any whitespace): a word, a
/// number, a quoted string or name, a two-character operator, or one character.
fn token_at(src: &str, at: usize) -> Found<'_> {
    let at = at.min(src.len());
    let mut start = at;
    // Not on a char boundary cannot happen (the parser only stops on ASCII
    // boundaries), but stay safe on any input.
    while !src.is_char_boundary(start) {
        start += 1;
    }
    let rest = &src[start..];
    let trimmed = rest.trim_start();
    let start = start + (rest.len() - trimmed.len());
    let bytes = trimmed.as_bytes();
    let len = match bytes.first() {
        None => 0,
        Some(b) if b.is_ascii_alphanumeric() || *b == b'_' => bytes
            .iter()
            .position(|c| !(c.is_ascii_alphanumeric() || *c == b'_' || *c == b'.'))
            .unwrap_or(bytes.len()),
        Some(q @ (b'\'' | b'"')) => bytes[1..]
            .iter()
            .position(|c| c == q)
            .map_or(bytes.len(), |p| p + 2),
        Some(b'[') => bytes
            .iter()
            .position(|c| *c == b']')
            .map_or(bytes.len(), |p| p + 1),
        Some(_) => {
            let two = trimmed.get(..2).unwrap_or("");
            if matches!(two, "<>" | "!=" | "<=" | ">=" | "--" | "/*") {
                2
            } else {
                trimmed.chars().next().map_or(0, char::len_utf8)
            }
        }
    };
    Found {
        text: &trimmed[..len],
        span: Span::new(start, start + len),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_at_finds_words_operators_and_end() {
        let src = "SELECT a WHERE <> 'x y' \"q\"";
        assert_eq!(token_at(src, 8).text, "WHERE");
        assert_eq!(token_at(src, 14).text, "<>");
        assert_eq!(token_at(src, 17).text, "'x y'");
        assert_eq!(token_at(src, 23).text, "\"q\"");
        assert_eq!(token_at(src, src.len()).describe(), "end of input");
    }

    #[test]
    fn or_keeps_the_furthest_failure() {
        let a = PError::new("abc", Kind::TooDeep);
        let b = PError::new("c", Kind::TooLarge);
        assert_eq!(a.clone().or(b.clone()), b);
        assert_eq!(b.clone().or(a), b);
    }
}
