//! The linter: checks a parsed query against CRQL's rules and a [`Schema`].
//!
//! Each rule lives in its own file under `rules/` with its code, default severity
//! and documentation ([`RuleInfo`]); [`RULES`] is the registry. One walk over the
//! tree ([`walk`]) calls each active rule on the nodes it declares
//! ([`Rule::hooks`], [`Rule::expr_kinds`]), with a [`Context`] that resolves
//! tables and columns against the schema.
//!
//! ```
//! use crql::schema::Schema;
//! use crql::ast::{Expr, BinaryOp};
//! let mut q = crql::lint::test_query("cmClient", &["FristName"]);
//! q.select.selection = Some(Expr::column("ClientID").binary(BinaryOp::Eq, Expr::null()));
//! let codes: Vec<_> = crql::lint(&q, Schema::builtin()).iter().map(|d| d.code).collect();
//! assert_eq!(codes, ["E0102", "W0401", "W0403"]);
//! ```

use std::borrow::Cow;

use crate::ast::{Query, Script, Statement};
use crate::diagnostic::{Diagnostic, Severity};
use crate::schema::Schema;

mod context;
pub mod fix;
pub mod report;
pub mod rules;
mod suppress;
mod values;
mod walk;

pub use context::{Clause, Context, Resolved, Source};
pub use rules::{RULES, rule};

/// What a rule is: its code, default severity and documentation.
#[derive(Debug)]
pub struct RuleInfo {
    /// `E0102`
    pub code: &'static str,
    pub severity: Severity,
    /// A short kebab-case name: `unknown-column`.
    pub name: &'static str,
    /// One line for `crql rules`.
    pub summary: &'static str,
    /// What the rule checks.
    pub what: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// A query the rule flags (a test checks that it does).
    pub bad: &'static str,
    /// The same query fixed (a test checks that the rule does not flag it).
    pub good: &'static str,
}

impl RuleInfo {
    /// A diagnostic of this rule, at its default severity.
    pub fn diag(&'static self, span: crate::Span, message: impl Into<String>) -> Diagnostic {
        match self.severity {
            Severity::Error => Diagnostic::error(self.code, span, message),
            Severity::Warning => Diagnostic::warning(self.code, span, message),
        }
    }

    /// The full documentation, as `crql explain` prints it.
    pub fn explain(&self) -> String {
        format!(
            "{code} ({severity}): {name}\n{summary}\n\nWhat it does\n  {what}\n\nWhy\n  {why}\n\n\
             Example\n  {bad}\n\nUse instead\n  {good}\n",
            code = self.code,
            severity = self.severity,
            name = self.name,
            summary = self.summary,
            what = self.what,
            why = self.why,
            bad = self.bad,
            good = self.good,
        )
    }
}

/// A lint rule: its [`RuleInfo`] and hooks that the walk calls on each node. Every
/// hook does nothing unless the rule overrides it.
pub trait Rule: Sync {
    fn info(&self) -> &'static RuleInfo;
    /// The hooks the rule overrides. The walk calls only these, so that a rule
    /// costs nothing on the nodes it does not look at; the default (all of them)
    /// is always correct, just slower.
    fn hooks(&self) -> Hooks {
        Hooks::ALL
    }
    /// The kinds of expression [`Rule::check_expr`] looks at: it is called on
    /// those only (most nodes are columns and literals, which most rules skip).
    fn expr_kinds(&self) -> ExprKinds {
        ExprKinds::ALL
    }
    /// Each statement of a script, before its query (if any) is walked.
    fn check_statement<'q>(&self, _stmt: &'q Statement<'q>, _cx: &mut Context<'_, 'q>) {}
    /// Each query, the top-level one and every subquery.
    fn check_query<'q>(&self, _query: &'q Query<'q>, _cx: &mut Context<'_, 'q>) {}
    /// Each `SELECT` block, with its tables in scope.
    fn check_select<'q>(&self, _select: &'q crate::ast::Select<'q>, _cx: &mut Context<'_, 'q>) {}
    /// Each `FROM` or `JOIN` table.
    fn check_table<'q>(&self, _table: &'q crate::ast::TableRef<'q>, _cx: &mut Context<'_, 'q>) {}
    /// Each expression node of a kind in [`Rule::expr_kinds`], outermost first;
    /// [`Context::parent`] is its parent.
    fn check_expr<'q>(&self, _expr: &'q crate::ast::Expr<'q>, _cx: &mut Context<'_, 'q>) {}
}

/// A set of [`Rule`] hooks, combined with `|`: `Hooks::QUERY | Hooks::EXPR`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hooks(u8);

impl Hooks {
    pub const NONE: Hooks = Hooks(0);
    pub const STATEMENT: Hooks = Hooks(1);
    pub const QUERY: Hooks = Hooks(2);
    pub const SELECT: Hooks = Hooks(4);
    pub const TABLE: Hooks = Hooks(8);
    pub const EXPR: Hooks = Hooks(16);
    pub const ALL: Hooks = Hooks(31);

    /// True when every hook of `other` is in `self`.
    pub const fn contains(self, other: Hooks) -> bool {
        self.0 & other.0 == other.0
    }
}

impl std::ops::BitOr for Hooks {
    type Output = Hooks;
    fn bitor(self, other: Hooks) -> Hooks {
        Hooks(self.0 | other.0)
    }
}

/// A set of kinds of [`Expr`](crate::ast::Expr) node, combined with `|`:
/// `ExprKinds::BINARY | ExprKinds::IN_LIST`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExprKinds(u16);

impl ExprKinds {
    pub const COLUMN: ExprKinds = ExprKinds(1 << 0);
    pub const LITERAL: ExprKinds = ExprKinds(1 << 1);
    pub const PARAM: ExprKinds = ExprKinds(1 << 2);
    pub const BINARY: ExprKinds = ExprKinds(1 << 3);
    pub const UNARY: ExprKinds = ExprKinds(1 << 4);
    pub const NESTED: ExprKinds = ExprKinds(1 << 5);
    pub const IN_LIST: ExprKinds = ExprKinds(1 << 6);
    pub const IN_SUBQUERY: ExprKinds = ExprKinds(1 << 7);
    pub const BETWEEN: ExprKinds = ExprKinds(1 << 8);
    pub const LIKE: ExprKinds = ExprKinds(1 << 9);
    pub const IS_NULL: ExprKinds = ExprKinds(1 << 10);
    pub const FUNCTION: ExprKinds = ExprKinds(1 << 11);
    pub const SUBQUERY: ExprKinds = ExprKinds(1 << 12);
    pub const EXISTS: ExprKinds = ExprKinds(1 << 13);
    /// How many kinds there are.
    pub const COUNT: usize = 14;
    pub const ALL: ExprKinds = ExprKinds((1 << Self::COUNT) - 1);

    /// The position of `e`'s kind, `0..COUNT` (the bit of its constant).
    pub fn index_of(e: &crate::ast::Expr<'_>) -> usize {
        use crate::ast::Expr;
        match e {
            Expr::Column(_) => 0,
            Expr::Literal(_) => 1,
            Expr::Param(_) => 2,
            Expr::Binary { .. } => 3,
            Expr::Unary { .. } => 4,
            Expr::Nested { .. } => 5,
            Expr::InList { .. } => 6,
            Expr::InSubquery { .. } => 7,
            Expr::Between { .. } => 8,
            Expr::Like { .. } => 9,
            Expr::IsNull { .. } => 10,
            Expr::Function { .. } => 11,
            Expr::Subquery { .. } => 12,
            Expr::Exists { .. } => 13,
        }
    }

    /// True when the kind at `index` (see [`ExprKinds::index_of`]) is in the set.
    pub const fn has_index(self, index: usize) -> bool {
        index < Self::COUNT && self.0 & (1 << index) != 0
    }
}

impl std::ops::BitOr for ExprKinds {
    type Output = ExprKinds;
    fn bitor(self, other: ExprKinds) -> ExprKinds {
        ExprKinds(self.0 | other.0)
    }
}

/// A configured linter: a schema and the rules to run.
#[derive(Clone)]
pub struct Linter<'s> {
    schema: &'s Schema,
    rules: Cow<'static, [&'static dyn Rule]>,
}

/// True when `code` is named by one of `selectors`: a full code (`W0402`) or a
/// prefix (`W04`, `E02`, `W`), case-insensitively.
pub fn code_matches(code: &str, selectors: &[impl AsRef<str>]) -> bool {
    selectors.iter().any(|s| {
        let s = s.as_ref();
        !s.is_empty()
            && code.len() >= s.len()
            && code.as_bytes()[..s.len()].eq_ignore_ascii_case(s.as_bytes())
    })
}

impl<'s> Linter<'s> {
    /// Every rule, against `schema`.
    pub fn new(schema: &'s Schema) -> Self {
        Linter {
            schema,
            rules: Cow::Borrowed(RULES),
        }
    }

    /// Runs only the rules named by `selectors` (codes or prefixes such as `W04`).
    pub fn select(mut self, selectors: &[impl AsRef<str>]) -> Self {
        self.rules = Cow::Owned(
            self.rules
                .iter()
                .copied()
                .filter(|r| code_matches(r.info().code, selectors))
                .collect(),
        );
        self
    }

    /// Skips the rules named by `selectors` (codes or prefixes).
    pub fn ignore(mut self, selectors: &[impl AsRef<str>]) -> Self {
        self.rules = Cow::Owned(
            self.rules
                .iter()
                .copied()
                .filter(|r| !code_matches(r.info().code, selectors))
                .collect(),
        );
        self
    }

    /// True when the rule with `code` runs. Parse errors (E0001, E0002) are always
    /// reported: a query that does not parse cannot be checked at all.
    pub fn is_active(&self, code: &str) -> bool {
        matches!(code, "E0001" | "E0002") || self.rules.iter().any(|r| r.info().code == code)
    }

    /// Lints one query. Findings come in source order.
    pub fn lint(&self, query: &Query<'_>) -> Vec<Diagnostic> {
        let mut cx = Context::new(self.schema);
        walk::query(&walk::Dispatch::new(&self.rules), query, &mut cx);
        let mut out = cx.finish();
        sort(&mut out);
        out
    }

    /// Lints every statement of a script parsed from `source`, honouring
    /// `-- crql:allow(CODE)` comments and dropping any fix that would touch a comment.
    pub fn lint_script(&self, script: &Script<'_>, source: &str) -> Vec<Diagnostic> {
        let mut cx = Context::new(self.schema);
        let rules = walk::Dispatch::new(&self.rules);
        for stmt in &script.statements {
            walk::statement(&rules, stmt, &mut cx);
        }
        let mut out = cx.finish();
        suppress::apply(&mut out, script, source);
        fix::drop_fixes_touching_comments(&mut out, &script.comments);
        sort(&mut out);
        out
    }

    /// Parses `text` as a script and lints it; a syntax error is the one finding.
    pub fn lint_text(&self, text: &str) -> Vec<Diagnostic> {
        match crate::parser::parse_script(text) {
            Ok(script) => self.lint_script(&script, text),
            Err(e) => vec![e.diagnostic().clone()],
        }
    }
}

fn sort(out: &mut [Diagnostic]) {
    // Stable, like `sort_by`, but it sorts small keys and then moves each
    // diagnostic (a large struct) once, rather than merging diagnostics.
    out.sort_by_cached_key(|d| (d.span.start, d.span.end, d.code));
}

/// Lints one query against `schema` with every rule; findings in source order.
pub fn lint(query: &Query<'_>, schema: &Schema) -> Vec<Diagnostic> {
    Linter::new(schema).lint(query)
}

/// Lints a parsed script (see [`Linter::lint_script`]).
pub fn lint_script(script: &Script<'_>, source: &str, schema: &Schema) -> Vec<Diagnostic> {
    Linter::new(schema).lint_script(script, source)
}

/// Parses and lints `text`, parse errors included (see [`Linter::lint_text`]).
pub fn lint_text(text: &str, schema: &Schema) -> Vec<Diagnostic> {
    Linter::new(schema).lint_text(text)
}

/// `SELECT col, ... FROM table` built by hand, for examples and tests that do not
/// want to depend on the parser.
pub fn test_query(table: &'static str, columns: &[&'static str]) -> Query<'static> {
    use crate::ast::{Ident, Select, SelectItem, Span, TableName, TableRef};
    Query {
        select: Select {
            distinct: None,
            top: None,
            items: columns
                .iter()
                .map(|c| SelectItem::Expr {
                    expr: crate::ast::Expr::column(*c),
                    alias: None,
                    span: Span::empty(),
                })
                .collect(),
            from: TableRef::Table {
                name: TableName {
                    schema: None,
                    name: Ident::new(table),
                    span: Span::empty(),
                },
                alias: None,
                span: Span::empty(),
            },
            joins: Vec::new(),
            selection: None,
            group_by: Vec::new(),
            having: None,
            span: Span::empty(),
        },
        set_ops: Vec::new(),
        order_by: Vec::new(),
        limit: None,
        offset: None,
        fetch: None,
        span: Span::empty(),
    }
}

#[cfg(test)]
mod tests;
