//! The pretty formatter: a query laid out over lines at a configurable width, and
//! whole scripts formatted with their comments kept (what `crql fmt` runs).
//!
//! A query that fits the width stays on one line, and is then exactly its canonical
//! text. A longer one breaks per clause, in the spirit of sqlfluff and pg_format:
//!
//! ```text
//! SELECT TOP 200
//!   ClientID,
//!   FirstName
//! FROM cmClient c
//! INNER JOIN Enrollment e ON e.ClientID = c.ClientID
//! WHERE c.ActiveStatus = 1
//!   AND e.EnrollID IN (
//!     101, 102, 103, ...
//!   )
//! ORDER BY ClientID
//! ```
//!
//! Names, literals and parameters are printed by the canonical printer, and the
//! parentheses follow the same precedence rules, so pretty and canonical text differ
//! only in whitespace and, with [`KeywordCase::Lower`], in the case of keywords
//! (`NULL` counts as one). Names and literals are never re-cased.
//!
//! Comments: [`format_script`] walks the tree in source order and, before each token
//! it prints, emits the comments that preceded that token in the source; a comment
//! that ended a line of code stays at the end of that line. Every comment is printed
//! exactly once and in its original order, and a `--` comment is always followed by
//! a line break.
//!
//! The two jobs live apart: `layout.rs` makes the document of each clause and
//! expression (where lines may break), `comments.rs` places the comments and
//! emits the tokens that carry them; `hook.rs` is the `{:#}` entry point.

use crate::ast::*;
use crate::print::doc::{Doc, render};

mod comments;
pub(crate) mod hook;
mod layout;
#[cfg(test)]
mod tests;

/// The case keywords are printed in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum KeywordCase {
    /// `SELECT TOP 5 ...` (the default)
    #[default]
    Upper,
    /// `select top 5 ...`
    Lower,
}

/// How [`pretty`] and [`format_script`] lay text out.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FormatOptions {
    /// The line width to keep within where possible (default 80).
    pub width: usize,
    /// The case of keywords (default upper).
    pub keyword_case: KeywordCase,
    /// Spaces per indentation level (default 2).
    pub indent: usize,
}

impl Default for FormatOptions {
    fn default() -> Self {
        FormatOptions {
            width: 80,
            keyword_case: KeywordCase::Upper,
            indent: 2,
        }
    }
}

/// Lays out one query. No trailing newline.
pub fn pretty(query: &Query<'_>, opts: &FormatOptions) -> String {
    let mut b = Builder::new(opts, "", &[]);
    let doc = b.query(query);
    render(&doc, opts.width, opts.indent)
}

/// Formats a script parsed from `source`: statements separated by `;` and a blank
/// line, every comment kept in order near where it was, a final newline.
///
/// `script` must come from `crql::parse_script(source)`: comments are placed by the
/// spans, which index into `source`.
pub fn format_script(source: &str, script: &Script<'_>, opts: &FormatOptions) -> String {
    let mut b = Builder::new(opts, source, &script.comments);
    let mut parts = Vec::new();
    let n = script.statements.len();
    for (i, st) in script.statements.iter().enumerate() {
        let span = st.span();
        b.own_line_comments_before(span.start, &mut parts);
        match st {
            Statement::Query(q) => parts.push(b.query(q)),
            Statement::Unsupported { span, .. } => b.verbatim(*span, &mut parts),
        }
        b.pos = b.pos.max(span.end);
        if i + 1 < n {
            parts.push(Doc::text(";"));
        }
        let (trailing, _) = b.trailing(b";");
        parts.extend(trailing);
        parts.push(Doc::HardLine);
        if i + 1 < n {
            parts.push(Doc::HardLine);
        }
    }
    b.own_line_comments_before(usize::MAX, &mut parts);
    render(&Doc::Concat(parts), opts.width, opts.indent)
}

/// Builds the document of a tree, in output order, weaving in the comments.
struct Builder<'o, 'c> {
    opts: &'o FormatOptions,
    src: &'c str,
    comments: &'c [Comment<'c>],
    /// The first comment not printed yet.
    next: usize,
    /// How far into the source the printed tokens reach.
    pos: usize,
    /// Where the last token printed whole starts (a dotted name is one): a comment
    /// between it and `pos` was written inside it (`s --c` newline `.t`) and is
    /// printed after it, as if it followed it.
    token_start: usize,
}

impl<'o, 'c> Builder<'o, 'c> {
    fn new(opts: &'o FormatOptions, src: &'c str, comments: &'c [Comment<'c>]) -> Self {
        Builder {
            opts,
            src,
            comments,
            next: 0,
            pos: 0,
            token_start: 0,
        }
    }

    pub(super) fn pending(&self) -> bool {
        self.next < self.comments.len()
    }

    pub(super) fn case(&self, k: &str) -> String {
        match self.opts.keyword_case {
            KeywordCase::Upper => k.to_string(),
            KeywordCase::Lower => k.to_ascii_lowercase(),
        }
    }
}
