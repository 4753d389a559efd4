//! The open documents: their text as the editor has it, kept in step by full or
//! incremental changes, and bounded in size.

use std::collections::HashMap;
use std::path::PathBuf;

use lsp_types::TextDocumentContentChangeEvent;

use super::position::LineIndex;
use crate::diagnostic::Diagnostic;

/// One open document.
#[derive(Debug)]
pub struct Document {
    /// Its text; empty when it is over the size limit (then `too_large` is set).
    pub text: String,
    /// The version the editor gave with the last change.
    pub version: i32,
    /// The line index of `text`.
    pub index: LineIndex,
    /// The file it is, for a `file:` URI (where its crql.toml is looked for).
    pub path: Option<PathBuf>,
    /// The size in bytes it had when it went over the limit.
    pub too_large: Option<usize>,
    /// What checking its current text found (computed when first needed).
    pub findings: Option<Vec<Diagnostic>>,
}

impl Document {
    /// A document with `text`, cut off when it is over `limit` bytes.
    pub fn new(text: String, version: i32, path: Option<PathBuf>, limit: usize) -> Self {
        let mut d = Document {
            text: String::new(),
            version,
            index: LineIndex::default(),
            path,
            too_large: None,
            findings: None,
        };
        d.set_text(text, limit);
        d
    }

    fn set_text(&mut self, text: String, limit: usize) {
        self.findings = None;
        if text.len() > limit {
            // The text is dropped, not kept: a peer must not grow the server's memory
            // past the limit with a document it keeps sending. Incremental edits to it
            // are ignored until a full-text change brings it under the limit.
            self.too_large = Some(text.len());
            self.text = String::new();
        } else {
            self.too_large = None;
            self.text = text;
        }
        self.index = LineIndex::new(&self.text);
    }

    /// Applies the editor's changes, in order: a change with a range replaces that
    /// range (in UTF-16 positions), one without replaces the whole text.
    pub fn apply(
        &mut self,
        changes: Vec<TextDocumentContentChangeEvent>,
        version: i32,
        limit: usize,
    ) {
        self.version = version;
        for change in changes {
            match change.range {
                None => self.set_text(change.text, limit),
                Some(_) if self.too_large.is_some() => {}
                Some(range) => {
                    let (start, end) = self.index.span(&self.text, range);
                    let new_len = self.text.len() - (end - start) + change.text.len();
                    if new_len > limit {
                        self.set_text(String::new(), limit);
                        self.too_large = Some(new_len);
                    } else {
                        self.findings = None;
                        self.text.replace_range(start..end, &change.text);
                        self.index = LineIndex::new(&self.text);
                    }
                }
            }
        }
    }
}

/// The open documents by URI.
#[derive(Debug, Default)]
pub struct Documents {
    docs: HashMap<String, Document>,
}

impl Documents {
    /// The document at `uri`.
    pub fn get(&self, uri: &str) -> Option<&Document> {
        self.docs.get(uri)
    }

    /// The document at `uri`, to change.
    pub fn get_mut(&mut self, uri: &str) -> Option<&mut Document> {
        self.docs.get_mut(uri)
    }

    /// Opens (or reopens) `uri`.
    pub fn open(&mut self, uri: String, doc: Document) {
        self.docs.insert(uri, doc);
    }

    /// Closes `uri`.
    pub fn close(&mut self, uri: &str) -> Option<Document> {
        self.docs.remove(uri)
    }

    /// How many are open.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True when none is.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The URIs of the open documents.
    pub fn uris(&self) -> Vec<String> {
        self.docs.keys().cloned().collect()
    }
}

/// The path of a `file:` URI, percent-decoded; `None` for any other scheme.
pub fn uri_path(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    // `file:///path` or `file://host/path`: the path starts at the first `/`.
    let path = &rest[rest.find('/')?..];
    let mut bytes = Vec::with_capacity(path.len());
    let b = path.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && let Some(v) = b
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            bytes.push(v);
            i += 3;
            continue;
        }
        bytes.push(b[i]);
        i += 1;
    }
    let s = String::from_utf8(bytes).ok()?;
    // `/C:/dir` on Windows is `C:/dir`.
    let s = match s.as_bytes() {
        [b'/', d, b':', ..] if d.is_ascii_alphabetic() && cfg!(windows) => s[1..].to_string(),
        _ => s,
    };
    Some(PathBuf::from(s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};

    fn edit(l0: u32, c0: u32, l1: u32, c1: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l0, c0), Position::new(l1, c1))),
            range_length: None,
            text: text.into(),
        }
    }

    #[test]
    fn incremental_changes_count_utf16_units() {
        let mut d = Document::new("SELECT '😀' x\nFROM t".into(), 1, None, 100);
        // The emoji takes 2 units, so x is at column 12, not 14 (its byte offset).
        d.apply(
            vec![edit(0, 12, 0, 13, "y"), edit(1, 5, 1, 6, "cmClient")],
            2,
            100,
        );
        assert_eq!(d.text, "SELECT '😀' y\nFROM cmClient");
        assert_eq!(d.version, 2);
    }

    #[test]
    fn documents_over_the_limit_are_dropped_until_a_full_change_fits() {
        let mut d = Document::new("x".repeat(11), 1, None, 10);
        assert_eq!((d.too_large, d.text.as_str()), (Some(11), ""));
        d.apply(vec![edit(0, 0, 0, 0, "y")], 2, 10);
        assert_eq!(d.too_large, Some(11));
        d.apply(
            vec![TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text: "SELECT 1".into(),
            }],
            3,
            10,
        );
        assert_eq!((d.too_large, d.text.as_str()), (None, "SELECT 1"));
        d.apply(vec![edit(0, 8, 0, 8, " FROM t")], 4, 10);
        assert_eq!((d.too_large, d.text.as_str()), (Some(15), ""));
    }

    #[test]
    fn file_uris_become_paths() {
        assert_eq!(
            uri_path("file:///home/a%20b/q.crql"),
            Some(PathBuf::from("/home/a b/q.crql"))
        );
        assert_eq!(uri_path("untitled:Untitled-1"), None);
    }
}
