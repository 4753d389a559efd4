//! A forgiving tokenizer for the editor features that must work on text the parser
//! rejects — half-typed queries are the normal state of a file being edited:
//! completion's context scan, semantic tokens, the statement split that lets a
//! syntax error in one statement leave the others checked, and alias lookups.
//!
//! It never fails: an unclosed string or comment runs to the end of the text, and a
//! byte it does not know is a one-character `Other` token. Its rules follow the
//! parser's (words, `[bracketed names]`, `'strings'` with `''`, nested `/* */`).

use crate::keyword::Keyword;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A plain word that is a keyword.
    Keyword(Keyword),
    /// A plain word that is not a keyword (a name).
    Word,
    /// A `[bracketed name]`.
    Bracketed,
    /// A `'string'` (or `N'string'`).
    String,
    /// A number.
    Number,
    /// A `:name` parameter.
    Param,
    /// A `--` or `/* */` comment.
    Comment,
    /// One punctuation byte: `,`, `.`, `;`, `(`, `*`, `=`, ...
    Punct(u8),
    /// Anything else (one character).
    Other,
}

/// A token: its kind and byte range.
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
        matches!(self.kind, Kind::Word | Kind::Bracketed)
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
        Kind::Bracketed => {
            let inner = s.strip_prefix('[').unwrap_or(s);
            let inner = inner.strip_suffix(']').unwrap_or(inner);
            if inner.contains("]]") {
                inner.replace("]]", "]").into()
            } else {
                inner.into()
            }
        }
        _ => s.into(),
    }
}

fn word_len(b: &[u8]) -> usize {
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

/// The length of the `'...'` string at the start of `b` (to the end when unclosed).
fn string_len(b: &[u8]) -> usize {
    let mut i = 1;
    while i < b.len() {
        if b[i] == b'\'' {
            if b.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            return i + 1;
        }
        i += 1;
    }
    b.len()
}

/// Every token of `text`, whitespace skipped, comments included.
pub fn tokenize(text: &str) -> Vec<Token> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 4);
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let start = i;
        let kind = match c {
            _ if c.is_ascii_whitespace() => {
                i += 1;
                continue;
            }
            b'-' if b.get(i + 1) == Some(&b'-') => {
                i += b[i..]
                    .iter()
                    .position(|&x| x == b'\n' || x == b'\r')
                    .unwrap_or(b.len() - i);
                Kind::Comment
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let mut depth = 0usize;
                while i < b.len() {
                    if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
                        depth += 1;
                        i += 2;
                    } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
                Kind::Comment
            }
            b'\'' => {
                i += string_len(&b[i..]);
                Kind::String
            }
            b'[' => {
                i += 1;
                loop {
                    match b.get(i) {
                        None => break,
                        Some(b']') if b.get(i + 1) == Some(&b']') => i += 2,
                        Some(b']') => {
                            i += 1;
                            break;
                        }
                        Some(_) => i += 1,
                    }
                }
                Kind::Bracketed
            }
            b':' if word_len(&b[i + 1..]) > 0 => {
                i += 1 + word_len(&b[i + 1..]);
                Kind::Param
            }
            b'0'..=b'9' => {
                i += 1;
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'.' || b[i] == b'_')
                {
                    // An exponent's sign belongs to the number: 1e-5.
                    if matches!(b[i], b'e' | b'E') && matches!(b.get(i + 1), Some(b'+' | b'-')) {
                        i += 1;
                    }
                    i += 1;
                }
                Kind::Number
            }
            _ if word_len(&b[i..]) > 0 => {
                let n = word_len(&b[i..]);
                i += n;
                if n == 1 && matches!(c, b'N' | b'n') && b.get(i) == Some(&b'\'') {
                    i += string_len(&b[i..]);
                    Kind::String
                } else {
                    match Keyword::lookup(&text[start..i]) {
                        Some(k) => Kind::Keyword(k),
                        None => Kind::Word,
                    }
                }
            }
            _ if c.is_ascii() => {
                i += 1;
                Kind::Punct(c)
            }
            _ => {
                let ch = text[i..].chars().next().map_or(1, char::len_utf8);
                i += ch;
                if text[start..i].chars().all(char::is_whitespace) {
                    continue;
                }
                Kind::Other
            }
        };
        out.push(Token {
            kind,
            start,
            end: i.min(b.len()),
        });
    }
    out
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
        assert_eq!(k[0], (Kind::Keyword(Keyword::Select), "SELECT"));
        assert_eq!(k[1], (Kind::Word, "c"));
        assert_eq!(k[2], (Kind::Punct(b'.'), "."));
        assert_eq!(k[3], (Kind::Bracketed, "[a]]b]"));
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
        assert_eq!(kinds("é ü"), [(Kind::Other, "é"), (Kind::Other, "ü")]);
    }
}
