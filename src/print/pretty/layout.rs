//! Layout: the document of each clause and expression, and where lines may break.

use crate::ast::*;
// The shared levels under the names this file has always used.
use crate::ast::precedence::{
    ADDITIVE as PREC_ADD, COMPARISON as PREC_CMP, NOT as PREC_NOT, PREFIX as PREC_UNARY,
};
use crate::print::doc::Doc;

use super::Builder;

impl<'o, 'c> Builder<'o, 'c> {
    // -- clauses -----------------------------------------------------------

    pub(super) fn query(&mut self, q: &Query<'_>) -> Doc {
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
        for o in &q.options {
            parts.push(self.line());
            parts.push(self.opaque(o.span, o.to_string()));
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
        // One inside the last token is left to the break or the end after it, as
        // when written after the token.
        if self
            .comments
            .get(self.next)
            .is_some_and(|c| self.inside_last_token(c))
        {
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
        if let Some(into) = &s.into {
            parts.push(self.line());
            parts.push(self.kw("INTO"));
            parts.push(Doc::text(" "));
            parts.push(self.opaque(into.span, into.to_string()));
        }
        parts.push(self.line());
        parts.push(self.kw("FROM"));
        parts.push(Doc::text(" "));
        parts.push(self.table(&s.from));
        for j in &s.joins {
            // A comma join stays on its table's line: `FROM a, b`.
            if j.kind != JoinKind::Comma {
                parts.push(self.line());
            }
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
                // As in the canonical form: a named comparison keeps the alias form.
                if let Some(a) = alias
                    && crate::print::canonical::reads_as_alias(expr)
                {
                    return Doc::Concat(vec![self.ident(a), Doc::text(" = "), self.expr(expr)]);
                }
                let value = if crate::print::canonical::reads_as_alias(expr) {
                    self.operand(expr, u8::MAX)
                } else {
                    self.expr(expr)
                };
                let mut parts = vec![value];
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
            TableRef::Function { call, .. } => parts.push(self.expr(call)),
        }
        if let Some(a) = t.alias() {
            parts.push(Doc::text(" "));
            parts.push(self.ident(a));
        }
        if let TableRef::Table { hints: Some(h), .. } = t {
            parts.push(Doc::text(" "));
            parts.push(self.opaque(h.span, h.to_string()));
        }
        if let TableRef::Derived { columns, .. } = t
            && !columns.is_empty()
        {
            parts.push(Doc::text(" "));
            parts.push(self.kw("("));
            for (i, c) in columns.iter().enumerate() {
                if i > 0 {
                    parts.push(self.kw(","));
                    parts.push(Doc::text(" "));
                }
                parts.push(self.ident(c));
            }
            parts.push(self.kw(")"));
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
            JoinKind::Comma => &[","],
            JoinKind::CrossApply => &["CROSS", "APPLY"],
            JoinKind::OuterApply => &["OUTER", "APPLY"],
        };
        let lead = self.lead();
        let mut parts = Vec::new();
        for (n, k) in kind.iter().enumerate() {
            // The hint stands between the kind and `JOIN`: `INNER HASH JOIN`.
            if let Some(h) = j.hint
                && n + 1 == kind.len()
            {
                parts.push(self.kw(h.kind.as_str()));
                parts.push(Doc::text(" "));
            }
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

    /// A node printed whole on one line (T-SQL that CRQL cannot run): the comments
    /// inside it come out before it, so that formatting the output again puts them
    /// in the same place.
    fn opaque(&mut self, span: Span, text: String) -> Doc {
        if !self.pending() || span.is_empty() {
            return Doc::Text(text);
        }
        let mut parts = Vec::new();
        self.leading(span.end, &mut parts);
        self.pos = self.pos.max(span.end);
        parts.push(Doc::Text(text));
        Doc::Concat(parts)
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
                    FunctionArgs::Cast { expr, data_type } => {
                        parts.push(self.expr(expr));
                        parts.push(Doc::text(" "));
                        parts.push(self.kw("AS"));
                        parts.push(Doc::text(" "));
                        parts.push(self.opaque(data_type.span, data_type.text.to_string()));
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
            // T-SQL that CRQL cannot run (the linter says so) is laid out on one
            // line, as its canonical text; comments inside it come after it.
            Expr::Variable(_) | Expr::Case { .. } | Expr::Window { .. } | Expr::Collate { .. } => {
                self.opaque(e.span(), e.to_string())
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
