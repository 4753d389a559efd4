//! Byte offsets (what crql's spans hold) to the positions JavaScript uses: UTF-16
//! offsets into the string, and the 1-based line and column of `crql check --format
//! json` (the column counts characters; a byte-order mark takes none).

/// A position in the text, in every unit the package reports.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Position {
    /// The byte offset (moved back to a character boundary).
    pub byte: usize,
    /// UTF-16 code units before it.
    pub utf16: usize,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// The positions of a set of byte offsets in one text, found in one pass over it:
/// findings overlap and their fixes point back and forth, so walking on from the
/// previous offset would often restart from the top, which is quadratic on a large
/// script (it made linting the bench corpus 50 times slower).
pub struct Positions {
    /// (offset asked for, its position), sorted and distinct by offset.
    table: Vec<(usize, Position)>,
}

impl Positions {
    /// The positions of `offsets` in `text`. Each is clamped to the text, then moved
    /// back to a character boundary.
    pub fn new(text: &str, offsets: impl IntoIterator<Item = usize>) -> Self {
        let mut wanted: Vec<usize> = offsets.into_iter().collect();
        wanted.sort_unstable();
        wanted.dedup();
        let ascii = text.is_ascii();
        let mut at = Position {
            line: 1,
            column: 1,
            ..Position::default()
        };
        let table = wanted
            .into_iter()
            .map(|asked| {
                let mut offset = asked.min(text.len());
                while !text.is_char_boundary(offset) {
                    offset -= 1;
                }
                // Offsets are sorted, and moving back to a boundary never passes the
                // previous one's boundary, so the walk only goes forward.
                let from = at.byte.min(offset);
                for (i, c) in text[from..offset].char_indices() {
                    if c == '\n' {
                        at.line += 1;
                        at.column = 1;
                    } else if !(from + i == 0 && c == '\u{FEFF}') {
                        at.column += 1;
                    }
                    at.utf16 += if ascii { 1 } else { c.len_utf16() };
                }
                at.byte = offset;
                (asked, at)
            })
            .collect();
        Positions { table }
    }

    /// The position of `offset`, one of those given to [`Positions::new`].
    pub fn of(&self, offset: usize) -> Position {
        match self.table.binary_search_by_key(&offset, |(k, _)| *k) {
            Ok(i) => self.table[i].1,
            Err(_) => unreachable!("offset {offset} was not given to Positions::new"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crql::lint::report::line_col;

    /// Agrees with the CLI's line and column, and with JavaScript's string length,
    /// at every character boundary.
    #[test]
    fn matches_the_cli_and_utf16_everywhere() {
        let text = "\u{FEFF}SELECT 'Müller'\n-- 😀 here\r\nFROM ñ WHERE x = '\u{10FFFF}'\n";
        let boundaries: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        // Given in reverse: the table sorts them.
        let p = Positions::new(text, boundaries.iter().rev().copied());
        for &b in &boundaries {
            let got = p.of(b);
            assert_eq!((got.line, got.column), line_col(text, b), "byte {b}");
            assert_eq!(got.utf16, text[..b].encode_utf16().count(), "byte {b}");
            assert_eq!(got.byte, b);
        }
    }

    #[test]
    fn a_byte_inside_a_character_is_that_character() {
        let p = Positions::new("é!", [0, 1, 99]);
        assert_eq!(p.of(1), p.of(0));
        assert_eq!(p.of(99).utf16, 2);
    }
}
