//! Byte offsets (what crql's spans hold) to the positions JavaScript uses: UTF-16
//! offsets into the string, and the 1-based line and column of `crql check --format
//! json` (the column counts characters; a byte-order mark takes none).

/// A position in the text, in every unit the package reports.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Position {
    /// The byte offset it was asked for (moved back to a character boundary).
    pub byte: usize,
    /// UTF-16 code units before it.
    pub utf16: usize,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// Converts byte offsets of one text. Findings come sorted by position, so each
/// conversion continues from the previous one: linear in the text for all of them,
/// where converting each from the start would be quadratic on a large script.
pub struct Positions<'t> {
    text: &'t str,
    /// ASCII text: every unit is the byte offset, only lines need counting.
    ascii: bool,
    at: Position,
}

impl<'t> Positions<'t> {
    /// Positions in `text`.
    pub fn new(text: &'t str) -> Self {
        Positions {
            text,
            ascii: text.is_ascii(),
            at: Position {
                line: 1,
                column: 1,
                ..Position::default()
            },
        }
    }

    /// The position of byte `offset` (clamped to the text, then to the character
    /// boundary at or before it).
    pub fn of(&mut self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset < self.at.byte {
            self.at = Positions::new(self.text).at;
        }
        let from = self.at.byte;
        let mut at = self.at;
        for (i, c) in self.text[from..offset].char_indices() {
            let i = from + i;
            if c == '\n' {
                at.line += 1;
                at.column = 1;
            } else if !(i == 0 && c == '\u{FEFF}') {
                at.column += 1;
            }
            at.utf16 += if self.ascii { 1 } else { c.len_utf16() };
        }
        at.byte = offset;
        self.at = at;
        at
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crql::lint::report::line_col;

    /// Agrees with the CLI's line and column, and with JavaScript's string length,
    /// at every character boundary, in both directions.
    #[test]
    fn matches_the_cli_and_utf16_everywhere() {
        let text = "\u{FEFF}SELECT 'Müller'\n-- 😀 here\r\nFROM ñ WHERE x = '\u{10FFFF}'\n";
        let boundaries: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        let mut p = Positions::new(text);
        for &b in boundaries.iter().chain(boundaries.iter().rev()) {
            let got = p.of(b);
            assert_eq!((got.line, got.column), line_col(text, b), "byte {b}");
            assert_eq!(got.utf16, text[..b].encode_utf16().count(), "byte {b}");
        }
    }

    #[test]
    fn a_byte_inside_a_character_is_that_character() {
        let mut p = Positions::new("é!");
        assert_eq!(p.of(1), p.of(0));
        assert_eq!(p.of(99).utf16, 2);
    }
}
