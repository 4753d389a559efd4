//! Formatting: `crql fmt`'s output, as edits.
//!
//! The whole document is formatted exactly as `crql fmt` formats the file (the same
//! call, comments kept, a byte-order mark kept). A range is widened to the
//! statements it touches, which are formatted as `crql fmt` formats a script of
//! just them — so a range formats even while another statement does not parse.

use lsp_types::{Position, Range, TextEdit};

use super::position::LineIndex;
use super::tokens;
use crate::print::{FormatOptions, format_script};

/// `text` as `crql fmt` formats it; `None` when it does not parse (fmt leaves such
/// a file untouched).
pub fn format_text(text: &str, opts: &FormatOptions) -> Option<String> {
    let script = crate::parser::parse_script(text).ok()?;
    let formatted = format_script(text, &script, opts);
    Some(match text.strip_prefix('\u{FEFF}') {
        Some(_) => format!("\u{FEFF}{formatted}"),
        None => formatted,
    })
}

/// The edits that format the whole document: none when it is formatted already,
/// `None` when it does not parse.
pub fn format_document(
    text: &str,
    index: &LineIndex,
    opts: &FormatOptions,
) -> Option<Vec<TextEdit>> {
    let formatted = format_text(text, opts)?;
    Some(whole(text, index, formatted))
}

/// One edit replacing all of `text` with `new` (none when they are equal).
pub fn whole(text: &str, index: &LineIndex, new: String) -> Vec<TextEdit> {
    if new == text {
        return Vec::new();
    }
    let end = index.position(text, text.len());
    vec![TextEdit {
        range: Range::new(Position::new(0, 0), end),
        new_text: new,
    }]
}

/// The edits that format the statements `range` touches; `None` when they do not
/// parse.
pub fn format_range(
    text: &str,
    index: &LineIndex,
    range: Range,
    opts: &FormatOptions,
) -> Option<Vec<TextEdit>> {
    let (from, to) = index.span(text, range);
    let chunks = tokens::statements(&tokens::tokenize(text));
    let touched: Vec<&(usize, usize)> = chunks
        .iter()
        .filter(|&&(s, e)| s <= to && from <= e)
        .collect();
    let (Some(first), Some(last)) = (touched.first(), touched.last()) else {
        return Some(Vec::new());
    };
    let (start, end) = (first.0, last.1);
    let slice = &text[start..end];
    let script = crate::parser::parse_script(slice).ok()?;
    let formatted = format_script(slice, &script, opts);
    let formatted = formatted.strip_suffix('\n').unwrap_or(&formatted);
    if formatted == slice {
        return Some(Vec::new());
    }
    Some(vec![TextEdit {
        range: Range::new(index.position(text, start), index.position(text, end)),
        new_text: formatted.to_string(),
    }])
}
