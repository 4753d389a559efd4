//! Whitespace and comments, which may appear between any two tokens.
//!
//! Parsers skip them before each token ([`sp`]); [`comments`] collects them for
//! [`crate::parse_script`], in a separate linear pass so that backtracking never
//! records a comment twice.

use std::borrow::Cow;

use crate::ast::{Comment, CommentKind, Span};

use super::error::{Kind, Opener, PError};

/// Skips whitespace and comments; fails only on an unclosed block comment.
///
/// ```ebnf
/// ws         ::= ( whitespace | line_comment | block_comment )*
/// whitespace ::= [#x9-#xD#x20] | [#x85#xA0#x1680#x2000-#x200A#x2028#x2029#x202F#x205F#x3000]
/// ```
pub(crate) fn sp(i: &str) -> Result<&str, nom::Err<PError>> {
    let mut i = i;
    loop {
        let b = i.as_bytes();
        match b.first() {
            _ if blank_len(i) > 0 => i = &i[blank_len(i)..],
            Some(b'-') if b.get(1) == Some(&b'-') => i = &i[line_comment_len(i)..],
            Some(b'/') if b.get(1) == Some(&b'*') => match block_comment_len(i) {
                Some(n) => i = &i[n..],
                None => {
                    return Err(nom::Err::Failure(PError::new(
                        i,
                        Kind::Unclosed(Opener::Comment),
                    )));
                }
            },
            _ => return Ok(i),
        }
    }
}

/// Length of the run of whitespace at the start of `i` (0 when there is none).
/// A run starts at an ASCII blank or a Unicode space; vertical tab alone is no
/// blank (SQL Server does not skip it either).
pub(crate) fn blank_len(i: &str) -> usize {
    let starts = match i.as_bytes().first() {
        Some(c) if c.is_ascii_whitespace() => true,
        Some(c) => *c >= 0x80 && i.starts_with(char::is_whitespace),
        None => false,
    };
    if starts {
        i.len() - i.trim_start_matches(char::is_whitespace).len()
    } else {
        0
    }
}

/// Length of the `--` comment at the start of `i`, up to (not including) the line
/// break.
///
/// ```ebnf
/// line_comment ::= '--' [^#xA#xD]*
/// ```
pub(crate) fn line_comment_len(i: &str) -> usize {
    i.find(['\n', '\r']).unwrap_or(i.len())
}

/// Length of the `/* */` comment at the start of `i`; `None` when it is never
/// closed. Block comments nest, as in T-SQL.
///
/// ```ebnf
/// block_comment ::= '/*' ( block_comment | [^*] | '*' [^/] )* '*/'
/// ```
pub(crate) fn block_comment_len(i: &str) -> Option<usize> {
    let b = i.as_bytes();
    let mut depth = 0usize;
    let mut k = 0;
    while k + 1 < b.len() {
        match (b[k], b[k + 1]) {
            (b'/', b'*') => {
                depth += 1;
                k += 2;
            }
            (b'*', b'/') => {
                depth -= 1;
                k += 2;
                if depth == 0 {
                    return Some(k);
                }
            }
            _ => k += 1,
        }
    }
    None
}

/// Length of a quoted run (`'..'`, `[..]`, `".."`) at the start of `i`, where a
/// doubled closing character escapes itself; the whole rest when unclosed.
pub(crate) fn quoted_len(i: &str, close: u8) -> usize {
    quoted_run(i, close).0
}

/// The length of the quoted run at the start of `i` (as [`quoted_len`]) and
/// whether it is closed: a run reaching the end of input whose last `close` is
/// half of a doubled pair is not.
pub(crate) fn quoted_run(i: &str, close: u8) -> (usize, bool) {
    let b = i.as_bytes();
    let mut k = 1;
    while k < b.len() {
        if b[k] == close {
            if b.get(k + 1) == Some(&close) {
                k += 2;
                continue;
            }
            return (k + 1, true);
        }
        k += 1;
    }
    (b.len(), false)
}

/// Scans a statement that is not a query up to its `;` (or the end), stepping over
/// strings, bracketed names and comments so that a `;` inside them does not end it.
/// Returns the offset just past its last significant character and the rest
/// starting at the `;` (or empty).
pub(crate) fn skip_statement(i: &str) -> (usize, &str) {
    let b = i.as_bytes();
    let mut k = 0;
    let mut last = 0;
    while k < b.len() {
        match b[k] {
            b';' => return (last, &i[k..]),
            b'\'' => k += quoted_len(&i[k..], b'\''),
            b'[' => k += quoted_len(&i[k..], b']'),
            b'"' => k += quoted_len(&i[k..], b'"'),
            b'-' if b.get(k + 1) == Some(&b'-') => {
                k += line_comment_len(&i[k..]);
                continue;
            }
            b'/' if b.get(k + 1) == Some(&b'*') => {
                k += block_comment_len(&i[k..]).unwrap_or(b.len() - k);
                continue;
            }
            c if c.is_ascii_whitespace() => {
                k += 1;
                continue;
            }
            _ => k += 1,
        }
        last = k;
    }
    (last.min(b.len()), "")
}

/// Every comment of `src`, in order. Strings and bracketed names are stepped over,
/// so `'--'` is not a comment.
pub(crate) fn comments(src: &str) -> Vec<Comment<'_>> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut k = 0;
    while k < b.len() {
        // Skip straight to the next byte that can open a string, a name or a comment.
        match b[k..]
            .iter()
            .position(|c| matches!(c, b'\'' | b'[' | b'"' | b'-' | b'/'))
        {
            Some(n) => k += n,
            None => break,
        }
        match b[k] {
            b'\'' => k += quoted_len(&src[k..], b'\''),
            b'[' => k += quoted_len(&src[k..], b']'),
            b'"' => k += quoted_len(&src[k..], b'"'),
            b'-' if b.get(k + 1) == Some(&b'-') => {
                let n = line_comment_len(&src[k..]);
                out.push(comment(src, k, n, CommentKind::Line));
                k += n;
            }
            b'/' if b.get(k + 1) == Some(&b'*') => {
                let n = block_comment_len(&src[k..]).unwrap_or(b.len() - k);
                out.push(comment(src, k, n, CommentKind::Block));
                k += n;
            }
            _ => k += 1,
        }
    }
    out
}

fn comment(src: &str, start: usize, len: usize, kind: CommentKind) -> Comment<'_> {
    Comment {
        text: Cow::Borrowed(&src[start..start + len]),
        kind,
        span: Span::new(start, start + len),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_nested_comments_and_reports_unclosed() {
        assert_eq!(sp("  -- x\n /* a /* b */ c */ d").ok(), Some("d"));
        assert!(sp("/* never").is_err());
        assert_eq!(sp("\u{a0}x").ok(), Some("x"));
    }

    #[test]
    fn collects_comments_outside_strings() {
        let c = comments("SELECT '--no' -- yes\n, [/*no*/] /* yes */");
        let texts: Vec<_> = c.iter().map(|c| c.text.as_ref()).collect();
        assert_eq!(texts, ["-- yes", "/* yes */"]);
    }

    #[test]
    fn skips_a_statement_to_its_semicolon() {
        let (end, rest) = skip_statement("DELETE FROM t WHERE a = ';' ; SELECT");
        assert_eq!(end, 27);
        assert_eq!(rest, "; SELECT");
    }
}
