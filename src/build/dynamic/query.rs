//! The query chain with run-time names: `select(..).from(..).join(..).on(..)`,
//! then `filter`, `order_by`, and `build` or `build_checked`.

use std::marker::PhantomData;

use crate::ast::{Expr, JoinKind, OrderByExpr, Query, Span, TableRef};
use crate::build::assemble::{self, Parts};
use crate::build::error::Error;
use crate::diagnostic::{Code, Diagnostic};

use super::condition::{Column, Condition, OrderTerm};

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
