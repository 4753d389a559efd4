//! Comment placement: where each source comment goes in the pretty output, and
//! the tokens that carry them (a keyword or a name is preceded by the comments
//! before it in the source).

use crate::ast::*;
use crate::print::doc::Doc;

use super::Builder;

impl<'o, 'c> Builder<'o, 'c> {
    // -- comments ----------------------------------------------------------

    /// The source position of the first token at or after `p`, past whitespace and
    /// comments.
    fn skip_trivia(&self, mut p: usize) -> usize {
        let bytes = self.src.as_bytes();
        loop {
            while p < bytes.len() && bytes[p].is_ascii_whitespace() {
                p += 1;
            }
            match self
                .comments
                .binary_search_by_key(&p, |c| c.span.start)
                .ok()
                .map(|i| &self.comments[i])
            {
                Some(c) if c.span.end > p => p = c.span.end,
                _ => return p,
            }
        }
    }

    /// True when a line break follows `p` before the next token.
    fn newline_after(&self, p: usize) -> bool {
        self.src
            .get(p..)
            .unwrap_or("")
            .chars()
            .take_while(|c| c.is_whitespace())
            .any(|c| c == '\n')
    }

    /// The comments that start before `p`, each followed by the break it needs.
    pub(super) fn leading(&mut self, p: usize, out: &mut Vec<Doc>) {
        while let Some(c) = self.comments.get(self.next) {
            if c.span.start >= p {
                break;
            }
            self.next += 1;
            if self.newline_before(c.span.start) {
                out.push(Doc::LineStart);
            }
            out.push(Doc::text(c.text.as_ref()));
            if c.kind == CommentKind::Line || self.newline_after(c.span.end) {
                out.push(Doc::HardLine);
            } else {
                out.push(Doc::text(" "));
            }
        }
    }

    /// True when only blanks and a line break separate `p` from the token before.
    fn newline_before(&self, p: usize) -> bool {
        let before = self.src.get(..p).unwrap_or("");
        let code = before.trim_end_matches(|c: char| c.is_whitespace());
        code.is_empty() || before[code.len()..].contains('\n')
    }

    /// The comments before the next source token, printed ahead of a group about to
    /// start there, so that they do not force the group itself to break.
    pub(super) fn lead(&mut self) -> Option<Doc> {
        if !self.pending() {
            return None;
        }
        let p = self.skip_trivia(self.pos);
        let mut parts = Vec::new();
        self.leading(p, &mut parts);
        (!parts.is_empty()).then_some(Doc::Concat(parts))
    }

    /// `doc` grouped, after the comments that precede it.
    pub(super) fn grouped(&mut self, lead: Option<Doc>, doc: Doc) -> Doc {
        let group = Doc::group(doc);
        match lead {
            Some(l) => Doc::Concat(vec![l, group]),
            None => group,
        }
    }

    /// Comments before `p` (between statements, at the ends of the file), each on a
    /// line of its own.
    pub(super) fn own_line_comments_before(&mut self, p: usize, out: &mut Vec<Doc>) {
        while let Some(c) = self.comments.get(self.next) {
            if c.span.start >= p {
                break;
            }
            self.next += 1;
            out.push(Doc::text(c.text.as_ref()));
            if c.kind == CommentKind::Line || p == usize::MAX || self.newline_after(c.span.end) {
                out.push(Doc::HardLine);
            } else {
                out.push(Doc::text(" "));
            }
        }
    }

    /// True when `c` was written inside the last token printed whole (`s --c`
    /// newline `.t`): it is printed after the token, as a comment that follows it.
    pub(super) fn inside_last_token(&self, c: &Comment<'_>) -> bool {
        c.span.start >= self.token_start && c.span.end <= self.pos
    }

    /// The comment that ends the current source line (only blanks, or the bytes in
    /// `skippable`, between the last printed token and it), with a space in front;
    /// true when there is one, so a line break must follow.
    pub(super) fn trailing(&mut self, skippable: &[u8]) -> (Vec<Doc>, bool) {
        let Some(c) = self.comments.get(self.next) else {
            return (Vec::new(), false);
        };
        // A comment written inside the last token (between the parts of a dotted
        // name) is printed after it: where the next run finds it.
        let same_line = self.inside_last_token(c)
            || c.span.start >= self.pos
                && self.src.get(self.pos..c.span.start).is_some_and(|gap| {
                    gap.bytes()
                        .all(|b| b == b' ' || b == b'\t' || skippable.contains(&b))
                });
        // A block comment with code after it on its line belongs to that code.
        let ends_line = c.kind == CommentKind::Line || self.newline_after(c.span.end);
        if !same_line || !ends_line {
            return (Vec::new(), false);
        }
        self.next += 1;
        self.pos = self.pos.max(c.span.end);
        // It ended its line in the source, and keeps doing so: otherwise the next
        // run would read it as leading the code now after it.
        (vec![Doc::text(format!(" {}", c.text))], true)
    }

    /// A break opportunity: a space or a newline, after any comments that end the
    /// source line here.
    pub(super) fn line(&mut self) -> Doc {
        self.break_with(Doc::Line)
    }

    /// A break opportunity that is nothing when flat.
    pub(super) fn softline(&mut self) -> Doc {
        self.break_with(Doc::SoftLine)
    }

    /// A space that only a `--` comment ending the line here turns into a newline.
    pub(super) fn line_in_group(&mut self) -> Doc {
        Doc::group(self.line())
    }

    fn break_with(&mut self, line: Doc) -> Doc {
        if !self.pending() {
            return line;
        }
        let (mut parts, hard) = self.trailing(b"");
        if parts.is_empty() {
            return line;
        }
        parts.push(if hard { Doc::HardLine } else { line });
        Doc::Concat(parts)
    }

    /// Comments ending the current line where no break is planned (after an `IN`
    /// list item): a `--` one brings its own line break.
    pub(super) fn trailing_here(&mut self) -> Doc {
        if !self.pending() {
            return Doc::Concat(vec![]);
        }
        let (mut parts, hard) = self.trailing(b"");
        if hard {
            parts.push(Doc::HardLine);
        }
        Doc::Concat(parts)
    }

    // -- tokens ------------------------------------------------------------

    /// A keyword or punctuation. When the source has it next, the comments before
    /// it are printed first.
    pub(super) fn kw(&mut self, k: &'static str) -> Doc {
        let text = Doc::text(self.case(k));
        if !self.pending() {
            return text;
        }
        let p = self.skip_trivia(self.pos);
        if !self.source_has(p, k) {
            return text;
        }
        let mut parts = Vec::new();
        self.leading(p, &mut parts);
        self.pos = p + k.len();
        if parts.is_empty() {
            return text;
        }
        parts.push(text);
        Doc::Concat(parts)
    }

    /// True when the source spells `k` (any case) as a whole token at `p`.
    fn source_has(&self, p: usize, k: &str) -> bool {
        let bytes = self.src.as_bytes();
        let Some(found) = bytes.get(p..p + k.len()) else {
            return false;
        };
        if !found.eq_ignore_ascii_case(k.as_bytes()) {
            return false;
        }
        let wordy = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
        !k.bytes().last().is_some_and(wordy) || !bytes.get(p + k.len()).is_some_and(|&b| wordy(b))
    }

    /// A node printed whole (a name, a literal), preceded by the comments before it.
    pub(super) fn leaf(&mut self, span: Span, text: String) -> Doc {
        let text = Doc::Text(text);
        if !self.pending() || span.is_empty() {
            return text;
        }
        let mut parts = Vec::new();
        self.leading(span.start, &mut parts);
        self.token_start = span.start;
        self.pos = self.pos.max(span.end);
        if parts.is_empty() {
            return text;
        }
        parts.push(text);
        Doc::Concat(parts)
    }

    pub(super) fn ident(&mut self, i: &Ident<'_>) -> Doc {
        self.leaf(i.span, i.to_string())
    }

    pub(super) fn verbatim(&mut self, span: Span, out: &mut Vec<Doc>) {
        self.leading(span.start, out);
        let text = self.src.get(span.range()).unwrap_or("");
        out.push(Doc::text(text));
        // The statement's own comments are part of its text.
        let mut ends_in_line_comment = false;
        while let Some(c) = self.comments.get(self.next) {
            if c.span.start >= span.end {
                break;
            }
            ends_in_line_comment = c.kind == CommentKind::Line && c.span.end >= span.end;
            self.next += 1;
        }
        if ends_in_line_comment {
            out.push(Doc::HardLine);
        }
        self.pos = self.pos.max(span.end);
    }
}
