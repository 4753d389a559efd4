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

use crate::ast::*;
// The shared levels under the names this file has always used.
use crate::ast::precedence::{
    ADDITIVE as PREC_ADD, COMPARISON as PREC_CMP, NOT as PREC_NOT, PREFIX as PREC_UNARY,
};
use crate::print::doc::{Doc, render};

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
}

impl<'o, 'c> Builder<'o, 'c> {
    fn new(opts: &'o FormatOptions, src: &'c str, comments: &'c [Comment<'c>]) -> Self {
        Builder {
            opts,
            src,
            comments,
            next: 0,
            pos: 0,
        }
    }

    fn pending(&self) -> bool {
        self.next < self.comments.len()
    }

    fn case(&self, k: &str) -> String {
        match self.opts.keyword_case {
            KeywordCase::Upper => k.to_string(),
            KeywordCase::Lower => k.to_ascii_lowercase(),
        }
    }

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
    fn leading(&mut self, p: usize, out: &mut Vec<Doc>) {
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
    fn lead(&mut self) -> Option<Doc> {
        if !self.pending() {
            return None;
        }
        let p = self.skip_trivia(self.pos);
        let mut parts = Vec::new();
        self.leading(p, &mut parts);
        (!parts.is_empty()).then_some(Doc::Concat(parts))
    }

    /// `doc` grouped, after the comments that precede it.
    fn grouped(&mut self, lead: Option<Doc>, doc: Doc) -> Doc {
        let group = Doc::group(doc);
        match lead {
            Some(l) => Doc::Concat(vec![l, group]),
            None => group,
        }
    }

    /// Comments before `p` (between statements, at the ends of the file), each on a
    /// line of its own.
    fn own_line_comments_before(&mut self, p: usize, out: &mut Vec<Doc>) {
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

    /// The comment that ends the current source line (only blanks, or the bytes in
    /// `skippable`, between the last printed token and it), with a space in front;
    /// true when there is one, so a line break must follow.
    fn trailing(&mut self, skippable: &[u8]) -> (Vec<Doc>, bool) {
        let Some(c) = self.comments.get(self.next) else {
            return (Vec::new(), false);
        };
        let same_line = c.span.start >= self.pos
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
        self.pos = c.span.end;
        // It ended its line in the source, and keeps doing so: otherwise the next
        // run would read it as leading the code now after it.
        (vec![Doc::text(format!(" {}", c.text))], true)
    }

    /// A break opportunity: a space or a newline, after any comments that end the
    /// source line here.
    fn line(&mut self) -> Doc {
        self.break_with(Doc::Line)
    }

    /// A break opportunity that is nothing when flat.
    fn softline(&mut self) -> Doc {
        self.break_with(Doc::SoftLine)
    }

    /// A space that only a `--` comment ending the line here turns into a newline.
    fn line_in_group(&mut self) -> Doc {
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
    fn trailing_here(&mut self) -> Doc {
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
    fn kw(&mut self, k: &'static str) -> Doc {
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
    fn leaf(&mut self, span: Span, text: String) -> Doc {
        let text = Doc::Text(text);
        if !self.pending() || span.is_empty() {
            return text;
        }
        let mut parts = Vec::new();
        self.leading(span.start, &mut parts);
        self.pos = self.pos.max(span.end);
        if parts.is_empty() {
            return text;
        }
        parts.push(text);
        Doc::Concat(parts)
    }

    fn ident(&mut self, i: &Ident<'_>) -> Doc {
        self.leaf(i.span, i.to_string())
    }

    fn verbatim(&mut self, span: Span, out: &mut Vec<Doc>) {
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

    // -- clauses -----------------------------------------------------------

    fn query(&mut self, q: &Query<'_>) -> Doc {
        let lead = self.lead();
        let mut parts = Vec::new();
        self.select(&q.select, &mut parts);
        for op in &q.set_ops {
            parts.push(self.line());
            parts.push(self.kw(match op.op {
                SetOperator::Union => "UNION",
                SetOperator::Except => "EXCEPT",
                SetOperator::Intersect => "INTERSECT",
            }));
            if op.all {
                parts.push(Doc::text(" "));
                parts.push(self.kw("ALL"));
            }
            parts.push(self.line());
            self.select(&op.select, &mut parts);
        }
        if !q.order_by.is_empty() {
            parts.push(self.line());
            parts.push(self.kw("ORDER"));
            parts.push(Doc::text(" "));
            parts.push(self.kw("BY"));
            let items = self.list(&q.order_by, |b, o| {
                let mut d = vec![b.expr(&o.expr)];
                if let Some(dir) = o.direction {
                    d.push(Doc::text(" "));
                    d.push(b.kw(match dir {
                        SortDirection::Asc => "ASC",
                        SortDirection::Desc => "DESC",
                    }));
                }
                Doc::Concat(d)
            });
            parts.push(items);
        }
        if let Some(l) = &q.limit {
            parts.push(self.line());
            parts.push(self.kw("LIMIT"));
            parts.push(Doc::text(" "));
            parts.push(self.expr(&l.quantity));
        }
        if let Some(o) = &q.offset {
            parts.push(self.line());
            parts.push(self.kw("OFFSET"));
            parts.push(Doc::text(" "));
            parts.push(self.expr(&o.value));
            parts.push(Doc::text(" "));
            parts.push(self.kw("ROWS"));
        }
        if let Some(x) = &q.fetch {
            parts.push(self.line());
            for k in ["FETCH", "NEXT"] {
                parts.push(self.kw(k));
                parts.push(Doc::text(" "));
            }
            parts.push(self.expr(&x.quantity));
            for k in ["ROWS", "ONLY"] {
                parts.push(Doc::text(" "));
                parts.push(self.kw(k));
            }
        }
        if let Some(d) = self.end_of(q.span) {
            parts.push(d);
        }
        self.grouped(lead, Doc::Concat(parts))
    }

    /// The comments inside a node's span after its last printed token (behind a
    /// keyword the canonical form spells differently, `ROW` for `ROWS`), so that
    /// they stay inside the node.
    fn end_of(&mut self, span: Span) -> Option<Doc> {
        if !self.pending() || span.is_empty() {
            return None;
        }
        let mut parts = Vec::new();
        self.leading(span.end, &mut parts);
        self.pos = self.pos.max(span.end);
        Some(Doc::Concat(parts))
    }

    /// `item, item, ...` on the current line if it fits, else one per line, indented.
    fn list<T>(&mut self, items: &[T], mut item: impl FnMut(&mut Self, &T) -> Doc) -> Doc {
        let mut parts = vec![self.line()];
        for (i, it) in items.iter().enumerate() {
            if i > 0 {
                parts.push(self.kw(","));
                parts.push(self.line());
            }
            parts.push(item(self, it));
        }
        Doc::group(Doc::nest(Doc::Concat(parts)))
    }

    fn select(&mut self, s: &Select<'_>, parts: &mut Vec<Doc>) {
        parts.push(self.kw("SELECT"));
        if s.distinct.is_some() {
            parts.push(Doc::text(" "));
            parts.push(self.kw("DISTINCT"));
        }
        if let Some(top) = &s.top {
            parts.push(Doc::text(" "));
            parts.push(self.top(top));
        }
        // One field stays on the SELECT line; several break with the query, one
        // per line.
        if let [only] = &s.items[..] {
            parts.push(self.line_in_group());
            parts.push(self.select_item(only));
        } else {
            let mut items = vec![self.line()];
            for (i, it) in s.items.iter().enumerate() {
                if i > 0 {
                    items.push(self.kw(","));
                    items.push(self.line());
                }
                items.push(self.select_item(it));
            }
            parts.push(Doc::nest(Doc::Concat(items)));
        }
        parts.push(self.line());
        parts.push(self.kw("FROM"));
        parts.push(Doc::text(" "));
        parts.push(self.table(&s.from));
        for j in &s.joins {
            parts.push(self.line());
            parts.push(self.join(j));
        }
        if let Some(w) = &s.selection {
            parts.push(self.line());
            parts.push(self.kw("WHERE"));
            parts.push(Doc::text(" "));
            parts.push(Doc::nest(self.condition(w)));
        }
        if !s.group_by.is_empty() {
            parts.push(self.line());
            parts.push(self.kw("GROUP"));
            parts.push(Doc::text(" "));
            parts.push(self.kw("BY"));
            let items = self.list(&s.group_by, |b, e| b.expr(e));
            parts.push(items);
        }
        if let Some(h) = &s.having {
            parts.push(self.line());
            parts.push(self.kw("HAVING"));
            parts.push(Doc::text(" "));
            parts.push(Doc::nest(self.condition(h)));
        }
    }

    fn top(&mut self, top: &Top<'_>) -> Doc {
        let mut parts = vec![self.kw("TOP"), Doc::text(" ")];
        match &top.quantity {
            Expr::Literal(Literal::Integer { text, span }) => {
                parts.push(self.leaf(*span, text.to_string()));
            }
            q => {
                parts.push(self.kw("("));
                parts.push(self.expr(q));
                parts.push(self.kw(")"));
            }
        }
        if top.percent {
            parts.push(Doc::text(" "));
            parts.push(self.kw("PERCENT"));
        }
        if top.with_ties {
            parts.push(Doc::text(" "));
            parts.push(self.kw("WITH"));
            parts.push(Doc::text(" "));
            parts.push(self.kw("TIES"));
        }
        Doc::Concat(parts)
    }

    fn select_item(&mut self, item: &SelectItem<'_>) -> Doc {
        match item {
            SelectItem::Expr { expr, alias, .. } => {
                let mut parts = vec![self.expr(expr)];
                if let Some(a) = alias {
                    parts.push(Doc::text(" "));
                    parts.push(self.kw("AS"));
                    parts.push(Doc::text(" "));
                    parts.push(self.ident(a));
                }
                Doc::Concat(parts)
            }
            SelectItem::Wildcard { span } => self.leaf(*span, "*".into()),
            SelectItem::QualifiedWildcard { qualifier, span } => {
                self.leaf(*span, format!("{qualifier}.*"))
            }
        }
    }

    fn table(&mut self, t: &TableRef<'_>) -> Doc {
        let mut parts = Vec::new();
        match t {
            TableRef::Table { name, .. } => parts.push(self.leaf(name.span, name.to_string())),
            TableRef::Derived { subquery, .. } => parts.push(self.paren_query(subquery)),
        }
        if let Some(a) = t.alias() {
            parts.push(Doc::text(" "));
            parts.push(self.ident(a));
        }
        Doc::Concat(parts)
    }

    fn join(&mut self, j: &Join<'_>) -> Doc {
        let kind: &[&'static str] = match j.kind {
            JoinKind::Inner => &["INNER", "JOIN"],
            JoinKind::Left => &["LEFT", "JOIN"],
            JoinKind::Right => &["RIGHT", "JOIN"],
            JoinKind::Full => &["FULL", "JOIN"],
            JoinKind::Cross => &["CROSS", "JOIN"],
        };
        let lead = self.lead();
        let mut parts = Vec::new();
        for k in kind {
            parts.push(self.kw(k));
            parts.push(Doc::text(" "));
        }
        parts.push(self.table(&j.table));
        if let Some(on) = &j.on {
            let mut on_parts = vec![self.line(), self.kw("ON"), Doc::text(" ")];
            on_parts.push(Doc::nest(self.expr(on)));
            parts.push(Doc::nest(Doc::Concat(on_parts)));
        }
        self.grouped(lead, Doc::Concat(parts))
    }

    // -- expressions -------------------------------------------------------

    /// `(query)`: inline when it fits, else the query indented between the
    /// parentheses.
    fn paren_query(&mut self, q: &Query<'_>) -> Doc {
        self.parens(|b| b.query(q))
    }

    /// `(inner)`: inline when it fits, else `inner` indented between the
    /// parentheses; comments before the `(` go ahead of the group. `inner` is built
    /// between the two parentheses so that comments are taken in source order.
    fn parens(&mut self, inner: impl FnOnce(&mut Self) -> Doc) -> Doc {
        let lead = self.lead();
        let open = self.kw("(");
        let first = self.softline();
        let body = inner(self);
        let last = self.softline();
        let close = self.kw(")");
        let doc = Doc::Concat(vec![
            open,
            Doc::nest(Doc::Concat(vec![first, body])),
            last,
            close,
        ]);
        self.grouped(lead, doc)
    }

    /// `expr [NOT] KEYWORD `: how IN, BETWEEN and LIKE start.
    fn predicate(&mut self, expr: &Expr<'_>, negated: bool, keyword: &'static str) -> Vec<Doc> {
        let mut parts = vec![self.operand(expr, PREC_CMP), Doc::text(" ")];
        self.not(negated, &mut parts);
        parts.push(self.kw(keyword));
        parts.push(Doc::text(" "));
        parts
    }

    /// `e` as an operand that must bind at least as tightly as `min`, in the
    /// parentheses the canonical printer would add (trees made by the builder may
    /// lack the `Nested` node the parser would have made).
    fn operand(&mut self, e: &Expr<'_>, min: u8) -> Doc {
        if !e.needs_parens(min) {
            return self.expr(e);
        }
        let inner = self.expr(e);
        Doc::group(Doc::Concat(vec![
            Doc::text("("),
            Doc::nest(Doc::Concat(vec![Doc::SoftLine, inner])),
            Doc::SoftLine,
            Doc::text(")"),
        ]))
    }

    fn not(&mut self, negated: bool, parts: &mut Vec<Doc>) {
        if negated {
            parts.push(self.kw("NOT"));
            parts.push(Doc::text(" "));
        }
    }

    fn expr(&mut self, e: &Expr<'_>) -> Doc {
        match e {
            Expr::Column(c) => self.leaf(c.span, c.to_string()),
            Expr::Literal(Literal::Null { span }) => {
                let null = self.case("NULL");
                self.leaf(*span, null)
            }
            Expr::Literal(l) => self.leaf(l.span(), l.to_string()),
            Expr::Param(p) => self.leaf(p.span, p.to_string()),
            Expr::Binary {
                op: op @ (BinaryOp::And | BinaryOp::Or),
                ..
            } => self.chain(e, *op),
            Expr::Binary {
                left, op, right, ..
            } => {
                let p = op.precedence();
                let l = self.operand(left, p);
                let o = self.kw(op.as_str());
                let r = self.operand(right, p + 1);
                Doc::Concat(vec![l, Doc::text(" "), o, Doc::text(" "), r])
            }
            Expr::Unary { op, expr, .. } => {
                let mut parts = vec![self.kw(op.as_str())];
                match op {
                    UnaryOp::Not => {
                        parts.push(Doc::text(" "));
                        parts.push(self.operand(expr, PREC_NOT));
                    }
                    UnaryOp::Minus | UnaryOp::Plus => {
                        if *op == UnaryOp::Minus
                            && matches!(
                                **expr,
                                Expr::Unary {
                                    op: UnaryOp::Minus,
                                    ..
                                }
                            )
                        {
                            parts.push(Doc::text(" "));
                        }
                        parts.push(self.operand(expr, PREC_UNARY));
                    }
                }
                Doc::Concat(parts)
            }
            Expr::Nested { expr, .. } => self.parens(|b| b.expr(expr)),
            Expr::InList {
                expr,
                list,
                negated,
                ..
            } => {
                let mut parts = self.predicate(expr, *negated, "IN");
                let list = self.parens(|b| {
                    let mut items = Vec::with_capacity(list.len());
                    for (i, item) in list.iter().enumerate() {
                        let mut d = vec![b.expr(item)];
                        if i + 1 < list.len() {
                            d.push(b.kw(","));
                            d.push(b.trailing_here());
                        }
                        items.push(Doc::Concat(d));
                    }
                    Doc::Fill(items)
                });
                parts.push(list);
                Doc::Concat(parts)
            }
            Expr::InSubquery {
                expr,
                subquery,
                negated,
                ..
            } => {
                let mut parts = self.predicate(expr, *negated, "IN");
                parts.push(self.paren_query(subquery));
                Doc::Concat(parts)
            }
            Expr::Between {
                expr,
                negated,
                low,
                high,
                ..
            } => {
                let mut parts = self.predicate(expr, *negated, "BETWEEN");
                parts.push(self.operand(low, PREC_ADD));
                parts.push(Doc::text(" "));
                parts.push(self.kw("AND"));
                parts.push(Doc::text(" "));
                parts.push(self.operand(high, PREC_ADD));
                Doc::Concat(parts)
            }
            Expr::Like {
                expr,
                negated,
                pattern,
                escape,
                ..
            } => {
                let mut parts = self.predicate(expr, *negated, "LIKE");
                parts.push(self.operand(pattern, PREC_ADD));
                if let Some(esc) = escape {
                    parts.push(Doc::text(" "));
                    parts.push(self.kw("ESCAPE"));
                    parts.push(Doc::text(" "));
                    parts.push(self.operand(esc, PREC_ADD));
                }
                Doc::Concat(parts)
            }
            Expr::IsNull { expr, negated, .. } => {
                let mut parts = vec![self.operand(expr, PREC_CMP), Doc::text(" ")];
                parts.push(self.kw("IS"));
                parts.push(Doc::text(" "));
                self.not(*negated, &mut parts);
                parts.push(self.kw("NULL"));
                Doc::Concat(parts)
            }
            Expr::Function {
                name,
                args,
                distinct,
                ..
            } => {
                // The canonical printer decides how a function name is spelt (bare
                // even when it is a keyword such as LEFT); print an empty call and
                // keep the name.
                let bare = Expr::Function {
                    name: name.clone(),
                    args: FunctionArgs::List(Vec::new()),
                    distinct: false,
                    span: Span::empty(),
                }
                .to_string();
                let name_text = bare.strip_suffix("()").unwrap_or(&bare).to_string();
                let mut parts = vec![self.leaf(name.span, name_text), self.kw("(")];
                if *distinct {
                    parts.push(self.kw("DISTINCT"));
                    parts.push(Doc::text(" "));
                }
                match args {
                    FunctionArgs::Star { span } => parts.push(self.leaf(*span, "*".into())),
                    FunctionArgs::List(list) => {
                        for (i, a) in list.iter().enumerate() {
                            if i > 0 {
                                parts.push(self.kw(","));
                                parts.push(Doc::text(" "));
                            }
                            parts.push(self.expr(a));
                        }
                    }
                }
                parts.push(self.kw(")"));
                Doc::Concat(parts)
            }
            Expr::Subquery { query, .. } => self.paren_query(query),
            Expr::Exists { query, negated, .. } => {
                let mut parts = Vec::new();
                self.not(*negated, &mut parts);
                parts.push(self.kw("EXISTS"));
                parts.push(Doc::text(" "));
                parts.push(self.paren_query(query));
                Doc::Concat(parts)
            }
        }
    }

    /// A WHERE or HAVING condition: its top-level `AND`/`OR` operands go one per
    /// line whenever the query does not fit on one line.
    fn condition(&mut self, e: &Expr<'_>) -> Doc {
        match e {
            Expr::Binary {
                op: op @ (BinaryOp::And | BinaryOp::Or),
                ..
            } => self.chain_parts(e, *op),
            _ => self.expr(e),
        }
    }

    /// `a AND b AND c`: one line if it fits, else one operand per line, each line
    /// after the first starting with the operator.
    fn chain(&mut self, e: &Expr<'_>, op: BinaryOp) -> Doc {
        let lead = self.lead();
        let parts = self.chain_parts(e, op);
        self.grouped(lead, parts)
    }

    fn chain_parts(&mut self, e: &Expr<'_>, op: BinaryOp) -> Doc {
        // The left spine holds the operands in reverse: ((a AND b) AND c).
        let mut rights = Vec::new();
        let mut cur = e;
        while let Expr::Binary {
            left, op: o, right, ..
        } = cur
        {
            if *o != op {
                break;
            }
            rights.push(&**right);
            cur = left;
        }
        let p = op.precedence();
        let mut parts = vec![self.chain_operand(cur, op, p)];
        for r in rights.into_iter().rev() {
            parts.push(self.line());
            parts.push(self.kw(op.as_str()));
            parts.push(Doc::text(" "));
            parts.push(self.chain_operand(r, op, p + 1));
        }
        Doc::Concat(parts)
    }

    fn chain_operand(&mut self, e: &Expr<'_>, op: BinaryOp, min: u8) -> Doc {
        let d = self.operand(e, min);
        // An AND group under an OR breaks deeper than the OR's own lines.
        if op == BinaryOp::Or
            && matches!(
                e,
                Expr::Binary {
                    op: BinaryOp::And,
                    ..
                }
            )
        {
            Doc::nest(d)
        } else {
            d
        }
    }
}

pub(crate) mod hook;
#[cfg(test)]
mod tests;
