//! Text from a server, made safe to show a person.
//!
//! A server's words reach a terminal in error messages and table cells. Control
//! characters there (ESC, CR, BEL, C1 controls, bidirectional overrides) could
//! retitle the window, clear the screen or rewrite earlier lines, so they are shown
//! escaped (`\u{1b}`). Only text meant for a person goes through here: `json`,
//! `ndjson` and `csv` output keep the data exact.

use std::borrow::Cow;
use std::fmt::Write;

/// Whether `c` must not reach a terminal raw: every C0 and C1 control and DEL
/// (`char::is_control`), and the invisible characters that reorder or hide text
/// (bidirectional embeddings, overrides and isolates, zero-width marks).
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// `text` with every [unsafe](is_unsafe) character written as a Rust-style escape
/// (`\n`, `\r`, `\t`, `\u{1b}`); a backslash stays as it is. Borrowed when nothing
/// needed escaping.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_unsafe(c) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// The first `max` characters of `text`, with `…` when something was cut.
pub(crate) fn cut(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => {
            let mut out = text[..at].to_owned();
            out.push('…');
            out
        }
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_escaped_and_the_rest_kept() {
        assert_eq!(
            escape_controls("a\x1b]0;pwned\x07b\rc\u{9b}2J\u{202e}d é\\"),
            "a\\u{1b}]0;pwned\\u{7}b\\rc\\u{9b}2J\\u{202e}d é\\"
        );
        assert!(matches!(escape_controls("plain é"), Cow::Borrowed(_)));
    }

    #[test]
    fn cut_marks_what_it_cut() {
        assert_eq!(cut("abcdef", 3), "abc…");
        assert_eq!(cut("abc", 3), "abc");
        assert_eq!(cut("ééé", 2), "éé…");
    }
}
