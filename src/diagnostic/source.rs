//! The text a diagnostic points into, as miette reads it, with columns in characters.
//!
//! miette's own `NamedSource<String>` counts a column in bytes, so the `file:line:col`
//! header of the human report disagreed with JSON and SARIF (which count characters,
//! as editors do) as soon as a line held `'Müller'`. This wrapper reports the same
//! column as the JSON report's `line_col`: characters, a byte-order mark
//! taking none.

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
