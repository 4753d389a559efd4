//! The typed query chain: `select(..).from(..).join(..).on(..)`, then `filter`,
//! `order_by` and `build`.

use std::marker::PhantomData;

use crate::ast::{Expr, JoinKind, OrderByExpr, Query};
use crate::build::assemble::{self, Parts};
use crate::build::expr;
use crate::build::tables::Table;

use super::column::{Columns, Cond, OrderTerm, Selection};
use super::{Joined, Single};

/// Starts a query with its field list: a column or a tuple of columns.
///
/// ```
/// use crql::build::prelude::*;
/// let q = select((cm_client::client_id, cm_client::first_name, cm_client::last_name))
///     .top(200)
///     .from(CmClient)
///     .build();
/// assert_eq!(q.to_string(), "SELECT TOP 200 ClientID, FirstName, LastName FROM cmClient");
/// ```
pub fn select<C: Columns>(columns: C) -> SelectList<C> {
    SelectList {
        columns,
        top: None,
        distinct: false,
    }
}

/// A field list waiting for its table: [`select`]`(..)` before `.from(..)`.
pub struct SelectList<C> {
    columns: C,
    top: Option<u64>,
    distinct: bool,
}

impl<C: Columns> SelectList<C> {
    /// `TOP n`: bounds the server's work; keep it equal to the page size.
    ///
    /// ```
    /// use crql::build::prelude::*;
    /// let q = select(os_users::user_name).top(25).from(OsUsers).build();
    /// assert_eq!(q.to_string(), "SELECT TOP 25 UserName FROM osUsers");
    /// ```
    pub fn top(mut self, n: u64) -> Self {
        self.top = Some(n);
        self
    }

    /// `DISTINCT`.
    ///
    /// ```
    /// use crql::build::prelude::*;
    /// let q = select(cm_client::city).distinct().top(10).from(CmClient).build();
    /// assert_eq!(q.to_string(), "SELECT DISTINCT TOP 10 City FROM cmClient");
    /// ```
    pub fn distinct(mut self) -> Self {
        self.distinct = true;
        self
    }

    /// `FROM table`.
    ///
    /// ```
    /// use crql::build::prelude::*;
    /// let q = select(vispdat::score_total).from(Vispdat).build();
    /// assert_eq!(q.to_string(), "SELECT ScoreTotal FROM VISPDAT");
    /// ```
    pub fn from<T: Table>(self, _table: T) -> QueryBuilder<C, Single<T>> {
        QueryBuilder {
            columns: self.columns,
            top: self.top,
            distinct: self.distinct,
            from: T::NAME,
            join_part: None,
            filter: None,
            order_by: Vec::new(),
            _source: PhantomData,
        }
    }
}

/// A query over the tables `S` ([`Single`] or [`Joined`]), ready to
/// [`build`](QueryBuilder::build).
pub struct QueryBuilder<C, S> {
    columns: C,
    top: Option<u64>,
    distinct: bool,
    from: &'static str,
    join_part: Option<(JoinKind, &'static str, Expr<'static>)>,
    filter: Option<Expr<'static>>,
    order_by: Vec<OrderByExpr<'static>>,
    _source: PhantomData<fn() -> S>,
}

/// A `JOIN` waiting for its `ON` condition.
pub struct PendingJoin<C, T, U> {
    query: QueryBuilder<C, Single<T>>,
    kind: JoinKind,
    table: &'static str,
    _joined: PhantomData<fn() -> U>,
}

impl<C, T: Table> QueryBuilder<C, Single<T>> {
    fn join_kind<U: Table>(self, kind: JoinKind) -> PendingJoin<C, T, U> {
        PendingJoin {
            query: self,
            kind,
            table: U::NAME,
            _joined: PhantomData,
        }
    }

    /// `JOIN table ON ..`: the query's one join (a joined query has no `.join`).
    ///
    /// ```
    /// use crql::build::prelude::*;
    /// let q = select((cm_client::client_id, enrollment::enroll_id))
    ///     .top(50)
    ///     .from(CmClient)
    ///     .join(Enrollment)
    ///     .on(enrollment::client_id.eq(cm_client::client_id))
    ///     .filter(enrollment::exit_date.is_null())
    ///     .build();
    /// assert_eq!(
    ///     q.to_string(),
    ///     "SELECT TOP 50 cmClient.ClientID, Enrollment.EnrollID FROM cmClient \
    ///      INNER JOIN Enrollment ON Enrollment.ClientID = cmClient.ClientID \
    ///      WHERE Enrollment.ExitDate IS NULL"
    /// );
    /// ```
    pub fn join<U: Table>(self, _table: U) -> PendingJoin<C, T, U> {
        self.join_kind(JoinKind::Inner)
    }

    /// `LEFT JOIN table ON ..`.
    ///
    /// ```
    /// use crql::build::prelude::*;
    /// let q = select((cm_client::client_id, enrollment::enroll_id))
    ///     .from(CmClient)
    ///     .left_join(Enrollment)
    ///     .on(enrollment::client_id.eq(cm_client::client_id))
    ///     .build();
    /// assert_eq!(
    ///     q.to_string(),
    ///     "SELECT cmClient.ClientID, Enrollment.EnrollID FROM cmClient \
    ///      LEFT JOIN Enrollment ON Enrollment.ClientID = cmClient.ClientID"
    /// );
    /// ```
    pub fn left_join<U: Table>(self, _table: U) -> PendingJoin<C, T, U> {
        self.join_kind(JoinKind::Left)
    }
}

impl<C, T, U> PendingJoin<C, T, U> {
    /// The join condition, over both tables.
    ///
    /// ```
    /// use crql::build::prelude::*;
    /// let q = select(cm_case_assign::case_mgr_name)
    ///     .from(CmCaseAssign)
    ///     .join(OsUsers)
    ///     .on(os_users::user_id.eq(cm_case_assign::user_id))
    ///     .build();
    /// assert_eq!(
    ///     q.to_string(),
    ///     "SELECT cmCaseAssign.CaseMgrName FROM cmCaseAssign INNER JOIN osUsers ON osUsers.UserID = cmCaseAssign.UserID"
    /// );
    /// ```
    pub fn on(self, condition: Cond<Joined<T, U>>) -> QueryBuilder<C, Joined<T, U>> {
        let q = self.query;
        QueryBuilder {
            columns: q.columns,
            top: q.top,
            distinct: q.distinct,
            from: q.from,
            join_part: Some((self.kind, self.table, condition.expr)),
            filter: q.filter,
            order_by: q.order_by,
            _source: PhantomData,
        }
    }
}

impl<C: Columns, S> QueryBuilder<C, S> {
    /// `TOP n`, also allowed after `from`.
    ///
    /// ```
    /// use crql::build::prelude::*;
    /// let q = select(os_users::email).from(OsUsers).top(3).build();
    /// assert_eq!(q.to_string(), "SELECT TOP 3 Email FROM osUsers");
    /// ```
    pub fn top(mut self, n: u64) -> Self {
        self.top = Some(n);
        self
    }

    /// `DISTINCT`, also allowed after `from`.
    ///
    /// ```
    /// use crql::build::prelude::*;
    /// let q = select(cm_client::state).from(CmClient).distinct().build();
    /// assert_eq!(q.to_string(), "SELECT DISTINCT State FROM cmClient");
    /// ```
    pub fn distinct(mut self) -> Self {
        self.distinct = true;
        self
    }

    /// `WHERE condition`; calling it again adds `AND condition`.
    ///
    /// ```
    /// use crql::build::prelude::*;
    /// let q = select(enrollment::enroll_id).from(Enrollment)
    ///     .filter(enrollment::client_id.eq(42))
    ///     .filter(enrollment::exit_date.is_null().or(enrollment::hold_open.eq(1)))
    ///     .build();
    /// assert_eq!(
    ///     q.to_string(),
    ///     "SELECT EnrollID FROM Enrollment WHERE ClientID = 42 AND (ExitDate IS NULL OR HoldOpen = 1)"
    /// );
    /// ```
    pub fn filter(mut self, condition: Cond<S>) -> Self {
        assemble::and_filter(&mut self.filter, condition.expr);
        self
    }

    /// `ORDER BY term`; calling it again adds a term. (Observed to time out on large
    /// tables: the linter warns with W0402.)
    ///
    /// ```
    /// use crql::build::prelude::*;
    /// let q = select(cm_client::client_id).top(10).from(CmClient)
    ///     .order_by(cm_client::last_name)
    ///     .order_by(cm_client::client_id.desc())
    ///     .build();
    /// assert_eq!(q.to_string(), "SELECT TOP 10 ClientID FROM cmClient ORDER BY LastName, ClientID DESC");
    /// ```
    pub fn order_by<I>(mut self, term: impl OrderTerm<S, I>) -> Self {
        self.order_by.push(term.into_order());
        self
    }

    /// The query as the shared AST.
    ///
    /// ```
    /// use crql::build::prelude::*;
    /// let q: crql::Query<'static> = select(cm_client::client_id).top(5).from(CmClient).build();
    /// assert_eq!(q, crql::parse("SELECT TOP 5 ClientID FROM cmClient").unwrap());
    /// ```
    pub fn build<I>(self) -> Query<'static>
    where
        C: Selection<S, I>,
    {
        let joined = self.join_part.is_some();
        let mut items = Vec::new();
        self.columns.push_columns(&mut items);
        let mut selection = self.filter;
        let mut order_by = self.order_by;
        if !joined {
            items.iter_mut().for_each(expr::unqualify);
            selection.iter_mut().for_each(expr::unqualify);
            order_by
                .iter_mut()
                .for_each(|o| expr::unqualify(&mut o.expr));
        }
        Parts {
            distinct: self.distinct,
            top: self.top,
            items,
            from: assemble::table_ref(self.from, None),
            join: self
                .join_part
                .map(|(kind, table, on)| (kind, assemble::table_ref(table, None), on)),
            selection,
            order_by,
        }
        .into_query()
    }
}
