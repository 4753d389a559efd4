//! The CRQL syntax tree: one model shared by the parser, printer, linter, builder,
//! executor and sandbox.
//!
//! The tree is *permissive*: it can hold everything people type into a CRQL string,
//! including what CTAPI rejects (`*`, function calls, arithmetic, subqueries,
//! `GROUP BY`, `OFFSET`, several joins, `UNION`), so that the linter can name the
//! exact rule a query breaks and label the exact span.
//!
//! Names and string literals borrow from the parsed text (`Cow<'a, str>`); call
//! [`Query::into_owned`] for a `Query<'static>`.
//!
//! Passes that look at every node implement [`Visit`] or [`VisitMut`] (see
//! [`visit`]) rather than recursing by hand.
//!
//! Every node carries a byte [`Span`] into the source. Spans are **ignored by
//! equality**, so `parse(a) == parse(b)` compares structure only.
//!
//! `Display` on any node prints canonical one-line CRQL (upper-case keywords, single
//! spaces, literals re-escaped), implemented by the printer; so does the pretty form.
//! Operator precedence, which parser, printer and builder share, is in [`precedence`].

use std::borrow::Cow;
use std::fmt;
use std::hash::{Hash, Hasher};

use serde::{Deserialize, Serialize};

/// A byte range `start..end` into the source text.
///
/// Two spans always compare equal (and hash alike), so that nodes compare by
/// structure only; use [`Span::same_as`] to compare positions.
#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize)]
pub struct Span {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// The span `start..end`.
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// An empty span, for nodes made by the builder rather than parsed.
    pub const fn empty() -> Self {
        Span { start: 0, end: 0 }
    }

    /// Length in bytes.
    pub const fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True when the span covers no byte.
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The smallest span covering both.
    pub fn union(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// Positional equality (the `==` operator ignores positions).
    pub const fn same_as(&self, other: &Span) -> bool {
        self.start == other.start && self.end == other.end
    }

    /// The span as a `Range`, for slicing the source.
    pub const fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

impl PartialEq for Span {
    fn eq(&self, _: &Span) -> bool {
        true
    }
}

impl Eq for Span {}

impl Hash for Span {
    fn hash<H: Hasher>(&self, _: &mut H) {}
}

impl From<Span> for miette::SourceSpan {
    fn from(s: Span) -> Self {
        (s.start, s.len()).into()
    }
}

/// A `;`-separated script: the statements of a `.crql` file, with its comments.
///
/// `SELECT TOP 5 ClientID FROM cmClient; SELECT TOP 5 EnrollID FROM Enrollment`
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Script<'a> {
    /// The statements in source order.
    #[serde(borrow)]
    pub statements: Vec<Statement<'a>>,
    /// Every comment in the text, in source order; the pretty printer weaves them
    /// back in by position so that formatting never deletes one.
    #[serde(borrow)]
    pub comments: Vec<Comment<'a>>,
    /// The whole text.
    pub span: Span,
}

/// One statement of a script.
// A script holds few statements; boxing the query would cost an allocation each.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Statement<'a> {
    /// A query: `SELECT TOP 5 ClientID FROM cmClient`.
    #[serde(borrow)]
    Query(Query<'a>),
    /// Any other statement (`UPDATE`, `DELETE`, `INSERT`, `EXEC`, `DROP`, ...), kept
    /// as its leading keyword and span so that the linter can reject it precisely
    /// (CRQL only reads; writes go through CTObjects and stored procedures).
    ///
    /// `DELETE FROM cmClient WHERE ClientID = 1`
    Unsupported {
        /// The statement's first keyword as written (`DELETE`).
        #[serde(borrow)]
        verb: Ident<'a>,
        /// From the verb to the end of the statement (its `;` excluded).
        span: Span,
    },
}

/// A comment, kept verbatim with its delimiters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment<'a> {
    /// The comment text including `--` or `/* */`, without the line break.
    #[serde(borrow)]
    pub text: Cow<'a, str>,
    /// `--` or `/* */`.
    pub kind: CommentKind,
    /// The comment, delimiters included.
    pub span: Span,
}

/// Which comment syntax.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CommentKind {
    /// `-- to the end of the line`
    Line,
    /// `/* may span lines */`
    Block,
}

/// A query: one `SELECT`, optionally combined with others by set operators, then
/// ordering and paging.
///
/// `SELECT TOP 200 ClientID, FirstName FROM cmClient WHERE ActiveStatus = 1 ORDER BY ClientID`
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Query<'a> {
    /// The first (usually only) `SELECT`.
    #[serde(borrow)]
    pub select: Select<'a>,
    /// `UNION [ALL] SELECT ...` and friends, in order. CRQL forbids them (E0206).
    #[serde(borrow, default, skip_serializing_if = "Vec::is_empty")]
    pub set_ops: Vec<SetOperation<'a>>,
    /// `ORDER BY a, b DESC`. Observed to time out on large tables (W0402).
    #[serde(borrow, default, skip_serializing_if = "Vec::is_empty")]
    pub order_by: Vec<OrderByExpr<'a>>,
    /// `LIMIT n` (MySQL/PostgreSQL style). CRQL forbids it (E0205).
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<Limit<'a>>,
    /// `OFFSET n ROWS`. CRQL forbids it (E0205): paging belongs to pageNo/pageSize.
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<Offset<'a>>,
    /// `FETCH NEXT n ROWS ONLY`. CRQL forbids it (E0205).
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub fetch: Option<Fetch<'a>>,
    /// T-SQL's trailing clauses, `FOR XML ...`, `FOR JSON ...`, `OPTION (...)`, in
    /// order. CRQL has none of them (E0206).
    #[serde(borrow, default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<QueryOption<'a>>,
    /// From `SELECT` to the end of the last clause.
    pub span: Span,
}

/// A trailing T-SQL clause of a query, kept as its kind and its text so that the
/// linter can name it and the printer write it back.
///
/// `FOR JSON PATH, ROOT('clients')`, `OPTION (RECOMPILE)`
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryOption<'a> {
    /// Which clause.
    pub kind: QueryOptionKind,
    /// What follows the clause's keywords, tokens separated by single spaces and
    /// comments left out: `PATH, ROOT('clients')`, `(RECOMPILE)`; may be empty.
    #[serde(borrow)]
    pub text: Cow<'a, str>,
    /// From the first keyword to the end of the clause.
    pub span: Span,
}

/// The kind of a [`QueryOption`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum QueryOptionKind {
    /// `FOR XML ...`
    ForXml,
    /// `FOR JSON ...`
    ForJson,
    /// `FOR BROWSE`
    ForBrowse,
    /// `OPTION (...)`: query hints.
    Option,
}

impl QueryOptionKind {
    /// The clause's keywords, as the canonical printer writes them.
    pub const fn as_str(self) -> &'static str {
        match self {
            QueryOptionKind::ForXml => "FOR XML",
            QueryOptionKind::ForJson => "FOR JSON",
            QueryOptionKind::ForBrowse => "FOR BROWSE",
            QueryOptionKind::Option => "OPTION",
        }
    }
}

/// A `SELECT ... FROM ... [JOIN ...] [WHERE ...] [GROUP BY ...] [HAVING ...]` block.
///
/// `SELECT DISTINCT TOP 10 c.ClientID FROM cmClient c JOIN Enrollment e ON e.ClientID = c.ClientID WHERE e.ExitDate IS NULL`
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Select<'a> {
    /// `DISTINCT` was written; the span is the keyword's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distinct: Option<Span>,
    /// `TOP n [PERCENT] [WITH TIES]`.
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub top: Option<Top<'a>>,
    /// The field list.
    #[serde(borrow)]
    pub items: Vec<SelectItem<'a>>,
    /// `INTO new_table` (T-SQL's `SELECT ... INTO`, which creates a table). CRQL
    /// only reads (E0206).
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub into: Option<TableName<'a>>,
    /// The `FROM` table.
    #[serde(borrow)]
    pub from: TableRef<'a>,
    /// Joins in order. CRQL allows at most one (E0203).
    #[serde(borrow, default, skip_serializing_if = "Vec::is_empty")]
    pub joins: Vec<Join<'a>>,
    /// The `WHERE` condition.
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub selection: Option<Expr<'a>>,
    /// `GROUP BY` expressions. CRQL forbids them (E0206).
    #[serde(borrow, default, skip_serializing_if = "Vec::is_empty")]
    pub group_by: Vec<Expr<'a>>,
    /// `HAVING` condition. CRQL forbids it (E0206).
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub having: Option<Expr<'a>>,
    /// From `SELECT` to the end of its last clause.
    pub span: Span,
}

/// `TOP n`, `TOP (n)`, `TOP n PERCENT`, `TOP n WITH TIES`.
///
/// The quantity is an expression so that `TOP (:n)` can carry a parameter; the
/// canonical form prints a plain integer bare (`TOP 200`) and anything else in
/// parentheses (`TOP (:n)`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Top<'a> {
    /// The `n`: `200` in `TOP 200`, `:n` in `TOP (:n)`.
    #[serde(borrow)]
    pub quantity: Expr<'a>,
    /// `PERCENT` was written.
    #[serde(default)]
    pub percent: bool,
    /// `WITH TIES` was written.
    #[serde(default)]
    pub with_ties: bool,
    /// From `TOP` to the end of the clause.
    pub span: Span,
}

/// One entry of the field list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SelectItem<'a> {
    /// An expression with an optional alias: `FirstName`, `c.ClientID AS id`,
    /// `ClientID id`.
    Expr {
        /// The value selected.
        #[serde(borrow)]
        expr: Expr<'a>,
        /// The name after `AS` (or after the expression, `AS` omitted).
        #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
        alias: Option<Ident<'a>>,
        /// The expression and its alias.
        span: Span,
    },
    /// `*`. CRQL forbids it (E0201).
    Wildcard {
        /// The `*`.
        span: Span,
    },
    /// `c.*`. CRQL forbids it (E0201).
    QualifiedWildcard {
        /// The table name or alias before `.*`.
        #[serde(borrow)]
        qualifier: Ident<'a>,
        /// From the qualifier to the `*`.
        span: Span,
    },
}

/// What a `FROM` or `JOIN` reads.
// Nearly every table read is a named one: boxing that variant would cost an
// allocation each for the rare subquery's and function's sake.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TableRef<'a> {
    /// A named table with an optional alias: `cmClient`, `dbo.cmClient c`,
    /// `Enrollment AS e`.
    Table {
        /// The table's name.
        #[serde(borrow)]
        name: TableName<'a>,
        /// The name the rest of the query may use for it (`c` in `cmClient c`).
        #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
        alias: Option<Ident<'a>>,
        /// T-SQL table hints, `WITH (NOLOCK)` or `(NOLOCK)`. CRQL has none (E0218).
        #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
        hints: Option<TableHints<'a>>,
        /// The name, its alias and its hints.
        span: Span,
    },
    /// A subquery in `FROM`: `(SELECT ClientID FROM cmClient) AS c`. CRQL forbids
    /// it (E0202).
    Derived {
        /// The query inside the parentheses.
        #[serde(borrow)]
        subquery: Box<Query<'a>>,
        /// The name after the closing parenthesis.
        #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
        alias: Option<Ident<'a>>,
        /// T-SQL's names for the subquery's columns after the alias:
        /// `(SELECT ClientID FROM cmClient) AS x (id)`.
        #[serde(borrow, default, skip_serializing_if = "Vec::is_empty")]
        columns: Vec<Ident<'a>>,
        /// From `(` to the alias (or its column names).
        span: Span,
    },
    /// A table-valued function: `STRING_SPLIT(c.Email, ';') s`,
    /// `OPENJSON(c.Comments) j`. CRQL reads tables only (E0206).
    Function {
        /// The call, an [`Expr::Function`] (boxed: an expression is large).
        #[serde(borrow)]
        call: Box<Expr<'a>>,
        /// The name after the closing parenthesis.
        #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
        alias: Option<Ident<'a>>,
        /// From the function's name to the alias.
        span: Span,
    },
}

/// Table hints: `WITH (NOLOCK)`, `(NOLOCK, INDEX(ix))`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableHints<'a> {
    /// `WITH` was written before the parenthesis.
    #[serde(default)]
    pub with: bool,
    /// Each hint as written, tokens separated by single spaces: `NOLOCK`,
    /// `INDEX(ix_client)`.
    #[serde(borrow)]
    pub hints: Vec<Cow<'a, str>>,
    /// From `WITH` (or `(`) to `)`.
    pub span: Span,
}

/// A table name, optionally schema- and database-qualified: `cmClient`,
/// `dbo.cmClient`, `ClientTrack.dbo.cmClient`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TableName<'a> {
    /// The linked server before the database: `Remote` in
    /// `Remote.ClientTrack.dbo.cmClient`. CRQL reads one database (E0219).
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub server: Option<Box<Ident<'a>>>,
    /// The database before the schema: `ClientTrack` in `ClientTrack.dbo.cmClient`.
    /// CRQL reads one database (E0219).
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub database: Option<Ident<'a>>,
    /// The schema before the dot: `dbo` in `dbo.cmClient`; `None` in
    /// `ClientTrack..cmClient` (the database's default schema).
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<Ident<'a>>,
    /// The table itself.
    #[serde(borrow)]
    pub name: Ident<'a>,
    /// The schema (if any) and the name.
    pub span: Span,
}

/// `[INNER | LEFT [OUTER] | RIGHT [OUTER] | FULL [OUTER] | CROSS] JOIN table [ON cond]`.
///
/// `JOIN Enrollment e ON e.ClientID = c.ClientID`
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Join<'a> {
    /// `INNER`, `LEFT`...
    pub kind: JoinKind,
    /// The table joined.
    #[serde(borrow)]
    pub table: TableRef<'a>,
    /// The `ON` condition; `None` for `CROSS JOIN` (or a join written without one).
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub on: Option<Expr<'a>>,
    /// A T-SQL join hint between the join's kind and `JOIN`: `HASH` in
    /// `INNER HASH JOIN`. CRQL has none (E0218).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<JoinHint>,
    /// From the join's first keyword to the end of its condition.
    pub span: Span,
}

/// A T-SQL join hint, `INNER HASH JOIN`: how the server must join.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct JoinHint {
    /// Which algorithm the hint forces.
    pub kind: JoinHintKind,
    /// The hint's word.
    pub span: Span,
}

/// The kind of a [`JoinHint`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum JoinHintKind {
    /// `HASH`
    Hash,
    /// `LOOP`
    Loop,
    /// `MERGE`
    Merge,
    /// `REMOTE`
    Remote,
}

impl JoinHintKind {
    /// Every hint, in the order [`JoinHintKind::as_str`] names them.
    pub const ALL: [JoinHintKind; 4] = [
        JoinHintKind::Hash,
        JoinHintKind::Loop,
        JoinHintKind::Merge,
        JoinHintKind::Remote,
    ];

    /// The hint's word in upper case, as the canonical printer writes it.
    pub const fn as_str(self) -> &'static str {
        match self {
            JoinHintKind::Hash => "HASH",
            JoinHintKind::Loop => "LOOP",
            JoinHintKind::Merge => "MERGE",
            JoinHintKind::Remote => "REMOTE",
        }
    }
}

/// The kind of a join. A bare `JOIN` is `Inner`; `OUTER` is noise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum JoinKind {
    /// `JOIN` / `INNER JOIN`
    Inner,
    /// `LEFT [OUTER] JOIN`
    Left,
    /// `RIGHT [OUTER] JOIN`
    Right,
    /// `FULL [OUTER] JOIN`
    Full,
    /// `CROSS JOIN`
    Cross,
    /// `FROM a, b`: the old comma join, a cross join unless `WHERE` pairs the rows.
    Comma,
    /// `CROSS APPLY` (T-SQL)
    CrossApply,
    /// `OUTER APPLY` (T-SQL)
    OuterApply,
}

/// `UNION [ALL] SELECT ...`, `EXCEPT SELECT ...`, `INTERSECT SELECT ...`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetOperation<'a> {
    /// `UNION`, `EXCEPT` or `INTERSECT`.
    pub op: SetOperator,
    /// `ALL` was written (only meaningful for `UNION`).
    #[serde(default)]
    pub all: bool,
    /// The `SELECT` on the operator's right.
    #[serde(borrow)]
    pub select: Select<'a>,
    /// From the operator to the end of its `SELECT`.
    pub span: Span,
}

/// A set operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SetOperator {
    /// `UNION`
    Union,
    /// `EXCEPT`
    Except,
    /// `INTERSECT`
    Intersect,
}

/// `expr [ASC | DESC]`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderByExpr<'a> {
    /// What to sort by.
    #[serde(borrow)]
    pub expr: Expr<'a>,
    /// `None` when no direction was written (ascending).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<SortDirection>,
    /// The expression and its direction keyword.
    pub span: Span,
}

/// `ASC` / `DESC`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SortDirection {
    /// `ASC`: smallest first.
    Asc,
    /// `DESC`: largest first.
    Desc,
}

/// `LIMIT n`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limit<'a> {
    /// The `n`.
    #[serde(borrow)]
    pub quantity: Expr<'a>,
    /// From `LIMIT` to the end of `n`.
    pub span: Span,
}

/// `OFFSET n [ROW | ROWS]`; canonical form `OFFSET n ROWS`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offset<'a> {
    /// The `n`: rows to skip.
    #[serde(borrow)]
    pub value: Expr<'a>,
    /// From `OFFSET` to `ROW`/`ROWS` (or the end of `n`).
    pub span: Span,
}

/// `FETCH {FIRST | NEXT} n {ROW | ROWS} ONLY`; canonical form `FETCH NEXT n ROWS ONLY`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fetch<'a> {
    /// The `n`: rows to return.
    #[serde(borrow)]
    pub quantity: Expr<'a>,
    /// From `FETCH` to `ONLY`.
    pub span: Span,
}

/// An identifier: `ClientID`, `[Exit Date]`.
///
/// `value` is the name without brackets, with `]]` unescaped. Names compare
/// case-sensitively here; the schema matches them case-insensitively as SQL Server does.
/// Like spans, brackets are notation and ignored by equality: `[User]` and `User`
/// are the same name, and the printer brackets a bare `User` (a T-SQL reserved word)
/// that it read.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Ident<'a> {
    /// The name, brackets removed and `]]` unescaped.
    #[serde(borrow)]
    pub value: Cow<'a, str>,
    /// Written as `[name]`.
    #[serde(default)]
    pub bracketed: bool,
    /// The name as written, brackets included.
    pub span: Span,
}

impl PartialEq for Ident<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl Eq for Ident<'_> {}

impl Hash for Ident<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.value.hash(state);
    }
}

/// A column reference, optionally qualified by a table name or alias: `ClientID`,
/// `c.ClientID`, `[Enrollment].[ExitDate]`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ColumnRef<'a> {
    /// The schema (and database) written before the table: `dbo` in
    /// `dbo.cmClient.ClientID`. CRQL names a column by its table or alias alone
    /// (E0220).
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<Box<ColumnPrefix<'a>>>,
    /// The table name or alias before the dot: `c` in `c.ClientID`. Boxed, as is
    /// the prefix: a column is on every level of nesting, and the parser's frames
    /// hold expressions by value.
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Box<Ident<'a>>>,
    /// The column itself.
    #[serde(borrow)]
    pub name: Ident<'a>,
    /// The qualifier (if any) and the name.
    pub span: Span,
}

/// What stands before a column's table in a T-SQL name of three or four parts:
/// `dbo` in `dbo.cmClient.ClientID`, `ClientTrack.dbo` in
/// `ClientTrack.dbo.cmClient.ClientID`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ColumnPrefix<'a> {
    /// The database, in a four-part name.
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub database: Option<Ident<'a>>,
    /// The schema.
    #[serde(borrow)]
    pub schema: Ident<'a>,
}

/// A literal value.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Literal<'a> {
    /// `'O''Brien'`, `N'text'`; `value` is unescaped (`O'Brien`).
    String {
        /// The text between the quotes, `''` unescaped.
        #[serde(borrow)]
        value: Cow<'a, str>,
        /// Written with the T-SQL `N` prefix.
        #[serde(default)]
        national: bool,
        /// From the `N` or opening quote to the closing quote.
        span: Span,
    },
    /// An unsigned integer as written: `200`. Kept as text so that no value is
    /// lost to overflow; see [`Literal::as_i64`].
    Integer {
        /// The digits as written.
        #[serde(borrow)]
        text: Cow<'a, str>,
        /// The digits.
        span: Span,
    },
    /// An unsigned decimal as written: `3.25`, `.5`, `1e3`.
    Decimal {
        /// The number as written.
        #[serde(borrow)]
        text: Cow<'a, str>,
        /// The number.
        span: Span,
    },
    /// `NULL`
    Null {
        /// The keyword.
        span: Span,
    },
}

/// A named parameter `:name`, replaced by a literal when bound (the builder's `bind`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Param<'a> {
    /// The name without the colon.
    #[serde(borrow)]
    pub name: Cow<'a, str>,
    /// The colon and the name.
    pub span: Span,
}

/// An expression.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Expr<'a> {
    /// `ClientID`, `c.ClientID`
    #[serde(borrow)]
    Column(ColumnRef<'a>),
    /// `'2024-01-01'`, `200`, `NULL`
    #[serde(borrow)]
    Literal(Literal<'a>),
    /// `:since`
    #[serde(borrow)]
    Param(Param<'a>),
    /// `ClientID = 5`, `a = 1 AND b = 2`, `a + b`. Arithmetic is forbidden in CRQL
    /// (E0204).
    Binary {
        /// The left operand.
        #[serde(borrow)]
        left: Box<Expr<'a>>,
        /// The operator.
        op: BinaryOp,
        /// The right operand.
        #[serde(borrow)]
        right: Box<Expr<'a>>,
        /// From the left operand to the right one.
        span: Span,
    },
    /// `NOT ActiveStatus = 1`, `-5`, `+5`
    Unary {
        /// The prefix operator.
        op: UnaryOp,
        /// The operand.
        #[serde(borrow)]
        expr: Box<Expr<'a>>,
        /// From the operator to the end of the operand.
        span: Span,
    },
    /// A parenthesised expression, kept so that the formatter reproduces what the
    /// user wrote: `(a = 1 OR b = 2)`.
    Nested {
        /// The expression inside the parentheses.
        #[serde(borrow)]
        expr: Box<Expr<'a>>,
        /// From `(` to `)`.
        span: Span,
    },
    /// `ClientID [NOT] IN (1, 2, 3)`
    InList {
        /// The value tested.
        #[serde(borrow)]
        expr: Box<Expr<'a>>,
        /// The values in the parentheses.
        #[serde(borrow)]
        list: Vec<Expr<'a>>,
        /// `NOT IN`.
        #[serde(default)]
        negated: bool,
        /// From the value tested to `)`.
        span: Span,
    },
    /// `ClientID [NOT] IN (SELECT ClientID FROM Enrollment)`. CRQL forbids
    /// subqueries (E0202).
    InSubquery {
        /// The value tested.
        #[serde(borrow)]
        expr: Box<Expr<'a>>,
        /// The query in the parentheses.
        #[serde(borrow)]
        subquery: Box<Query<'a>>,
        /// `NOT IN`.
        #[serde(default)]
        negated: bool,
        /// From the value tested to `)`.
        span: Span,
    },
    /// `EnrollDate [NOT] BETWEEN '2024-01-01' AND '2024-12-31'`
    Between {
        /// The value tested.
        #[serde(borrow)]
        expr: Box<Expr<'a>>,
        /// `NOT BETWEEN`.
        #[serde(default)]
        negated: bool,
        /// The lower bound (inclusive).
        #[serde(borrow)]
        low: Box<Expr<'a>>,
        /// The upper bound (inclusive).
        #[serde(borrow)]
        high: Box<Expr<'a>>,
        /// From the value tested to the upper bound.
        span: Span,
    },
    /// `LastName [NOT] LIKE 'Sm%' [ESCAPE '\']`
    Like {
        /// The value tested.
        #[serde(borrow)]
        expr: Box<Expr<'a>>,
        /// `NOT LIKE`.
        #[serde(default)]
        negated: bool,
        /// The pattern (`%` any run, `_` one character).
        #[serde(borrow)]
        pattern: Box<Expr<'a>>,
        /// The `ESCAPE` character, when given.
        #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
        escape: Option<Box<Expr<'a>>>,
        /// From the value tested to the pattern or escape.
        span: Span,
    },
    /// `ExitDate IS [NOT] NULL`
    IsNull {
        /// The value tested.
        #[serde(borrow)]
        expr: Box<Expr<'a>>,
        /// `IS NOT NULL`.
        #[serde(default)]
        negated: bool,
        /// From the value tested to `NULL`.
        span: Span,
    },
    /// `COUNT(*)`, `UPPER(LastName)`, `COUNT(DISTINCT ClientID)`. CRQL forbids
    /// function calls (E0204; aggregates E0206).
    Function {
        /// The function's name.
        #[serde(borrow)]
        name: Ident<'a>,
        /// What is in the parentheses.
        #[serde(borrow)]
        args: FunctionArgs<'a>,
        /// `DISTINCT` inside the parentheses.
        #[serde(default)]
        distinct: bool,
        /// From the name to `)`.
        span: Span,
    },
    /// A scalar subquery: `(SELECT TOP 1 OrgID FROM cmClient)`. CRQL forbids it
    /// (E0202).
    Subquery {
        /// The query in the parentheses.
        #[serde(borrow)]
        query: Box<Query<'a>>,
        /// From `(` to `)`.
        span: Span,
    },
    /// `[NOT] EXISTS (SELECT ClientID FROM Enrollment)`. CRQL forbids it (E0202).
    Exists {
        /// The query in the parentheses.
        #[serde(borrow)]
        query: Box<Query<'a>>,
        /// `NOT EXISTS`.
        #[serde(default)]
        negated: bool,
        /// From `NOT` or `EXISTS` to `)`.
        span: Span,
    },
    /// A T-SQL variable, `@StartDate` or `@@ROWCOUNT`. CRQL's parameters are
    /// `:name` (E0217).
    #[serde(borrow)]
    Variable(Variable<'a>),
    /// `CASE [operand] WHEN .. THEN .. [ELSE ..] END`. A calculated value (E0204).
    Case {
        /// The value compared in a simple `CASE x WHEN 1 THEN ..`; `None` in a
        /// searched `CASE WHEN cond THEN ..`.
        #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
        operand: Option<Box<Expr<'a>>>,
        /// The `WHEN .. THEN ..` branches, at least one.
        #[serde(borrow)]
        branches: Vec<CaseWhen<'a>>,
        /// The `ELSE` value.
        #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
        else_result: Option<Box<Expr<'a>>>,
        /// From `CASE` to `END`.
        span: Span,
    },
    /// A window function, `ROW_NUMBER() OVER (PARTITION BY .. ORDER BY ..)`. CRQL
    /// forbids it (E0206).
    Window {
        /// The call before `OVER`.
        #[serde(borrow)]
        function: Box<Expr<'a>>,
        /// What is in the parentheses after `OVER`.
        #[serde(borrow)]
        spec: Box<WindowSpec<'a>>,
        /// From the call to `)`.
        span: Span,
    },
    /// `expr COLLATE Latin1_General_CS_AS`. CRQL forbids it (E0206).
    Collate {
        /// The value whose collation is set.
        #[serde(borrow)]
        expr: Box<Expr<'a>>,
        /// The collation's name.
        #[serde(borrow)]
        collation: Ident<'a>,
        /// From the value to the collation.
        span: Span,
    },
}

/// A T-SQL variable: `@name` or a system variable `@@name`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Variable<'a> {
    /// The name without the `@` signs.
    #[serde(borrow)]
    pub name: Cow<'a, str>,
    /// `@@name`: a system variable (`@@ROWCOUNT`).
    #[serde(default)]
    pub system: bool,
    /// The `@` signs and the name.
    pub span: Span,
}

/// One `WHEN condition THEN result` of a [`Expr::Case`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseWhen<'a> {
    /// The condition (searched CASE) or the value compared with the operand.
    #[serde(borrow)]
    pub condition: Expr<'a>,
    /// The value of the branch.
    #[serde(borrow)]
    pub result: Expr<'a>,
    /// From `WHEN` to the end of the result.
    pub span: Span,
}

/// The window of [`Expr::Window`]: `PARTITION BY a ORDER BY b ROWS ...`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WindowSpec<'a> {
    /// `PARTITION BY` expressions.
    #[serde(borrow, default, skip_serializing_if = "Vec::is_empty")]
    pub partition_by: Vec<Expr<'a>>,
    /// `ORDER BY` items.
    #[serde(borrow, default, skip_serializing_if = "Vec::is_empty")]
    pub order_by: Vec<OrderByExpr<'a>>,
    /// The frame, `ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW`, as its tokens
    /// separated by single spaces (comments left out).
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub frame: Option<Cow<'a, str>>,
}

/// A data type in `CAST(x AS type)`: `int`, `varchar(50)`, `decimal(10, 2)`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DataType<'a> {
    /// The type as written, tokens separated as the canonical form prints them:
    /// `varchar(50)`, `decimal(10, 2)`, `[int]`.
    #[serde(borrow)]
    pub text: Cow<'a, str>,
    /// The type, its parameters included.
    pub span: Span,
}

/// The arguments of a function call.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FunctionArgs<'a> {
    /// `COUNT(*)`
    Star {
        /// The `*`.
        span: Span,
    },
    /// `f()`, `f(a, b)`
    #[serde(borrow)]
    List(Vec<Expr<'a>>),
    /// `CAST(x AS int)`, `TRY_CAST(x AS date)`.
    Cast {
        /// The value converted.
        #[serde(borrow)]
        expr: Box<Expr<'a>>,
        /// The type after `AS` (boxed: a call is on every level of nesting, and
        /// the parser's frames hold expressions by value).
        #[serde(borrow)]
        data_type: Box<DataType<'a>>,
    },
}

/// Binary operators, from loosest to tightest binding:
/// `OR` < `AND` < comparisons < `+ -` < `* / %`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BinaryOp {
    /// `OR`
    Or,
    /// `AND`
    And,
    /// `=`
    Eq,
    /// `<>` (also read from `!=`)
    NotEq,
    /// `<`
    Lt,
    /// `<=`
    LtEq,
    /// `>`
    Gt,
    /// `>=`
    GtEq,
    /// `+` (also string concatenation in T-SQL)
    Plus,
    /// `-`
    Minus,
    /// `*`
    Multiply,
    /// `/`
    Divide,
    /// `%`
    Modulo,
}

impl BinaryOp {
    /// The operator's canonical text.
    pub const fn as_str(self) -> &'static str {
        match self {
            BinaryOp::Or => "OR",
            BinaryOp::And => "AND",
            BinaryOp::Eq => "=",
            BinaryOp::NotEq => "<>",
            BinaryOp::Lt => "<",
            BinaryOp::LtEq => "<=",
            BinaryOp::Gt => ">",
            BinaryOp::GtEq => ">=",
            BinaryOp::Plus => "+",
            BinaryOp::Minus => "-",
            BinaryOp::Multiply => "*",
            BinaryOp::Divide => "/",
            BinaryOp::Modulo => "%",
        }
    }

    /// True for `= <> < <= > >=`.
    pub const fn is_comparison(self) -> bool {
        self.precedence() == precedence::COMPARISON
    }

    /// True for `+ - * / %`.
    pub const fn is_arithmetic(self) -> bool {
        self.precedence() >= precedence::ADDITIVE
    }
}

/// Prefix operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum UnaryOp {
    /// `NOT` (binds looser than comparisons, tighter than `AND`; precedence 3)
    Not,
    /// `-` (binds tightest)
    Minus,
    /// `+` (binds tightest)
    Plus,
}

impl UnaryOp {
    /// The operator's canonical text.
    pub const fn as_str(self) -> &'static str {
        match self {
            UnaryOp::Not => "NOT",
            UnaryOp::Minus => "-",
            UnaryOp::Plus => "+",
        }
    }
}

impl<'a> Expr<'a> {
    /// The node's span.
    pub fn span(&self) -> Span {
        match self {
            Expr::Column(c) => c.span,
            Expr::Literal(l) => l.span(),
            Expr::Param(p) => p.span,
            Expr::Binary { span, .. }
            | Expr::Unary { span, .. }
            | Expr::Nested { span, .. }
            | Expr::InList { span, .. }
            | Expr::InSubquery { span, .. }
            | Expr::Between { span, .. }
            | Expr::Like { span, .. }
            | Expr::IsNull { span, .. }
            | Expr::Function { span, .. }
            | Expr::Subquery { span, .. }
            | Expr::Exists { span, .. }
            | Expr::Case { span, .. }
            | Expr::Window { span, .. }
            | Expr::Collate { span, .. } => *span,
            Expr::Variable(v) => v.span,
        }
    }
}

impl Literal<'_> {
    /// The node's span.
    pub fn span(&self) -> Span {
        match self {
            Literal::String { span, .. }
            | Literal::Integer { span, .. }
            | Literal::Decimal { span, .. }
            | Literal::Null { span } => *span,
        }
    }

    /// The value of an integer literal, when it fits an `i64`.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Literal::Integer { text, .. } => text.parse().ok(),
            _ => None,
        }
    }
}

impl SelectItem<'_> {
    /// The node's span.
    pub fn span(&self) -> Span {
        match self {
            SelectItem::Expr { span, .. }
            | SelectItem::Wildcard { span }
            | SelectItem::QualifiedWildcard { span, .. } => *span,
        }
    }
}

impl<'a> TableRef<'a> {
    /// The node's span.
    pub fn span(&self) -> Span {
        match self {
            TableRef::Table { span, .. }
            | TableRef::Derived { span, .. }
            | TableRef::Function { span, .. } => *span,
        }
    }

    /// The alias, when one was written.
    pub fn alias(&self) -> Option<&Ident<'a>> {
        match self {
            TableRef::Table { alias, .. }
            | TableRef::Derived { alias, .. }
            | TableRef::Function { alias, .. } => alias.as_ref(),
        }
    }
}

impl Statement<'_> {
    /// The node's span.
    pub fn span(&self) -> Span {
        match self {
            Statement::Query(q) => q.span,
            Statement::Unsupported { span, .. } => *span,
        }
    }
}

// ---------------------------------------------------------------------------
// Convenience constructors, used by the builder and by tests. Spans are empty.

impl<'a> Ident<'a> {
    /// A plain identifier; it is printed in brackets when it needs them.
    pub fn new(value: impl Into<Cow<'a, str>>) -> Self {
        Ident {
            value: value.into(),
            bracketed: false,
            span: Span::empty(),
        }
    }
}

impl<'a> Expr<'a> {
    /// An unqualified column.
    pub fn column(name: impl Into<Cow<'a, str>>) -> Self {
        Expr::Column(ColumnRef {
            prefix: None,
            qualifier: None,
            name: Ident::new(name),
            span: Span::empty(),
        })
    }

    /// A qualified column `qualifier.name`.
    pub fn qualified(qualifier: impl Into<Cow<'a, str>>, name: impl Into<Cow<'a, str>>) -> Self {
        Expr::Column(ColumnRef {
            prefix: None,
            qualifier: Some(Box::new(Ident::new(qualifier))),
            name: Ident::new(name),
            span: Span::empty(),
        })
    }

    /// A string literal; quoting and escaping happen when it is printed.
    pub fn string(value: impl Into<Cow<'a, str>>) -> Self {
        Expr::Literal(Literal::String {
            value: value.into(),
            national: false,
            span: Span::empty(),
        })
    }

    /// An integer literal; negative values become `Unary(Minus, n)`, exactly what
    /// the parser makes of `-n`.
    pub fn integer(value: i64) -> Self {
        let lit = Expr::Literal(Literal::Integer {
            text: Cow::Owned(value.unsigned_abs().to_string()),
            span: Span::empty(),
        });
        if value < 0 {
            Expr::Unary {
                op: UnaryOp::Minus,
                expr: Box::new(lit),
                span: Span::empty(),
            }
        } else {
            lit
        }
    }

    /// `NULL`
    pub fn null() -> Self {
        Expr::Literal(Literal::Null {
            span: Span::empty(),
        })
    }

    /// A named parameter `:name`.
    pub fn param(name: impl Into<Cow<'a, str>>) -> Self {
        Expr::Param(Param {
            name: name.into(),
            span: Span::empty(),
        })
    }

    /// `self op right`
    pub fn binary(self, op: BinaryOp, right: Expr<'a>) -> Self {
        Expr::Binary {
            left: Box::new(self),
            op,
            right: Box::new(right),
            span: Span::empty(),
        }
    }

    /// `(self)`
    pub fn nested(self) -> Self {
        Expr::Nested {
            expr: Box::new(self),
            span: Span::empty(),
        }
    }
}

mod owned;
pub mod precedence;
#[cfg(test)]
pub(crate) mod test_kit;
pub use owned::IntoOwned;
pub mod visit;
pub use visit::{Visit, VisitMut};

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}
