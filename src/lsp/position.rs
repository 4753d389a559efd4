//! Byte offsets (what spans hold) to and from LSP positions: a 0-based line and a
//! character counted in UTF-16 code units, the protocol's default encoding.
//!
//! `'Müller'` is 8 bytes but 7 UTF-16 units; an emoji is 4 bytes and 2 units: an
//! editor counts units, so a range after either must be converted, not copied.

use lsp_types::{Position, Range};

use crate::ast::Span;

/// Where each line of a text starts, for converting offsets both ways. Lines end at
/// `\n`, `\r\n` or a lone `\r`, as the protocol says.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// The index of `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if b.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        LineIndex { starts }
    }

    /// How many lines the text has (an empty text has one).
    pub fn lines(&self) -> usize {
        self.starts.len()
    }

    /// The byte range of line `line`'s content, its line break excluded.
    pub fn line_range(&self, text: &str, line: usize) -> (usize, usize) {
        let start = self.starts[line.min(self.starts.len() - 1)];
        let mut end = self.starts.get(line + 1).copied().unwrap_or(text.len());
        let b = text.as_bytes();
        if end > start && b[end - 1] == b'\n' {
            end -= 1;
        }
        if end > start && b[end - 1] == b'\r' {
            end -= 1;
        }
        (start, end)
    }

    /// The 0-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// The position of byte `offset` (clamped to the text, and back to the start of
    /// a character it falls inside).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let (start, end) = self.line_range(text, line);
        let upto = &text[start..offset.min(end).max(start)];
        let character: usize = upto.chars().map(char::len_utf16).sum();
        Position::new(line as u32, character as u32)
    }

    /// The byte offset of `pos`. A line past the end is the end of the text; a
    /// character past the end of its line is the line's end; one inside a surrogate
    /// pair is the start of that character.
    pub fn offset(&self, text: &str, pos: Position) -> usize {
        let line = pos.line as usize;
        if line >= self.starts.len() {
            return text.len();
        }
        let (start, end) = self.line_range(text, line);
        let want = pos.character as usize;
        let mut units = 0;
        for (i, c) in text[start..end].char_indices() {
            if units + c.len_utf16() > want {
                return start + i;
            }
            units += c.len_utf16();
        }
        end
    }

    /// The range of `span`.
    pub fn range(&self, text: &str, span: Span) -> Range {
        Range::new(
            self.position(text, span.start),
            self.position(text, span.end.max(span.start)),
        )
    }

    /// The byte range of `range`, start before end.
    pub fn span(&self, text: &str, range: Range) -> (usize, usize) {
        let a = self.offset(text, range.start);
        let b = self.offset(text, range.end);
        (a.min(b), a.max(b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accented_letters_and_emoji_count_in_utf16_units() {
        let text = "SELECT 'Müller' AS n, '😀' AS e, x\nFROM t";
        let ix = LineIndex::new(text);
        let x = text.find(", x").unwrap() + 2;
        // Characters before x: 'Müller' counts ü as one unit, the emoji as two.
        let expected = "SELECT 'Müller' AS n, '😀' AS e, ".encode_utf16().count() as u32;
        assert_eq!(ix.position(text, x), Position::new(0, expected));
        assert_eq!(expected as usize, x - 1 - 2, "ü saves 1 byte, the emoji 2");
        assert_eq!(ix.offset(text, Position::new(0, expected)), x);
        let from = text.find("FROM").unwrap();
        assert_eq!(ix.position(text, from), Position::new(1, 0));
        assert_eq!(ix.offset(text, Position::new(1, 2)), from + 2);
    }

    #[test]
    fn out_of_range_positions_clamp() {
        let text = "ab\r\ncd\ref";
        let ix = LineIndex::new(text);
        assert_eq!(ix.lines(), 3);
        assert_eq!(ix.offset(text, Position::new(0, 99)), 2);
        assert_eq!(ix.offset(text, Position::new(1, 1)), 5);
        assert_eq!(ix.offset(text, Position::new(2, 0)), 7);
        assert_eq!(ix.offset(text, Position::new(9, 0)), text.len());
        assert_eq!(ix.position(text, 99), Position::new(2, 2));
        // Inside the surrogate pair of an emoji: the emoji's start.
        let e = "a😀b";
        let ie = LineIndex::new(e);
        assert_eq!(ie.offset(e, Position::new(0, 2)), 1);
        assert_eq!(ie.offset(e, Position::new(0, 3)), 5);
        // Inside the UTF-8 bytes of ü: back to its start.
        let u = "Mü";
        assert_eq!(LineIndex::new(u).position(u, 2), Position::new(0, 1));
    }
}
