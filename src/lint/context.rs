//! What a rule sees besides the node: the tables in scope, name resolution against
//! the schema, the enclosing expression, and the findings so far.

use std::cell::Cell;

use crate::ast::{ColumnRef, Expr, Ident, Select, SelectItem, TableRef};
use crate::diagnostic::{Code, Diagnostic};
use crate::lint::selection::CodeSet;
use crate::schema::{Column, Schema, Table, cmp_ci};

/// Which part of a `SELECT` is being walked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clause {
    /// The `TOP` quantity.
    Top,
    /// The field list.
    Items,
    /// A `FROM` or `JOIN` table.
    From,
    /// A join's `ON` condition.
    On,
    /// The `WHERE` condition.
    Where,
    /// `GROUP BY`.
    GroupBy,
    /// `HAVING`.
    Having,
    /// `ORDER BY`.
    OrderBy,
    /// `LIMIT`, `OFFSET` or `FETCH`.
    Paging,
}

/// A table (or subquery) in scope: what `FROM`/`JOIN` named and what the schema
/// knows of it.
#[derive(Clone, Copy, Debug)]
pub struct Source<'s, 'q> {
    /// The table's name as written; `None` for a derived table.
    pub name: Option<&'q Ident<'q>>,
    /// The alias given to it, if any.
    pub alias: Option<&'q Ident<'q>>,
    /// The schema's table; `None` when unknown (E0101) or derived.
    pub table: Option<&'s Table>,
}

impl Source<'_, '_> {
    /// The name a qualifier must use: the alias when there is one.
    pub fn exposed_name(&self) -> Option<&str> {
        self.alias.or(self.name).map(|i| i.value.as_ref())
    }
}

/// The outcome of resolving a column reference.
#[derive(Clone, Copy, Debug)]
pub enum Resolved<'s> {
    /// Found: the source's index in scope, its table and the column.
    Column {
        /// The source's index, for [`Context::source`].
        source: usize,
        /// The source's table.
        table: &'s Table,
        /// The column.
        column: &'s Column,
    },
    /// No table in scope has the column; every table in scope is known (E0102).
    UnknownColumn,
    /// The qualified table is known but lacks the column (E0102).
    UnknownQualifiedColumn {
        /// The table the qualifier names.
        table: &'s Table,
    },
    /// An unqualified name that two tables in scope both have (E0103).
    Ambiguous {
        /// The first table in scope that has the column.
        first: &'s Table,
        /// The next one.
        second: &'s Table,
    },
    /// The qualifier names no table or alias in scope (E0104).
    UnknownQualifier,
    /// The qualifier is a table's name, but that table is aliased (E0104).
    AliasedTable {
        /// The aliased source's index, for [`Context::source`].
        alias: usize,
    },
    /// Not checkable: an unknown or derived table, or an ORDER BY alias.
    Unchecked,
}

/// Recent resolutions, keyed by the `ColumnRef`'s address: several rules ask about
/// the same column (at its comparison, then at the column itself). A resolution
/// depends only on the scope, so the memo is cleared when the scope changes.
struct Memo<'s> {
    keys: [Cell<usize>; 4],
    values: [Cell<Resolved<'s>>; 4],
    next: Cell<usize>,
}

impl<'s> Memo<'s> {
    fn new() -> Self {
        Memo {
            keys: Default::default(),
            values: std::array::from_fn(|_| Cell::new(Resolved::Unchecked)),
            next: Cell::new(0),
        }
    }

    #[inline]
    fn get(&self, key: usize) -> Option<Resolved<'s>> {
        // Most asks are about the column just resolved (each type rule asks at
        // the same comparison): try the last slot written first.
        let last = (self.next.get() + self.keys.len() - 1) % self.keys.len();
        if self.keys[last].get() == key {
            return Some(self.values[last].get());
        }
        let i = self.keys.iter().position(|k| k.get() == key)?;
        Some(self.values[i].get())
    }

    fn put(&self, key: usize, r: Resolved<'s>) {
        let i = self.next.get();
        self.keys[i].set(key);
        self.values[i].set(r);
        self.next.set((i + 1) % self.keys.len());
    }

    fn clear(&self) {
        for k in &self.keys {
            k.set(0);
        }
    }
}

#[derive(Clone, Copy)]
struct Frame<'q> {
    start: usize,
    select: &'q Select<'q>,
}

/// The walk's state, handed to every rule hook.
pub struct Context<'s, 'q> {
    schema: &'s Schema,
    sources: Vec<Source<'s, 'q>>,
    frames: Vec<Frame<'q>>,
    parents: Vec<&'q Expr<'q>>,
    pub(crate) clause: Clause,
    pub(crate) query_depth: usize,
    memo: Memo<'s>,
    active: CodeSet,
    out: Vec<Diagnostic>,
    /// The text the tree was parsed from, when the caller has it: what the tree
    /// does not keep (how an alias was quoted) is read there.
    pub(crate) source: Option<&'q str>,
}

impl<'s, 'q> Context<'s, 'q> {
    pub(crate) fn new(schema: &'s Schema, active: CodeSet) -> Self {
        Context {
            schema,
            sources: Vec::new(),
            frames: Vec::new(),
            parents: Vec::new(),
            clause: Clause::Items,
            query_depth: 0,
            memo: Memo::new(),
            active,
            out: Vec::new(),
            source: None,
        }
    }

    /// The source text of `span`, when the linter was given the source.
    pub fn source_text(&self, span: crate::Span) -> Option<&'q str> {
        self.source?.get(span.range())
    }

    pub(crate) fn finish(self) -> Vec<Diagnostic> {
        self.out
    }

    /// Records a finding, unless its code is not selected (a check that reports
    /// several codes runs when any of them is).
    pub fn report(&mut self, d: Diagnostic) {
        if self.active.contains(d.code) {
            self.out.push(d);
        }
    }

    /// True when findings with `code` are reported: a check may skip work whose
    /// only outcome would be dropped.
    pub fn is_active(&self, code: Code) -> bool {
        self.active.contains(code)
    }

    /// The schema being checked against.
    pub fn schema(&self) -> &'s Schema {
        self.schema
    }

    /// 1 for the top-level query, 2 and more inside subqueries.
    pub fn query_depth(&self) -> usize {
        self.query_depth
    }

    /// The expression that directly contains the one being checked.
    pub fn parent(&self) -> Option<&'q Expr<'q>> {
        self.parents.last().copied()
    }

    /// Forgets the memo of resolutions: the scope changed.
    fn new_scope(&self) {
        self.memo.clear();
    }

    pub(crate) fn push_parent(&mut self, e: &'q Expr<'q>) {
        self.parents.push(e);
    }

    pub(crate) fn pop_parent(&mut self) {
        self.parents.pop();
    }

    pub(crate) fn expr_depth(&self) -> usize {
        self.parents.len()
    }

    /// Brings a `SELECT`'s tables into scope (inner scopes shadow outer ones).
    pub(crate) fn push_frame(&mut self, select: &'q Select<'q>) {
        let start = self.sources.len();
        let schema = self.schema;
        let mut add = |t: &'q TableRef<'q>| {
            let source = match t {
                TableRef::Table { name, alias, .. } => Source {
                    name: Some(&name.name),
                    alias: alias.as_ref(),
                    table: schema.table(&name.name.value),
                },
                TableRef::Derived { alias, .. } | TableRef::Function { alias, .. } => Source {
                    name: None,
                    alias: alias.as_ref(),
                    table: None,
                },
            };
            self.sources.push(source);
        };
        add(&select.from);
        for j in &select.joins {
            add(&j.table);
        }
        self.frames.push(Frame { start, select });
        self.new_scope();
    }

    pub(crate) fn pop_frame(&mut self) {
        if let Some(f) = self.frames.pop() {
            self.sources.truncate(f.start);
        }
        self.new_scope();
    }

    fn frame_range(&self, i: usize) -> std::ops::Range<usize> {
        let start = self.frames[i].start;
        let end = self
            .frames
            .get(i + 1)
            .map_or(self.sources.len(), |f| f.start);
        start..end
    }

    /// The tables of the innermost `SELECT`.
    pub fn sources(&self) -> &[Source<'s, 'q>] {
        match self.frames.len() {
            0 => &[],
            n => &self.sources[self.frame_range(n - 1)],
        }
    }

    /// The source at an index returned in [`Resolved::Column`].
    pub fn source(&self, index: usize) -> Option<&Source<'s, 'q>> {
        self.sources.get(index)
    }

    /// Resolves a column reference against the tables in scope, innermost `SELECT`
    /// first (so that a correlated subquery sees the outer tables).
    #[inline]
    pub fn resolve(&self, c: &ColumnRef<'_>) -> Resolved<'s> {
        // Never 0: a reference is not null, so 0 marks an empty slot.
        let key = std::ptr::from_ref(c) as usize;
        match self.memo.get(key) {
            Some(r) => r,
            None => self.resolve_uncached(c, key),
        }
    }

    /// Kept out of line: most resolutions are memo hits, which then cost a few
    /// instructions where they are asked for.
    #[inline(never)]
    fn resolve_uncached(&self, c: &ColumnRef<'_>, key: usize) -> Resolved<'s> {
        let name: &str = &c.name.value;
        let r = match &c.qualifier {
            Some(q) => self.resolve_qualified(&q.value, name),
            None => self.resolve_bare(name),
        };
        self.memo.put(key, r);
        r
    }

    fn resolve_qualified(&self, qualifier: &str, name: &str) -> Resolved<'s> {
        let i = match self.qualifier_source(qualifier) {
            Ok(i) => i,
            Err(r) => return r,
        };
        match self.sources[i].table {
            Some(table) => match table.column(name) {
                Some(column) => Resolved::Column {
                    source: i,
                    table,
                    column,
                },
                None => Resolved::UnknownQualifiedColumn { table },
            },
            None => Resolved::Unchecked,
        }
    }

    /// The index of the source that `qualifier` names (its alias, or its name when
    /// it has no alias), innermost `SELECT` first; otherwise
    /// [`Resolved::AliasedTable`] or [`Resolved::UnknownQualifier`].
    pub fn qualifier_source(&self, qualifier: &str) -> Result<usize, Resolved<'s>> {
        let mut aliased_table = None;
        for f in (0..self.frames.len()).rev() {
            for i in self.frame_range(f) {
                let s = &self.sources[i];
                if s.exposed_name()
                    .is_some_and(|n| cmp_ci(n, qualifier).is_eq())
                {
                    return Ok(i);
                }
                if s.alias.is_some()
                    && aliased_table.is_none()
                    && s.name.is_some_and(|n| cmp_ci(&n.value, qualifier).is_eq())
                {
                    aliased_table = Some(i);
                }
            }
        }
        Err(match aliased_table {
            Some(alias) => Resolved::AliasedTable { alias },
            None => Resolved::UnknownQualifier,
        })
    }

    /// Every source in scope, innermost `SELECT` last.
    pub fn all_sources(&self) -> &[Source<'s, 'q>] {
        &self.sources
    }

    fn resolve_bare(&self, name: &str) -> Resolved<'s> {
        if self.clause == Clause::OrderBy && self.is_output_alias(name) {
            return Resolved::Unchecked;
        }
        for f in (0..self.frames.len()).rev() {
            let mut found: Option<(usize, &'s Table, &'s Column)> = None;
            let mut unchecked = false;
            for i in self.frame_range(f) {
                match self.sources[i].table {
                    Some(table) => {
                        if let Some(column) = table.column(name) {
                            if let Some((_, first, _)) = found {
                                return Resolved::Ambiguous {
                                    first,
                                    second: table,
                                };
                            }
                            found = Some((i, table, column));
                        }
                    }
                    None => unchecked = true,
                }
            }
            if let Some((source, table, column)) = found {
                return Resolved::Column {
                    source,
                    table,
                    column,
                };
            }
            if unchecked {
                return Resolved::Unchecked;
            }
        }
        if self.frames.is_empty() {
            Resolved::Unchecked
        } else {
            Resolved::UnknownColumn
        }
    }

    /// True when `name` is an alias given in the innermost field list.
    fn is_output_alias(&self, name: &str) -> bool {
        self.frames.last().is_some_and(|f| {
            f.select.items.iter().any(|item| match item {
                SelectItem::Expr { alias: Some(a), .. } => cmp_ci(&a.value, name).is_eq(),
                _ => false,
            })
        })
    }

    /// The schema column an expression is, when it is a (possibly parenthesised)
    /// column that resolves.
    pub fn column_of(&self, e: &Expr<'_>) -> Option<(&'s Table, &'s Column)> {
        match e {
            Expr::Column(c) => match self.resolve(c) {
                Resolved::Column { table, column, .. } => Some((table, column)),
                _ => None,
            },
            Expr::Nested { expr, .. } => self.column_of(expr),
            _ => None,
        }
    }
}
