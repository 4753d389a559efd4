//! The tokens the editor features read, for text the parser rejects — half-typed
//! queries are the normal state of a file being edited: completion's context scan,
//! semantic tokens, the statement split that lets a syntax error in one statement
//! leave the others checked, and alias lookups.
//!
//! The scanning is the parser layer's ([`crate::parser::tokens`]); this module only
//! drops whitespace and adds the lookups the server needs.

pub use crate::parser::TokenKind as Kind;

/// A token of [`crate::parser::tokens`] without its whitespace: its kind and byte
/// range, small and `Copy` for the backward scans of completion and hover.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// What it is.
    pub kind: Kind,
    /// Its first byte.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
}

impl Token {
    /// True for a name: a non-keyword word or a bracketed name.
    pub fn is_name(&self) -> bool {
        matches!(self.kind, Kind::Ident | Kind::BracketedIdent)
    }

    /// True for a comment.
    pub fn is_comment(&self) -> bool {
        self.kind == Kind::Comment
    }
}

/// The name a name token spells: a word as written, a bracketed name unquoted.
pub fn name_text<'t>(text: &'t str, t: &Token) -> std::borrow::Cow<'t, str> {
    let s = &text[t.start..t.end];
    match t.kind {
        Kind::BracketedIdent => crate::parser::unbracket(s),
        _ => s.into(),
    }
}

/// Every token of `text` but whitespace, comments included.
pub fn tokenize(text: &str) -> Vec<Token> {
    crate::parser::tokens(text)
        .filter(|t| t.kind != Kind::Whitespace)
        .map(|t| Token {
            kind: t.kind,
            start: t.span.start,
            end: t.span.end,
        })
        .collect()
}

/// The byte ranges of the statements of a text: the runs of its tokens between `;`s
/// (a `;` inside a string or comment is part of that token), each from its first
/// token to its last, comments included. Empty statements are left out.
pub fn statements(tokens: &[Token]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut first: Option<usize> = None;
    let mut last = 0;
    for t in tokens {
        if t.kind == Kind::Punct(b';') {
            if let Some(f) = first.take() {
                out.push((f, last));
            }
            continue;
        }
        if first.is_none() {
            first = Some(t.start);
        }
        last = t.end;
    }
    if let Some(f) = first {
        out.push((f, last));
    }
    out
}

/// The index of the token at byte `offset` or the last one before it (`None` before
/// the first token).
pub fn at_or_before(tokens: &[Token], offset: usize) -> Option<usize> {
    tokens.partition_point(|t| t.start < offset).checked_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Kind, &str)> {
        tokenize(text)
            .iter()
            .map(|t| (t.kind, &text[t.start..t.end]))
            .collect()
    }

    #[test]
    fn tokens_of_a_query_with_every_kind() {
        let k =
            kinds("SELECT c.[a]]b], 'it''s', N'x', 1.5e-3, :p -- note\nFROM t /* a /* b */ c */;");
        assert_eq!(
            k[0],
            (Kind::Keyword(crate::keyword::Keyword::Select), "SELECT")
        );
        assert_eq!(k[1], (Kind::Ident, "c"));
        assert_eq!(k[2], (Kind::Punct(b'.'), "."));
        assert_eq!(k[3], (Kind::BracketedIdent, "[a]]b]"));
        assert_eq!(k[5], (Kind::String, "'it''s'"));
        assert_eq!(k[7], (Kind::String, "N'x'"));
        assert_eq!(k[9], (Kind::Number, "1.5e-3"));
        assert_eq!(k[11], (Kind::Param, ":p"));
        assert_eq!(k[12], (Kind::Comment, "-- note"));
        assert_eq!(k[15], (Kind::Comment, "/* a /* b */ c */"));
        assert_eq!(k[16], (Kind::Punct(b';'), ";"));
        assert_eq!(name_text("[a]]b]", &tokenize("[a]]b]")[0]), "a]b");
    }

    #[test]
    fn unclosed_things_run_to_the_end_and_statements_split_on_semicolons() {
        assert_eq!(kinds("'abc; d"), [(Kind::String, "'abc; d")]);
        assert_eq!(kinds("/* x; "), [(Kind::Comment, "/* x; ")]);
        let text = "SELECT 1 ; ; SELECT ';' FROM t;\n";
        let t = tokenize(text);
        let s: Vec<&str> = statements(&t).iter().map(|&(a, b)| &text[a..b]).collect();
        assert_eq!(s, ["SELECT 1", "SELECT ';' FROM t"]);
        assert_eq!(kinds("é ü"), [(Kind::Unknown, "é"), (Kind::Unknown, "ü")]);
    }
}
