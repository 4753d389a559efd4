//! The linter: checks a parsed query against CRQL's rules and a [`Schema`].
//!
//! Entry points: [`lint`], [`lint_script`] and [`lint_text`] run every check;
//! a [`Linter`] selects or ignores codes; [`fix`] applies the machine-applicable
//! fixes; [`report`] writes JSON records and SARIF. The codes, with their severity
//! and documentation, are the one code table, [`Code`]; [`codes`] lists those that
//! linting can report.
//!
//! Inside, each check lives in its own file under `rules/` and names the codes it
//! reports; the registry is `rules/mod.rs`. One walk over the tree calls each
//! active check on the nodes it declares, with a context that resolves tables and
//! columns against the schema. The check interface is internal: a check sees the
//! walk's state, which changes with the walk.
//!
//! Selection is by code: a check runs when any of its codes is selected, and its
//! findings of codes that are not are dropped ([`Linter::select`]).
//!
//! ```
//! use crql::schema::Schema;
//! let q = crql::parse("SELECT FristName FROM cmClient WHERE ClientID = NULL").unwrap();
//! let codes: Vec<_> = crql::lint(&q, Schema::builtin()).iter().map(|d| d.code).collect();
//! assert_eq!(codes, ["W0401", "W0102", "W0403"]);
//! ```

use std::borrow::Cow;

use crate::ast::{Query, Script, Statement};
use crate::diagnostic::{Code, Diagnostic, Reporter};
use crate::schema::Schema;

mod context;
pub mod fix;
mod literal;
pub mod report;
mod rules;
mod selection;
mod suppress;
mod walk;

pub(crate) use context::{Context, Resolved};
pub(crate) use rules::{RULES, rule};
use selection::CodeSet;
pub use selection::code_matches;

/// A lint check: the codes it reports and hooks that the walk calls on each node.
/// Every hook does nothing unless the check overrides it.
pub(crate) trait Rule: Sync {
    /// The codes the check reports, in code order: one for most checks; several
    /// for a check that classifies what it finds (E0301, E0302 and W0407).
    fn codes(&self) -> &'static [Code];
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
    /// The fix the check offers for its findings with `code`, if any; every fix
    /// it reports must be no less safe than declared here (checked in debug
    /// builds), since `crql rules` and `crql explain` show it.
    fn fixable(&self, _code: Code) -> Option<fix::Fixable> {
        None
    }
}

/// A set of [`Rule`] hooks, combined with `|`: `Hooks::QUERY | Hooks::EXPR`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Hooks(u8);

impl Hooks {
    /// [`Rule::check_statement`].
    pub const STATEMENT: Hooks = Hooks(1);
    /// [`Rule::check_query`].
    pub const QUERY: Hooks = Hooks(2);
    /// [`Rule::check_select`].
    pub const SELECT: Hooks = Hooks(4);
    /// [`Rule::check_table`].
    pub const TABLE: Hooks = Hooks(8);
    /// [`Rule::check_expr`].
    pub const EXPR: Hooks = Hooks(16);
    /// Every hook.
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
pub(crate) struct ExprKinds(u32);

// Every kind has its constant, used by a check or not, so that the set reads
// like `Expr`'s variants.
#[allow(dead_code)]
impl ExprKinds {
    /// [`Expr::Column`](crate::ast::Expr::Column).
    pub const COLUMN: ExprKinds = ExprKinds(1 << 0);
    /// [`Expr::Literal`](crate::ast::Expr::Literal).
    pub const LITERAL: ExprKinds = ExprKinds(1 << 1);
    /// [`Expr::Param`](crate::ast::Expr::Param).
    pub const PARAM: ExprKinds = ExprKinds(1 << 2);
    /// [`Expr::Binary`](crate::ast::Expr::Binary).
    pub const BINARY: ExprKinds = ExprKinds(1 << 3);
    /// [`Expr::Unary`](crate::ast::Expr::Unary).
    pub const UNARY: ExprKinds = ExprKinds(1 << 4);
    /// [`Expr::Nested`](crate::ast::Expr::Nested).
    pub const NESTED: ExprKinds = ExprKinds(1 << 5);
    /// [`Expr::InList`](crate::ast::Expr::InList).
    pub const IN_LIST: ExprKinds = ExprKinds(1 << 6);
    /// [`Expr::InSubquery`](crate::ast::Expr::InSubquery).
    pub const IN_SUBQUERY: ExprKinds = ExprKinds(1 << 7);
    /// [`Expr::Between`](crate::ast::Expr::Between).
    pub const BETWEEN: ExprKinds = ExprKinds(1 << 8);
    /// [`Expr::Like`](crate::ast::Expr::Like).
    pub const LIKE: ExprKinds = ExprKinds(1 << 9);
    /// [`Expr::IsNull`](crate::ast::Expr::IsNull).
    pub const IS_NULL: ExprKinds = ExprKinds(1 << 10);
    /// [`Expr::Function`](crate::ast::Expr::Function).
    pub const FUNCTION: ExprKinds = ExprKinds(1 << 11);
    /// [`Expr::Subquery`](crate::ast::Expr::Subquery).
    pub const SUBQUERY: ExprKinds = ExprKinds(1 << 12);
    /// [`Expr::Exists`](crate::ast::Expr::Exists).
    pub const EXISTS: ExprKinds = ExprKinds(1 << 13);
    /// [`Expr::Variable`](crate::ast::Expr::Variable).
    pub const VARIABLE: ExprKinds = ExprKinds(1 << 14);
    /// [`Expr::Case`](crate::ast::Expr::Case).
    pub const CASE: ExprKinds = ExprKinds(1 << 15);
    /// [`Expr::Window`](crate::ast::Expr::Window).
    pub const WINDOW: ExprKinds = ExprKinds(1 << 16);
    /// [`Expr::Collate`](crate::ast::Expr::Collate).
    pub const COLLATE: ExprKinds = ExprKinds(1 << 17);
    /// How many kinds there are.
    pub const COUNT: usize = 18;
    /// Every kind.
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
            Expr::Variable(_) => 14,
            Expr::Case { .. } => 15,
            Expr::Window { .. } => 16,
            Expr::Collate { .. } => 17,
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

/// A configured linter: a schema, the checks to run and the codes to report.
#[derive(Clone)]
pub struct Linter<'s> {
    schema: &'s Schema,
    rules: Cow<'static, [&'static dyn Rule]>,
    active: CodeSet,
}

impl<'s> Linter<'s> {
    /// Every rule, against `schema`.
    pub fn new(schema: &'s Schema) -> Self {
        Linter {
            schema,
            rules: Cow::Borrowed(RULES),
            active: CodeSet::ALL,
        }
    }

    /// Reports only the codes named by `selectors` (codes or prefixes such as
    /// `W04`): a check runs when any of its codes is selected.
    pub fn select(mut self, selectors: &[impl AsRef<str>]) -> Self {
        self.active = self.active.filter(|c| code_matches(c.as_str(), selectors));
        self.keep_active_rules()
    }

    /// Skips the codes named by `selectors` (codes or prefixes).
    pub fn ignore(mut self, selectors: &[impl AsRef<str>]) -> Self {
        self.active = self.active.filter(|c| !code_matches(c.as_str(), selectors));
        self.keep_active_rules()
    }

    fn keep_active_rules(mut self) -> Self {
        let active = self.active;
        self.rules = Cow::Owned(
            self.rules
                .iter()
                .copied()
                .filter(|r| r.codes().iter().any(|c| active.contains(*c)))
                .collect(),
        );
        self
    }

    /// True when findings with `code` are reported. Parse errors (E0001, E0002) always
    /// are: a query that does not parse cannot be checked at all.
    pub fn is_active(&self, code: Code) -> bool {
        self.active.contains(code)
    }

    /// Lints one query. Findings come in source order.
    pub fn lint(&self, query: &Query<'_>) -> Vec<Diagnostic> {
        let mut cx = Context::new(self.schema, self.active);
        walk::query(&walk::Dispatch::new(&self.rules), query, &mut cx);
        let mut out = cx.finish();
        fix::debug_assert_declared(&out);
        sort(&mut out);
        out
    }

    /// Lints every statement of a script parsed from `source`, honouring
    /// `-- crql:allow(CODE)` comments and dropping any fix that would touch a comment.
    pub fn lint_script(&self, script: &Script<'_>, source: &str) -> Vec<Diagnostic> {
        let mut cx = Context::new(self.schema, self.active);
        cx.source = Some(source);
        let rules = walk::Dispatch::new(&self.rules);
        for stmt in &script.statements {
            walk::statement(&rules, stmt, &mut cx);
        }
        let mut out = cx.finish();
        fix::debug_assert_declared(&out);
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

/// The codes linting text can report, in code order: the parser's and every
/// check's (what `crql check --select` accepts and SARIF describes).
pub fn codes() -> impl Iterator<Item = Code> {
    Code::ALL
        .iter()
        .copied()
        .filter(|&c| c.info().reported_by.contains(&Reporter::Parser) || rule(c).is_some())
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

#[cfg(test)]
pub(crate) mod tests;
