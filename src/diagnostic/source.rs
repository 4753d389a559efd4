//! The text a diagnostic points into, as miette reads it, with columns in characters.
//!
//! miette's own `NamedSource<String>` counts a column in bytes, so the `file:line:col`
//! header of the human report disagreed with JSON and SARIF (which count characters,
//! as editors do) as soon as a line held `'Müller'`. This wrapper reports the same
//! column as the JSON report's `line_col`: characters, a byte-order mark
//! taking none.
//!
//! It also bounds what a report shows of a long line: a 10 KB one-line query would
//! otherwise be printed whole, with a 10 KB underline under it. A line longer than
//! [`LINE_MAX`] characters is shown as a window of that many characters around the
//! label, and a label is underlined over at most [`LABEL_MAX`] characters
//! ([`clamp_label`]).

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

/// A named source text.
#[derive(Clone, Debug)]
pub(crate) struct Source {
    name: String,
    text: String,
}

impl Source {
    /// `text`, shown as `name` (a file path, `<stdin>`).
    pub(crate) fn new(name: impl AsRef<str>, text: String) -> Self {
        Source {
            name: name.as_ref().to_owned(),
            text,
        }
    }

    /// The name given to [`Source::new`].
    pub(crate) fn name(&self) -> &str {
        &self.name
    }

    /// The text.
    pub(crate) fn inner(&self) -> &String {
        &self.text
    }
}

/// The most characters of one line a report shows.
pub(crate) const LINE_MAX: usize = 160;
/// The most characters a label underlines.
pub(crate) const LABEL_MAX: usize = 80;
/// Characters shown before the label when a long line is cut to a window.
const LEAD: usize = 40;

/// The byte `n` characters after `from` in `text`, or the end of `limit` (a byte
/// offset past `from`), whichever comes first.
fn chars_forward(text: &str, from: usize, n: usize, limit: usize) -> usize {
    text[from..limit]
        .char_indices()
        .nth(n)
        .map_or(limit, |(i, _)| from + i)
}

/// The byte `n` characters before `from` in `text`, not before `limit`.
fn chars_back(text: &str, from: usize, n: usize, limit: usize) -> usize {
    text[limit..from]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(limit, |(i, _)| limit + i)
        .min(from)
}

/// `span` of `text` cut to its first [`LABEL_MAX`] characters, and whether it was cut.
pub(crate) fn clamp_label(text: &str, span: crate::ast::Span) -> (crate::ast::Span, bool) {
    let (start, end) = (span.start.min(text.len()), span.end.min(text.len()));
    if !text.is_char_boundary(start) || !text.is_char_boundary(end) || start >= end {
        return (span, false);
    }
    let cut = chars_forward(text, start, LABEL_MAX, end);
    (crate::ast::Span::new(start, cut), cut < end)
}

/// The 0-based character column of byte `offset` of `text`.
fn char_column(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let upto = &text[line_start..offset];
    let upto = if line_start == 0 {
        upto.strip_prefix('\u{FEFF}').unwrap_or(upto)
    } else {
        upto
    };
    upto.chars().count()
}

impl Source {
    /// When `read` (what miette would show for `span`) holds a line longer than
    /// [`LINE_MAX`] characters and `span` lies on one line: that line's window of
    /// [`LINE_MAX`] characters starting a little before `span`, alone.
    fn window<'a>(
        &'a self,
        span: &SourceSpan,
        read: &dyn SpanContents<'_>,
    ) -> Option<Box<dyn SpanContents<'a> + 'a>> {
        let text = self.text.as_str();
        let long = read.data().split(|&b| b == b'\n').any(|l| {
            l.len() > LINE_MAX
                && std::str::from_utf8(l).map_or(true, |l| l.chars().count() > LINE_MAX)
        });
        let start = span.offset();
        let end = start + span.len();
        if !long || end > text.len() || !text.is_char_boundary(start) || !text.is_char_boundary(end)
        {
            return None;
        }
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        if end > line_end {
            return None;
        }
        let from = chars_back(text, start, LEAD, line_start);
        let to = chars_forward(text, from, LINE_MAX, line_end).max(end);
        let line = text[..from].matches('\n').count();
        Some(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            &text.as_bytes()[from..to],
            SourceSpan::from(from..to),
            line,
            char_column(text, from),
            1,
        )))
    }
}

impl SourceCode for Source {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self
            .text
            .read_span(span, context_lines_before, context_lines_after)?;
        if let Some(window) = self.window(span, &*inner) {
            return Ok(window);
        }
        let column = char_column(&self.text, inner.span().offset());
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line(),
            column,
            inner.line_count(),
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ast::Span;

    #[test]
    fn labels_are_cut_at_label_max_characters() {
        let text = "é".repeat(200);
        let (span, cut) = clamp_label(&text, Span::new(2, 300));
        assert!(cut);
        assert_eq!(text[span.start..span.end].chars().count(), LABEL_MAX);
        assert_eq!(
            clamp_label(&text, Span::new(2, 10)),
            (Span::new(2, 10), false)
        );
    }

    #[test]
    fn a_long_line_is_read_as_a_window_around_the_span() {
        let text = format!("SELECT\n{}X{}\nFROM t", "a".repeat(5000), "b".repeat(5000));
        let source = Source::new("q", text.clone());
        let x = text.find('X').unwrap();
        let read = source.read_span(&SourceSpan::from(x..x + 1), 1, 1).unwrap();
        let shown = std::str::from_utf8(read.data()).unwrap();
        assert_eq!(shown.chars().count(), LINE_MAX);
        assert_eq!(shown.find('X'), Some(LEAD));
        assert_eq!(read.line(), 1);
        assert_eq!(read.column(), 5000 - LEAD);
        // Short lines are read as miette reads them, context included.
        let read = source.read_span(&SourceSpan::from(0..6), 0, 0).unwrap();
        assert_eq!(read.data(), b"SELECT");
    }
}
