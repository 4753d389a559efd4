//! The crate's one lexical scanner: CRQL text to tokens, for tools that must read
//! text the parser rejects (an editor's half-typed query, a highlighter).
//!
//! It is built on the helpers the parser itself reads with (words, quoted runs,
//! comments, numbers, blanks, the keyword table, the date grammar of
//! [`crate::ctapi`]), so a token boundary here is one the parser also sees. It
//! never fails: an unclosed string, name or comment runs to the end of the text,
//! and a character it does not know is an [`TokenKind::Unknown`] token. The tokens
//! cover every byte of the text, in order, each non-empty, in one linear pass.

use std::ops::Range;

use crate::keyword::Keyword;

use super::ident::word_len;
use super::literal::number_len;
use super::whitespace::{blank_len, block_comment_len, line_comment_len, quoted_len, quoted_run};

/// What a [`Token`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// A word of the keyword table ([`Keyword::lookup`]), in any case.
    Keyword(Keyword),
    /// A plain word that is no keyword: a name.
    Ident,
    /// A `[bracketed name]`, `]]` standing for `]`.
    BracketedIdent,
    /// A `"double-quoted name"`, `""` standing for `"`: T-SQL's other quoting,
    /// which CRQL queries refuse; the parser steps over it, as here, in statements
    /// it does not read (`;` and `--` inside it end nothing).
    QuotedIdent,
    /// A `'string'` or `N'string'`, `''` standing for `'`, that is not a date.
    String,
    /// A string holding a date or date-time ([`crate::ctapi::parse_date`]).
    Date,
    /// An unsigned number: `42`, `1.5`, `.5`, `1e-3`.
    Number,
    /// A `:name` parameter.
    Param,
    /// One byte of ASCII punctuation: an operator (`=`, `<`, `+`, ...; `<=` is two
    /// tokens) or punctuation (`,`, `.`, `;`, `(`, `@`, ...).
    Punct(u8),
    /// A `-- line` or `/* block */` comment (block comments nest).
    Comment,
    /// A run of whitespace.
    Whitespace,
    /// A character that starts no token of CRQL (a control byte, `é` outside a
    /// string).
    Unknown,
}

/// A token: what it is and the bytes it covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// What it is.
    pub kind: TokenKind,
    /// Its bytes in the text, never empty.
    pub span: Range<usize>,
}

/// The tokens of `text`, whitespace and comments included, covering every byte.
///
/// ```
/// use crql::keyword::Keyword;
/// use crql::parser::{TokenKind::*, tokens};
///
/// let text = "SELECT [a]]b], 'x' FROM t WHERE d > '2024-01-05' AND n = :p -- hi";
/// let kinds: Vec<_> = tokens(text)
///     .filter(|t| t.kind != Whitespace)
///     .map(|t| (t.kind, &text[t.span]))
///     .collect();
/// assert_eq!(
///     kinds,
///     [
///         (Keyword(Keyword::Select), "SELECT"),
///         (BracketedIdent, "[a]]b]"),
///         (Punct(b','), ","),
///         (String, "'x'"),
///         (Keyword(Keyword::From), "FROM"),
///         (Ident, "t"),
///         (Keyword(Keyword::Where), "WHERE"),
///         (Ident, "d"),
///         (Punct(b'>'), ">"),
///         (Date, "'2024-01-05'"),
///         (Keyword(Keyword::And), "AND"),
///         (Ident, "n"),
///         (Punct(b'='), "="),
///         (Param, ":p"),
///         (Comment, "-- hi"),
///     ]
/// );
/// ```
pub fn tokens(text: &str) -> Tokens<'_> {
    Tokens { text, pos: 0 }
}

/// The iterator [`tokens`] returns.
#[derive(Clone, Debug)]
pub struct Tokens<'t> {
    text: &'t str,
    pos: usize,
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        let rest = &self.text[self.pos..];
        let (kind, len) = scan(rest)?;
        // Every arm above moves at least one whole character; the clamp keeps an
        // unclosed run from reaching past the end.
        let len = len.clamp(1, rest.len());
        let start = self.pos;
        self.pos += len;
        Some(Token {
            kind,
            span: start..self.pos,
        })
    }
}

/// The kind and length of the token at the start of `i` (`None` at the end).
fn scan(i: &str) -> Option<(TokenKind, usize)> {
    let b = i.as_bytes();
    let c = *b.first()?;
    let next = b.get(1).copied();
    Some(match c {
        b'-' if next == Some(b'-') => (TokenKind::Comment, line_comment_len(i)),
        b'/' if next == Some(b'*') => (TokenKind::Comment, block_comment_len(i).unwrap_or(i.len())),
        b'\'' => string(i, 0),
        b'N' | b'n' if next == Some(b'\'') => string(i, 1),
        b'[' => (TokenKind::BracketedIdent, quoted_len(i, b']')),
        b'"' => (TokenKind::QuotedIdent, quoted_len(i, b'"')),
        b':' if word_len(&i[1..]) > 0 => (TokenKind::Param, 1 + word_len(&i[1..])),
        b'0'..=b'9' | b'.' if number_len(i).is_some() => {
            (TokenKind::Number, number_len(i).map_or(1, |(n, _)| n))
        }
        _ if word_len(i) > 0 => {
            let n = word_len(i);
            match Keyword::lookup(&i[..n]) {
                Some(k) => (TokenKind::Keyword(k), n),
                None => (TokenKind::Ident, n),
            }
        }
        _ if blank_len(i) > 0 => (TokenKind::Whitespace, blank_len(i)),
        _ if c.is_ascii_punctuation() => (TokenKind::Punct(c), 1),
        _ => (
            TokenKind::Unknown,
            i.chars().next().map_or(1, char::len_utf8),
        ),
    })
}

/// A string whose quote is at `quote` (1 after an `N`): a date when its text is one.
fn string(i: &str, quote: usize) -> (TokenKind, usize) {
    let (run, closed) = quoted_run(&i[quote..], b'\'');
    let len = quote + run;
    let date = closed && quote == 0 && crate::ctapi::parse_date(&i[quote + 1..len - 1]).is_some();
    let kind = if date {
        TokenKind::Date
    } else {
        TokenKind::String
    };
    (kind, len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(TokenKind, &str)> {
        tokens(text).map(|t| (t.kind, &text[t.span])).collect()
    }

    #[test]
    fn unclosed_runs_reach_the_end_and_unknown_characters_are_one_token_each() {
        assert_eq!(kinds("'ab; c"), [(TokenKind::String, "'ab; c")]);
        assert_eq!(kinds("[a]]"), [(TokenKind::BracketedIdent, "[a]]")]);
        assert_eq!(
            kinds("/* a /* b */"),
            [(TokenKind::Comment, "/* a /* b */")]
        );
        assert_eq!(
            kinds("é\u{0}\u{a0} x"),
            [
                (TokenKind::Unknown, "é"),
                (TokenKind::Unknown, "\u{0}"),
                (TokenKind::Whitespace, "\u{a0} "),
                (TokenKind::Ident, "x"),
            ]
        );
    }

    #[test]
    fn numbers_end_where_the_parser_ends_them() {
        assert_eq!(
            kinds("1e-3 1e .5 5abc N'2024-01-05'"),
            [
                (TokenKind::Number, "1e-3"),
                (TokenKind::Whitespace, " "),
                (TokenKind::Number, "1"),
                (TokenKind::Ident, "e"),
                (TokenKind::Whitespace, " "),
                (TokenKind::Number, ".5"),
                (TokenKind::Whitespace, " "),
                (TokenKind::Number, "5"),
                (TokenKind::Ident, "abc"),
                (TokenKind::Whitespace, " "),
                (TokenKind::String, "N'2024-01-05'"),
            ]
        );
    }
}
