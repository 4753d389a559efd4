//! The dynamic builder: the typed builder's chain with table and column names known
//! only at run time (strings), values as [`Value`].
//!
//! Names are not checked until [`DynQuery::build_checked`] runs the linter against
//! a schema; [`DynQuery::build`] only refuses what cannot be a query at all.
//!
//! ```
//! use crql::build::dynamic::{col, select};
//! let q = select(["ClientID", "FirstName"])
//!     .top(5)
//!     .from("cmClient")
//!     .filter(col("LastName").eq("O'Brien"))
//!     .build()
//!     .unwrap();
//! assert_eq!(q.to_string(), "SELECT TOP 5 ClientID, FirstName FROM cmClient WHERE LastName = 'O''Brien'");
//! ```

use std::marker::PhantomData;

use crate::ast::{BinaryOp, Expr, JoinKind, OrderByExpr, Query, SortDirection, Span, TableRef};
use crate::diagnostic::{Code, Diagnostic};

use super::assemble::{self, Parts};
use super::error::Error;
use super::expr;
use super::value::Value;

/// A column name, optionally qualified by a table name or alias.
///
/// From `"ClientID"` (unqualified) or `("c", "ClientID")` (qualified).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Column {
    qualifier: Option<String>,
    name: String,
}

impl From<&str> for Column {
    fn from(name: &str) -> Column {
        Column {
            qualifier: None,
            name: name.to_owned(),
        }
    }
}

impl From<String> for Column {
    fn from(name: String) -> Column {
        Column {
            qualifier: None,
            name,
        }
    }
}

impl From<&String> for Column {
    fn from(name: &String) -> Column {
        Column::from(name.as_str())
    }
}

impl<Q: Into<String>, N: Into<String>> From<(Q, N)> for Column {
    fn from((qualifier, name): (Q, N)) -> Column {
        Column {
            qualifier: Some(qualifier.into()),
            name: name.into(),
        }
    }
}

/// A column, to compare or sort by: `col("ClientID")`, `col(("c", "ClientID"))`.
///
/// ```
/// use crql::build::dynamic::{col, select};
/// let q = select([("c", "ClientID")]).from(("cmClient", "c"))
///     .filter(col(("c", "City")).eq("Provo"))
///     .build().unwrap();
/// assert_eq!(q.to_string(), "SELECT c.ClientID FROM cmClient c WHERE c.City = 'Provo'");
/// ```
pub fn col(column: impl Into<Column>) -> Column {
    column.into()
}

/// The right-hand side of a comparison: a [`Value`] or another [`Column`].
#[derive(Clone, Debug, PartialEq)]
pub enum Operand {
    /// A literal.
    Value(Value),
    /// A column.
    Column(Column),
}

impl<T: Into<Value>> From<T> for Operand {
    fn from(v: T) -> Operand {
        Operand::Value(v.into())
    }
}

impl From<Column> for Operand {
    fn from(c: Column) -> Operand {
        Operand::Column(c)
    }
}

impl Operand {
    fn into_expr(self) -> Expr<'static> {
        match self {
            Operand::Value(v) => v.to_expr(),
            Operand::Column(c) => c.expr(),
        }
    }
}

/// A condition, for `filter` and `on`; combine with `and`, `or`, `not`.
#[derive(Clone, Debug, PartialEq)]
pub struct Condition {
    expr: Expr<'static>,
}

impl Condition {
    /// Both hold.
    ///
    /// ```
    /// use crql::build::dynamic::{col, select};
    /// let q = select(["ClientID"]).from("cmClient")
    ///     .filter(col("ActiveStatus").eq(1).and(col("City").eq("Provo")))
    ///     .build().unwrap();
    /// assert_eq!(q.to_string(), "SELECT ClientID FROM cmClient WHERE ActiveStatus = 1 AND City = 'Provo'");
    /// ```
    pub fn and(self, other: Condition) -> Condition {
        Condition {
            expr: expr::binary(self.expr, BinaryOp::And, other.expr),
        }
    }

    /// Either holds; parenthesised where needed.
    ///
    /// ```
    /// use crql::build::dynamic::{col, select};
    /// let q = select(["ClientID"]).from("cmClient")
    ///     .filter(col("ActiveStatus").eq(1).and(col("City").eq("Provo").or(col("City").eq("Orem"))))
    ///     .build().unwrap();
    /// assert_eq!(
    ///     q.to_string(),
    ///     "SELECT ClientID FROM cmClient WHERE ActiveStatus = 1 AND (City = 'Provo' OR City = 'Orem')"
    /// );
    /// ```
    pub fn or(self, other: Condition) -> Condition {
        Condition {
            expr: expr::binary(self.expr, BinaryOp::Or, other.expr),
        }
    }

    /// Does not hold.
    ///
    /// ```
    /// use crql::build::dynamic::{col, select};
    /// let q = select(["ClientID"]).from("cmClient")
    ///     .filter(col("City").eq("Provo").not())
    ///     .build().unwrap();
    /// assert_eq!(q.to_string(), "SELECT ClientID FROM cmClient WHERE NOT City = 'Provo'");
    /// ```
    #[allow(clippy::should_implement_trait)] // `!cond` works too, via `ops::Not`
    pub fn not(self) -> Condition {
        Condition {
            expr: expr::not(self.expr),
        }
    }

    /// The condition as an AST expression.
    ///
    /// ```
    /// use crql::build::dynamic::col;
    /// let e = col("City").eq("Provo").or(col("City").is_null()).into_expr();
    /// assert_eq!(e.to_string(), "City = 'Provo' OR City IS NULL");
    /// ```
    pub fn into_expr(self) -> Expr<'static> {
        self.expr
    }
}

impl std::ops::Not for Condition {
    type Output = Condition;
    fn not(self) -> Condition {
        Condition::not(self)
    }
}

impl Column {
    fn expr(&self) -> Expr<'static> {
        expr::column(self.qualifier.clone(), self.name.clone())
    }

    fn compare(self, op: BinaryOp, rhs: impl Into<Operand>) -> Condition {
        Condition {
            expr: self.expr().binary(op, rhs.into().into_expr()),
        }
    }

    /// `column = value` or `= other column`.
    ///
    /// ```
    /// use crql::build::dynamic::{col, select};
    /// let q = select([("e", "EnrollID")]).from(("Enrollment", "e"))
    ///     .join(("cmClient", "c")).on(col(("e", "ClientID")).eq(col(("c", "ClientID"))))
    ///     .build().unwrap();
    /// assert_eq!(
    ///     q.to_string(),
    ///     "SELECT e.EnrollID FROM Enrollment e INNER JOIN cmClient c ON e.ClientID = c.ClientID"
    /// );
    /// ```
    pub fn eq(self, rhs: impl Into<Operand>) -> Condition {
        self.compare(BinaryOp::Eq, rhs)
    }

    /// `column <> value`.
    ///
    /// ```
    /// use crql::build::dynamic::{col, select};
    /// let q = select(["ClientID"]).from("cmClient").filter(col("ClientID").ne(0)).build().unwrap();
    /// assert_eq!(q.to_string(), "SELECT ClientID FROM cmClient WHERE ClientID <> 0");
    /// ```
    pub fn ne(self, rhs: impl Into<Operand>) -> Condition {
        self.compare(BinaryOp::NotEq, rhs)
    }

    /// `column < value`.
    ///
    /// ```
    /// use crql::build::dynamic::{col, select};
    /// let q = select(["ClientID"]).from("cmClient").filter(col("ClientID").lt(10)).build().unwrap();
    /// assert_eq!(q.to_string(), "SELECT ClientID FROM cmClient WHERE ClientID < 10");
    /// ```
    pub fn lt(self, rhs: impl Into<Operand>) -> Condition {
        self.compare(BinaryOp::Lt, rhs)
    }

    /// `column <= value`.
    ///
    /// ```
    /// use crql::build::dynamic::{col, select};
    /// let q = select(["ClientID"]).from("cmClient").filter(col("ClientID").le(10)).build().unwrap();
    /// assert_eq!(q.to_string(), "SELECT ClientID FROM cmClient WHERE ClientID <= 10");
    /// ```
    pub fn le(self, rhs: impl Into<Operand>) -> Condition {
        self.compare(BinaryOp::LtEq, rhs)
    }

    /// `column > value`.
    ///
    /// ```
    /// use crql::build::dynamic::{col, select};
    /// let since = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap();
    /// let q = select(["ClientID"]).from("cmClient").filter(col("UpdatedDate").gt(since)).build().unwrap();
    /// assert_eq!(q.to_string(), "SELECT ClientID FROM cmClient WHERE UpdatedDate > '2024-01-01 00:00:00'");
    /// ```
    pub fn gt(self, rhs: impl Into<Operand>) -> Condition {
        self.compare(BinaryOp::Gt, rhs)
    }

    /// `column >= value`.
    ///
    /// ```
    /// use crql::build::dynamic::{col, select};
    /// let q = select(["ClientID"]).from("cmClient").filter(col("ClientID").ge(10)).build().unwrap();
    /// assert_eq!(q.to_string(), "SELECT ClientID FROM cmClient WHERE ClientID >= 10");
    /// ```
    pub fn ge(self, rhs: impl Into<Operand>) -> Condition {
        self.compare(BinaryOp::GtEq, rhs)
    }

    /// `column BETWEEN low AND high`.
    ///
    /// ```
    /// use crql::build::dynamic::{col, select};
    /// let q = select(["EnrollID"]).from("Enrollment")
    ///     .filter(col("EnrollID").between(1, 100)).build().unwrap();
    /// assert_eq!(q.to_string(), "SELECT EnrollID FROM Enrollment WHERE EnrollID BETWEEN 1 AND 100");
    /// ```
    pub fn between(self, low: impl Into<Operand>, high: impl Into<Operand>) -> Condition {
        Condition {
            expr: expr::between(
                self.expr(),
                low.into().into_expr(),
                high.into().into_expr(),
                false,
            ),
        }
    }

    /// `column IN (...)`; an empty list matches nothing (`1 = 0`).
    ///
    /// ```
    /// use crql::build::dynamic::{col, select};
    /// let q = select(["EnrollID"]).from("Enrollment")
    ///     .filter(col("EnrollID").in_list([7, 8])).build().unwrap();
    /// assert_eq!(q.to_string(), "SELECT EnrollID FROM Enrollment WHERE EnrollID IN (7, 8)");
    /// ```
    pub fn in_list<V: Into<Value>>(self, values: impl IntoIterator<Item = V>) -> Condition {
        let list = values.into_iter().map(|v| v.into().to_expr()).collect();
        Condition {
            expr: expr::in_list(self.expr(), list, false),
        }
    }

    /// `column NOT IN (...)`; an empty list matches everything (`1 = 1`).
    ///
    /// ```
    /// use crql::build::dynamic::{col, select};
    /// let q = select(["ClientID"]).from("cmClient")
    ///     .filter(col("State").not_in_list(["UT"])).build().unwrap();
    /// assert_eq!(q.to_string(), "SELECT ClientID FROM cmClient WHERE State NOT IN ('UT')");
    /// ```
    pub fn not_in_list<V: Into<Value>>(self, values: impl IntoIterator<Item = V>) -> Condition {
        let list = values.into_iter().map(|v| v.into().to_expr()).collect();
        Condition {
            expr: expr::in_list(self.expr(), list, true),
        }
    }

    /// `column LIKE 'pattern'`.
    ///
    /// ```
    /// use crql::build::dynamic::{col, select};
    /// let q = select(["ClientID"]).from("cmClient")
    ///     .filter(col("LastName").like("Sm%")).build().unwrap();
    /// assert_eq!(q.to_string(), "SELECT ClientID FROM cmClient WHERE LastName LIKE 'Sm%'");
    /// ```
    pub fn like(self, pattern: impl Into<String>) -> Condition {
        Condition {
            expr: expr::like(self.expr(), pattern.into(), false),
        }
    }

    /// `column NOT LIKE 'pattern'`.
    ///
    /// ```
    /// use crql::build::dynamic::{col, select};
    /// let q = select(["ClientID"]).from("cmClient")
    ///     .filter(col("LastName").not_like("Sm%")).build().unwrap();
    /// assert_eq!(q.to_string(), "SELECT ClientID FROM cmClient WHERE LastName NOT LIKE 'Sm%'");
    /// ```
    pub fn not_like(self, pattern: impl Into<String>) -> Condition {
        Condition {
            expr: expr::like(self.expr(), pattern.into(), true),
        }
    }

    /// `column IS NULL`.
    ///
    /// ```
    /// use crql::build::dynamic::{col, select};
    /// let q = select(["EnrollID"]).from("Enrollment")
    ///     .filter(col("ExitDate").is_null()).build().unwrap();
    /// assert_eq!(q.to_string(), "SELECT EnrollID FROM Enrollment WHERE ExitDate IS NULL");
    /// ```
    pub fn is_null(self) -> Condition {
        Condition {
            expr: expr::is_null(self.expr(), false),
        }
    }

    /// `column IS NOT NULL`.
    ///
    /// ```
    /// use crql::build::dynamic::{col, select};
    /// let q = select(["EnrollID"]).from("Enrollment")
    ///     .filter(col("ExitDate").is_not_null()).build().unwrap();
    /// assert_eq!(q.to_string(), "SELECT EnrollID FROM Enrollment WHERE ExitDate IS NOT NULL");
    /// ```
    pub fn is_not_null(self) -> Condition {
        Condition {
            expr: expr::is_null(self.expr(), true),
        }
    }

    /// Ascending, for `order_by`.
    ///
    /// ```
    /// use crql::build::dynamic::{col, select};
    /// let q = select(["ClientID"]).top(5).from("cmClient")
    ///     .order_by(col("LastName").asc()).build().unwrap();
    /// assert_eq!(q.to_string(), "SELECT TOP 5 ClientID FROM cmClient ORDER BY LastName ASC");
    /// ```
    pub fn asc(self) -> OrderTerm {
        OrderTerm(expr::order(self.expr(), Some(SortDirection::Asc)))
    }

    /// Descending, for `order_by`.
    ///
    /// ```
    /// use crql::build::dynamic::{col, select};
    /// let q = select(["ClientID"]).top(5).from("cmClient")
    ///     .order_by(col("ClientID").desc()).build().unwrap();
    /// assert_eq!(q.to_string(), "SELECT TOP 5 ClientID FROM cmClient ORDER BY ClientID DESC");
    /// ```
    pub fn desc(self) -> OrderTerm {
        OrderTerm(expr::order(self.expr(), Some(SortDirection::Desc)))
    }
}

/// An `ORDER BY` term: a [`Column`], or `column.asc()` / `.desc()`.
#[derive(Clone, Debug, PartialEq)]
pub struct OrderTerm(OrderByExpr<'static>);

impl<C: Into<Column>> From<C> for OrderTerm {
    fn from(c: C) -> OrderTerm {
        OrderTerm(expr::order(c.into().expr(), None))
    }
}

/// A table with an optional alias: `"cmClient"` or `("cmClient", "c")`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TableSpec {
    name: String,
    alias: Option<String>,
}

impl From<&str> for TableSpec {
    fn from(name: &str) -> TableSpec {
        TableSpec {
            name: name.to_owned(),
            alias: None,
        }
    }
}

impl From<String> for TableSpec {
    fn from(name: String) -> TableSpec {
        TableSpec { name, alias: None }
    }
}

impl<N: Into<String>, A: Into<String>> From<(N, A)> for TableSpec {
    fn from((name, alias): (N, A)) -> TableSpec {
        TableSpec {
            name: name.into(),
            alias: Some(alias.into()),
        }
    }
}

impl TableSpec {
    fn into_ref(self) -> TableRef<'static> {
        assemble::table_ref(self.name, self.alias)
    }
}

/// Starts a query with its field list (column names).
///
/// ```
/// use crql::build::dynamic::select;
/// let fields = vec!["ClientID".to_string(), "LastName".to_string()];
/// let q = select(&fields).top(200).from("cmClient").build().unwrap();
/// assert_eq!(q.to_string(), "SELECT TOP 200 ClientID, LastName FROM cmClient");
/// ```
pub fn select<C: Into<Column>>(columns: impl IntoIterator<Item = C>) -> SelectList {
    SelectList {
        columns: columns.into_iter().map(Into::into).collect(),
        top: None,
        distinct: false,
    }
}

/// A field list waiting for its table.
#[derive(Clone, Debug)]
pub struct SelectList {
    columns: Vec<Column>,
    top: Option<u64>,
    distinct: bool,
}

impl SelectList {
    /// `TOP n`.
    ///
    /// ```
    /// use crql::build::dynamic::select;
    /// let q = select(["UserName"]).top(25).from("osUsers").build().unwrap();
    /// assert_eq!(q.to_string(), "SELECT TOP 25 UserName FROM osUsers");
    /// ```
    pub fn top(mut self, n: u64) -> Self {
        self.top = Some(n);
        self
    }

    /// `DISTINCT`.
    ///
    /// ```
    /// use crql::build::dynamic::select;
    /// let q = select(["City"]).distinct().from("cmClient").build().unwrap();
    /// assert_eq!(q.to_string(), "SELECT DISTINCT City FROM cmClient");
    /// ```
    pub fn distinct(mut self) -> Self {
        self.distinct = true;
        self
    }

    /// `FROM table` (or `("table", "alias")`).
    ///
    /// ```
    /// use crql::build::dynamic::select;
    /// let q = select(["ScoreTotal"]).from("VISPDAT").build().unwrap();
    /// assert_eq!(q.to_string(), "SELECT ScoreTotal FROM VISPDAT");
    /// ```
    pub fn from(self, table: impl Into<TableSpec>) -> DynQuery<NoJoin> {
        DynQuery {
            columns: self.columns,
            top: self.top,
            distinct: self.distinct,
            from: table.into(),
            join: None,
            filter: None,
            order_by: Vec::new(),
            _state: PhantomData,
        }
    }
}

/// State: the query has no JOIN yet.
pub struct NoJoin;
/// State: the query has its one JOIN.
pub struct WithJoin;

/// A query under construction; `J` is [`NoJoin`] or [`WithJoin`], so that a second
/// join does not compile here either.
#[derive(Clone, Debug)]
pub struct DynQuery<J> {
    columns: Vec<Column>,
    top: Option<u64>,
    distinct: bool,
    from: TableSpec,
    join: Option<(JoinKind, TableSpec, Expr<'static>)>,
    filter: Option<Expr<'static>>,
    order_by: Vec<OrderByExpr<'static>>,
    _state: PhantomData<fn() -> J>,
}

/// A JOIN waiting for its ON condition.
pub struct DynPendingJoin {
    query: DynQuery<NoJoin>,
    kind: JoinKind,
    table: TableSpec,
}

impl DynQuery<NoJoin> {
    /// `JOIN table ON ..`.
    ///
    /// ```
    /// use crql::build::dynamic::{col, select};
    /// let q = select([("c", "ClientID")]).from(("cmClient", "c"))
    ///     .join(("Enrollment", "e")).on(col(("e", "ClientID")).eq(col(("c", "ClientID"))))
    ///     .build().unwrap();
    /// assert_eq!(
    ///     q.to_string(),
    ///     "SELECT c.ClientID FROM cmClient c INNER JOIN Enrollment e ON e.ClientID = c.ClientID"
    /// );
    /// ```
    pub fn join(self, table: impl Into<TableSpec>) -> DynPendingJoin {
        DynPendingJoin {
            query: self,
            kind: JoinKind::Inner,
            table: table.into(),
        }
    }

    /// `LEFT JOIN table ON ..`.
    ///
    /// ```
    /// use crql::build::dynamic::{col, select};
    /// let q = select([("c", "ClientID")]).from(("cmClient", "c"))
    ///     .left_join(("Enrollment", "e")).on(col(("e", "ClientID")).eq(col(("c", "ClientID"))))
    ///     .build().unwrap();
    /// assert_eq!(
    ///     q.to_string(),
    ///     "SELECT c.ClientID FROM cmClient c LEFT JOIN Enrollment e ON e.ClientID = c.ClientID"
    /// );
    /// ```
    pub fn left_join(self, table: impl Into<TableSpec>) -> DynPendingJoin {
        DynPendingJoin {
            query: self,
            kind: JoinKind::Left,
            table: table.into(),
        }
    }
}

impl DynPendingJoin {
    /// The join condition.
    ///
    /// ```
    /// use crql::build::dynamic::{col, select};
    /// let q = select([("osUsers", "UserName")]).from("cmCaseAssign")
    ///     .join("osUsers").on(col(("osUsers", "UserID")).eq(col(("cmCaseAssign", "UserID"))))
    ///     .build().unwrap();
    /// assert_eq!(
    ///     q.to_string(),
    ///     "SELECT osUsers.UserName FROM cmCaseAssign INNER JOIN osUsers ON osUsers.UserID = cmCaseAssign.UserID"
    /// );
    /// ```
    pub fn on(self, condition: Condition) -> DynQuery<WithJoin> {
        let q = self.query;
        DynQuery {
            columns: q.columns,
            top: q.top,
            distinct: q.distinct,
            from: q.from,
            join: Some((self.kind, self.table, condition.expr)),
            filter: q.filter,
            order_by: q.order_by,
            _state: PhantomData,
        }
    }
}

impl<J> DynQuery<J> {
    /// Builds, then lints the query against `schema`: the query when the linter
    /// finds no error, otherwise every diagnostic (warnings too). The spans point
    /// into [`Error::source_text`], the canonical text that would be sent.
    ///
    /// ```
    /// use crql::build::dynamic::{col, select};
    /// let schema = crql::Schema::builtin();
    /// let q = select(["ClientID"]).top(5).from("cmClient").filter(col("City").eq("Provo"))
    ///     .build_checked(schema)
    ///     .unwrap();
    /// assert_eq!(q.to_string(), "SELECT TOP 5 ClientID FROM cmClient WHERE City = 'Provo'");
    ///
    /// // Against tables known completely (as pulled from a server), a misspelt
    /// // column is an error; the built-in schema only warns (W0102).
    /// let pulled = schema.clone().all_complete();
    /// let err = select(["ClientID", "FirstNme"]).top(5).from("cmClient")
    ///     .build_checked(&pulled)
    ///     .unwrap_err();
    /// let text = err.source_text().unwrap();
    /// assert_eq!(text, "SELECT TOP 5 ClientID, FirstNme FROM cmClient");
    /// let unknown = &err.diagnostics()[0];
    /// assert_eq!(unknown.code, "E0102");
    /// assert_eq!(&text[unknown.span.range()], "FirstNme");
    /// assert!(unknown.help.as_deref().unwrap().contains("FirstName"));
    /// ```
    pub fn build_checked(self, schema: &crate::schema::Schema) -> Result<Query<'static>, Error> {
        let query = self.build()?;
        let text = query.to_string();
        // Lint what will be sent, parsed back, so that spans land in `text`.
        let diagnostics = match crate::parser::parse(&text) {
            Ok(sent) => crate::lint::lint(&sent, schema),
            Err(e) => vec![e.diagnostic().clone()],
        };
        if diagnostics
            .iter()
            .any(|d| d.severity == crate::diagnostic::Severity::Error)
        {
            Err(Error::new("the query has errors", diagnostics, Some(text)))
        } else {
            Ok(query)
        }
    }

    /// `TOP n`.
    ///
    /// ```
    /// use crql::build::dynamic::select;
    /// let q = select(["Email"]).from("osUsers").top(3).build().unwrap();
    /// assert_eq!(q.to_string(), "SELECT TOP 3 Email FROM osUsers");
    /// ```
    pub fn top(mut self, n: u64) -> Self {
        self.top = Some(n);
        self
    }

    /// `DISTINCT`.
    ///
    /// ```
    /// use crql::build::dynamic::select;
    /// let q = select(["State"]).from("cmClient").distinct().build().unwrap();
    /// assert_eq!(q.to_string(), "SELECT DISTINCT State FROM cmClient");
    /// ```
    pub fn distinct(mut self) -> Self {
        self.distinct = true;
        self
    }

    /// `WHERE condition`; again adds `AND condition`.
    ///
    /// ```
    /// use crql::build::dynamic::{col, select};
    /// let q = select(["EnrollID"]).from("Enrollment")
    ///     .filter(col("ClientID").eq(42))
    ///     .filter(col("ExitDate").is_null())
    ///     .build().unwrap();
    /// assert_eq!(q.to_string(), "SELECT EnrollID FROM Enrollment WHERE ClientID = 42 AND ExitDate IS NULL");
    /// ```
    pub fn filter(mut self, condition: Condition) -> Self {
        assemble::and_filter(&mut self.filter, condition.expr);
        self
    }

    /// `ORDER BY term`; again adds a term.
    ///
    /// ```
    /// use crql::build::dynamic::{col, select};
    /// let q = select(["ClientID"]).top(10).from("cmClient")
    ///     .order_by("LastName").order_by(col("ClientID").desc())
    ///     .build().unwrap();
    /// assert_eq!(q.to_string(), "SELECT TOP 10 ClientID FROM cmClient ORDER BY LastName, ClientID DESC");
    /// ```
    pub fn order_by(mut self, term: impl Into<OrderTerm>) -> Self {
        self.order_by.push(term.into().0);
        self
    }

    /// The query as the shared AST. Refuses (E0306) an empty field list, an empty
    /// name and `*` — CRQL has no wildcard.
    ///
    /// ```
    /// use crql::build::dynamic::select;
    /// let q = select(["ClientID"]).from("cmClient").build().unwrap();
    /// assert_eq!(q, crql::parse("SELECT ClientID FROM cmClient").unwrap());
    /// let err = select(["*"]).from("cmClient").build().unwrap_err();
    /// assert_eq!(err.diagnostics()[0].code, "E0306");
    /// let err = select(Vec::<String>::new()).from("cmClient").build().unwrap_err();
    /// assert_eq!(err.diagnostics()[0].code, "E0306");
    /// ```
    pub fn build(self) -> Result<Query<'static>, Error> {
        self.parts()
            .map(Parts::into_query)
            .map_err(|d| Error::new("cannot build the query", vec![*d], None))
    }

    /// The query's parts, or why there is no query: no text exists yet, so the
    /// diagnostic has no span.
    fn parts(self) -> Result<Parts, Box<Diagnostic>> {
        if self.columns.is_empty() {
            return Err(Box::new(
                Diagnostic::error(Code::E0306, Span::empty(), "the field list has no column")
                    .with_help("pass at least one column name to `select`"),
            ));
        }
        for c in &self.columns {
            if c.name == "*" {
                return Err(Box::new(
                    Diagnostic::error(
                        Code::E0306,
                        Span::empty(),
                        "`*` is not a column: CRQL has no wildcard",
                    )
                    .with_help("name the columns you need"),
                ));
            }
            if c.name.is_empty() || c.qualifier.as_deref() == Some("") {
                return Err(Box::new(Diagnostic::error(
                    Code::E0306,
                    Span::empty(),
                    "a column name is empty",
                )));
            }
        }
        if self.from.name.is_empty() {
            return Err(Box::new(Diagnostic::error(
                Code::E0306,
                Span::empty(),
                "the table name is empty",
            )));
        }
        Ok(Parts {
            distinct: self.distinct,
            top: self.top,
            items: self.columns.iter().map(Column::expr).collect(),
            from: self.from.into_ref(),
            join: self
                .join
                .map(|(kind, table, on)| (kind, table.into_ref(), on)),
            selection: self.filter,
            order_by: self.order_by,
        })
    }
}
