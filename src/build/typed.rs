//! The typed builder: `select(..).top(n).from(..).join(..).on(..).filter(..).order_by(..)`.
//!
//! Types carry what CRQL requires, so that breaking a rule is a compile error:
//!
//! - the query's tables are a type parameter ([`Single`] or [`Joined`]), and a
//!   column may only be used when its table is one of them ([`Contains`]);
//! - only a query with one table has `.join(..)`, so a second JOIN does not exist;
//! - a column's value type decides which Rust values it compares with
//!   ([`ToLiteral`]), so a text column cannot meet an integer;
//! - the field list is columns ([`Columns`]); there is no `*` to pass.
//!
//! In a one-table query columns print bare (`ClientID`); with a JOIN every column is
//! qualified by its table (`cmClient.ClientID`), so none is ambiguous.

use std::fmt;
use std::marker::PhantomData;

use crate::ast::{BinaryOp, Expr, JoinKind, OrderByExpr, Query, SortDirection};

use super::assemble::{self, Parts};
use super::expr;
use super::tables::Table;
use super::value::{ToLiteral, types};

/// A typed column of table `T` whose values are of type `V` (see
/// [`types`]). Made by [`table!`](crate::table).
pub struct Col<T, V> {
    name: &'static str,
    _types: PhantomData<fn() -> (T, V)>,
}

impl<T, V> Clone for Col<T, V> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T, V> Copy for Col<T, V> {}

impl<T: Table, V> fmt::Debug for Col<T, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Col({}.{})", T::NAME, self.name)
    }
}

/// The query reads one table, `T`.
pub struct Single<T>(PhantomData<T>);

/// The query reads `T` joined with `U`.
pub struct Joined<T, U>(PhantomData<(T, U)>);

/// Index: the table is the first of the query's tables.
pub struct Here;
/// Index: the table is the joined (second) table.
pub struct There;

/// The query's tables (`Self`) include table `T`; `I` says where, so that the two
/// implementations for a join never overlap.
#[diagnostic::on_unimplemented(
    message = "table `{T}` is not in this query",
    label = "this uses a column of `{T}`, which is neither the FROM nor the JOIN table",
    note = "the query reads `{Self}`; join the table first (CRQL allows one JOIN)"
)]
pub trait Contains<T, I> {}

impl<T> Contains<T, Here> for Single<T> {}
impl<T, U> Contains<T, Here> for Joined<T, U> {}
impl<T, U> Contains<U, There> for Joined<T, U> {}

/// A condition over the tables `S`: a `WHERE` or `ON` predicate.
///
/// Combine with [`and`](Cond::and), [`or`](Cond::or) and [`not`](Cond::not);
/// parentheses are added where the printed text needs them.
pub struct Cond<S> {
    expr: Expr<'static>,
    _source: PhantomData<fn() -> S>,
}

impl<S> Clone for Cond<S> {
    fn clone(&self) -> Self {
        Cond::new(self.expr.clone())
    }
}

impl<S> fmt::Debug for Cond<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Cond").field(&self.expr).finish()
    }
}

impl<S> Cond<S> {
    fn new(expr: Expr<'static>) -> Self {
        Cond {
            expr,
            _source: PhantomData,
        }
    }

    /// Both conditions hold.
    ///
    /// ```
    /// use crql::build::prelude::*;
    /// let q = select(cm_client::client_id).from(CmClient)
    ///     .filter(cm_client::active_status.eq(1).and(cm_client::city.eq("Provo")))
    ///     .build();
    /// assert_eq!(q.to_string(), "SELECT ClientID FROM cmClient WHERE ActiveStatus = 1 AND City = 'Provo'");
    /// ```
    pub fn and(self, other: Cond<S>) -> Cond<S> {
        Cond::new(expr::binary(self.expr, BinaryOp::And, other.expr))
    }

    /// Either condition holds; parenthesised under an `AND`.
    ///
    /// ```
    /// use crql::build::prelude::*;
    /// let q = select(cm_client::client_id).from(CmClient)
    ///     .filter(cm_client::city.eq("Provo").or(cm_client::city.eq("Orem"))
    ///         .and(cm_client::active_status.eq(1)))
    ///     .build();
    /// assert_eq!(
    ///     q.to_string(),
    ///     "SELECT ClientID FROM cmClient WHERE (City = 'Provo' OR City = 'Orem') AND ActiveStatus = 1"
    /// );
    /// ```
    pub fn or(self, other: Cond<S>) -> Cond<S> {
        Cond::new(expr::binary(self.expr, BinaryOp::Or, other.expr))
    }

    /// The condition does not hold.
    ///
    /// ```
    /// use crql::build::prelude::*;
    /// let q = select(cm_client::client_id).from(CmClient)
    ///     .filter(cm_client::city.eq("Provo").or(cm_client::city.eq("Orem")).not())
    ///     .build();
    /// assert_eq!(q.to_string(), "SELECT ClientID FROM cmClient WHERE NOT (City = 'Provo' OR City = 'Orem')");
    /// ```
    #[allow(clippy::should_implement_trait)] // `!cond` works too, via `ops::Not`
    pub fn not(self) -> Cond<S> {
        Cond::new(expr::not(self.expr))
    }

    /// The condition as an AST expression (columns qualified by table).
    ///
    /// ```
    /// use crql::build::prelude::*;
    /// use crql::build::typed::Single;
    /// let c: Cond<Single<CmClient>> = cm_client::client_id.gt(7);
    /// assert_eq!(c.into_expr().to_string(), "cmClient.ClientID > 7");
    /// ```
    pub fn into_expr(self) -> Expr<'static> {
        self.expr
    }
}

impl<S> std::ops::Not for Cond<S> {
    type Output = Cond<S>;
    fn not(self) -> Cond<S> {
        Cond::not(self)
    }
}

/// Marker of an operand that is a literal value.
pub struct ValueOperand;
/// Marker of an operand that is a column at index `I` of the query's tables.
pub struct ColumnOperand<I>(PhantomData<I>);

/// The right-hand side of a comparison with a `V` column in a query over `S`: a Rust
/// value of that type, or another `V` column of one of the query's tables. `M` keeps
/// the two implementations apart and is always inferred.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be compared with a `{V}` column",
    label = "expected a value or a column of type `{V}`"
)]
pub trait Operand<V, S, M> {
    /// The operand as an AST node.
    fn into_operand(self) -> Expr<'static>;
}

impl<V, S, X: ToLiteral<V>> Operand<V, S, ValueOperand> for X {
    fn into_operand(self) -> Expr<'static> {
        self.to_literal()
    }
}

impl<V, S, T: Table, I> Operand<V, S, ColumnOperand<I>> for Col<T, V>
where
    S: Contains<T, I>,
{
    fn into_operand(self) -> Expr<'static> {
        self.expr()
    }
}

impl<T, V> Col<T, V> {
    /// A column named `name` (as CTAPI spells it); normally made by
    /// [`table!`](crate::table).
    ///
    /// ```
    /// use crql::build::prelude::*;
    /// use crql::build::types::Text;
    /// const NICKNAME: Col<CmClient, Text> = Col::new("Nickname");
    /// let q = select(NICKNAME).from(CmClient).filter(NICKNAME.eq("Al")).build();
    /// assert_eq!(q.to_string(), "SELECT Nickname FROM cmClient WHERE Nickname = 'Al'");
    /// ```
    pub const fn new(name: &'static str) -> Self {
        Col {
            name,
            _types: PhantomData,
        }
    }

    /// The column's name as CTAPI spells it.
    ///
    /// ```
    /// use crql::build::prelude::*;
    /// assert_eq!(cm_case_assign::usr_pgm_mgr_id.name(), "usrPgmMgrId");
    /// ```
    pub const fn name(&self) -> &'static str {
        self.name
    }
}

impl<T: Table, V> Col<T, V> {
    fn expr(self) -> Expr<'static> {
        expr::column(Some(T::NAME), self.name)
    }

    fn compare<S, M>(self, op: BinaryOp, rhs: impl Operand<V, S, M>) -> Cond<S> {
        Cond::new(self.expr().binary(op, rhs.into_operand()))
    }

    /// `column = value` (or `= other_column`).
    ///
    /// ```
    /// use crql::build::prelude::*;
    /// let q = select(cm_client::first_name).from(CmClient)
    ///     .filter(cm_client::last_name.eq("O'Brien"))
    ///     .build();
    /// assert_eq!(q.to_string(), "SELECT FirstName FROM cmClient WHERE LastName = 'O''Brien'");
    /// ```
    pub fn eq<S, I, M>(self, rhs: impl Operand<V, S, M>) -> Cond<S>
    where
        S: Contains<T, I>,
    {
        self.compare(BinaryOp::Eq, rhs)
    }

    /// `column <> value`.
    ///
    /// ```
    /// use crql::build::prelude::*;
    /// let q = select(cm_client::client_id).from(CmClient)
    ///     .filter(cm_client::client_id.ne(0))
    ///     .build();
    /// assert_eq!(q.to_string(), "SELECT ClientID FROM cmClient WHERE ClientID <> 0");
    /// ```
    pub fn ne<S, I, M>(self, rhs: impl Operand<V, S, M>) -> Cond<S>
    where
        S: Contains<T, I>,
    {
        self.compare(BinaryOp::NotEq, rhs)
    }

    /// `column < value`.
    ///
    /// ```
    /// use crql::build::prelude::*;
    /// let q = select(enrollment::enroll_id).from(Enrollment)
    ///     .filter(enrollment::enroll_id.lt(-5))
    ///     .build();
    /// assert_eq!(q.to_string(), "SELECT EnrollID FROM Enrollment WHERE EnrollID < -5");
    /// ```
    pub fn lt<S, I, M>(self, rhs: impl Operand<V, S, M>) -> Cond<S>
    where
        S: Contains<T, I>,
    {
        self.compare(BinaryOp::Lt, rhs)
    }

    /// `column <= value`.
    ///
    /// ```
    /// use crql::build::prelude::*;
    /// let q = select(enrollment::enroll_id).from(Enrollment)
    ///     .filter(enrollment::exit_date.le(enrollment::planned_exit_date))
    ///     .build();
    /// assert_eq!(q.to_string(), "SELECT EnrollID FROM Enrollment WHERE ExitDate <= PlannedExitDate");
    /// ```
    pub fn le<S, I, M>(self, rhs: impl Operand<V, S, M>) -> Cond<S>
    where
        S: Contains<T, I>,
    {
        self.compare(BinaryOp::LtEq, rhs)
    }

    /// `column > value`; dates print as `'YYYY-MM-DD HH:MM:SS'`.
    ///
    /// ```
    /// use crql::build::prelude::*;
    /// let since = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap();
    /// let q = select(vulnerability_index::vulnerability_id).from(VulnerabilityIndex)
    ///     .filter(vulnerability_index::updated_date.gt(since))
    ///     .build();
    /// assert_eq!(
    ///     q.to_string(),
    ///     "SELECT VulnerabilityID FROM VulnerabilityIndex WHERE UpdatedDate > '2024-01-01 00:00:00'"
    /// );
    /// ```
    pub fn gt<S, I, M>(self, rhs: impl Operand<V, S, M>) -> Cond<S>
    where
        S: Contains<T, I>,
    {
        self.compare(BinaryOp::Gt, rhs)
    }

    /// `column >= value`.
    ///
    /// ```
    /// use crql::build::prelude::*;
    /// let q = select(cm_client::client_id).from(CmClient)
    ///     .filter(cm_client::client_id.ge(100u32))
    ///     .build();
    /// assert_eq!(q.to_string(), "SELECT ClientID FROM cmClient WHERE ClientID >= 100");
    /// ```
    pub fn ge<S, I, M>(self, rhs: impl Operand<V, S, M>) -> Cond<S>
    where
        S: Contains<T, I>,
    {
        self.compare(BinaryOp::GtEq, rhs)
    }

    /// `column BETWEEN low AND high`.
    ///
    /// ```
    /// use crql::build::prelude::*;
    /// use chrono::NaiveDate;
    /// let q = select(enrollment::enroll_id).top(25).from(Enrollment)
    ///     .filter(enrollment::enroll_date.between(
    ///         NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
    ///         NaiveDate::from_ymd_opt(2024, 12, 31).unwrap(),
    ///     ))
    ///     .build();
    /// assert_eq!(
    ///     q.to_string(),
    ///     "SELECT TOP 25 EnrollID FROM Enrollment WHERE EnrollDate BETWEEN '2024-01-01 00:00:00' AND '2024-12-31 00:00:00'"
    /// );
    /// ```
    pub fn between<S, I, M1, M2>(
        self,
        low: impl Operand<V, S, M1>,
        high: impl Operand<V, S, M2>,
    ) -> Cond<S>
    where
        S: Contains<T, I>,
    {
        Cond::new(expr::between(
            self.expr(),
            low.into_operand(),
            high.into_operand(),
            false,
        ))
    }

    /// `column IN (v1, v2, ...)`; an empty list matches nothing (`1 = 0`).
    ///
    /// ```
    /// use crql::build::prelude::*;
    /// let q = select((enrollment::client_id, enrollment::enroll_id)).from(Enrollment)
    ///     .filter(enrollment::enroll_id.in_list([7, 8]))
    ///     .build();
    /// assert_eq!(q.to_string(), "SELECT ClientID, EnrollID FROM Enrollment WHERE EnrollID IN (7, 8)");
    /// ```
    pub fn in_list<S, I, X: ToLiteral<V>>(self, values: impl IntoIterator<Item = X>) -> Cond<S>
    where
        S: Contains<T, I>,
    {
        let list = values.into_iter().map(ToLiteral::to_literal).collect();
        Cond::new(expr::in_list(self.expr(), list, false))
    }

    /// `column NOT IN (v1, v2, ...)`; an empty list matches everything (`1 = 1`).
    ///
    /// ```
    /// use crql::build::prelude::*;
    /// let q = select(cm_client::client_id).from(CmClient)
    ///     .filter(cm_client::state.not_in_list(["UT", "ID"]))
    ///     .build();
    /// assert_eq!(q.to_string(), "SELECT ClientID FROM cmClient WHERE State NOT IN ('UT', 'ID')");
    /// ```
    pub fn not_in_list<S, I, X: ToLiteral<V>>(self, values: impl IntoIterator<Item = X>) -> Cond<S>
    where
        S: Contains<T, I>,
    {
        let list = values.into_iter().map(ToLiteral::to_literal).collect();
        Cond::new(expr::in_list(self.expr(), list, true))
    }

    /// `column IS NULL`.
    ///
    /// ```
    /// use crql::build::prelude::*;
    /// let q = select(enrollment::enroll_id).from(Enrollment)
    ///     .filter(enrollment::exit_date.is_null())
    ///     .build();
    /// assert_eq!(q.to_string(), "SELECT EnrollID FROM Enrollment WHERE ExitDate IS NULL");
    /// ```
    pub fn is_null<S, I>(self) -> Cond<S>
    where
        S: Contains<T, I>,
    {
        Cond::new(expr::is_null(self.expr(), false))
    }

    /// `column IS NOT NULL`.
    ///
    /// ```
    /// use crql::build::prelude::*;
    /// let q = select(enrollment::enroll_id).from(Enrollment)
    ///     .filter(enrollment::exit_date.is_not_null())
    ///     .build();
    /// assert_eq!(q.to_string(), "SELECT EnrollID FROM Enrollment WHERE ExitDate IS NOT NULL");
    /// ```
    pub fn is_not_null<S, I>(self) -> Cond<S>
    where
        S: Contains<T, I>,
    {
        Cond::new(expr::is_null(self.expr(), true))
    }

    /// Ascending order, for [`order_by`](QueryBuilder::order_by).
    ///
    /// ```
    /// use crql::build::prelude::*;
    /// let q = select(cm_client::client_id).top(5).from(CmClient)
    ///     .order_by(cm_client::last_name.asc())
    ///     .build();
    /// assert_eq!(q.to_string(), "SELECT TOP 5 ClientID FROM cmClient ORDER BY LastName ASC");
    /// ```
    pub fn asc(self) -> Ordered<T, V> {
        Ordered {
            column: self,
            direction: SortDirection::Asc,
        }
    }

    /// Descending order, for [`order_by`](QueryBuilder::order_by).
    ///
    /// ```
    /// use crql::build::prelude::*;
    /// let q = select(cm_client::client_id).top(5).from(CmClient)
    ///     .order_by(cm_client::updated_date.desc())
    ///     .build();
    /// assert_eq!(q.to_string(), "SELECT TOP 5 ClientID FROM cmClient ORDER BY UpdatedDate DESC");
    /// ```
    pub fn desc(self) -> Ordered<T, V> {
        Ordered {
            column: self,
            direction: SortDirection::Desc,
        }
    }
}

macro_rules! like_methods {
    ($($ty:ident),*) => {$(
        impl<T: Table> Col<T, types::$ty> {
            /// `column LIKE 'pattern'` (`%` any run, `_` one character).
            ///
            /// ```
            /// use crql::build::prelude::*;
            /// let q = select(cm_client::client_id).from(CmClient)
            ///     .filter(cm_client::last_name.like("Sm%"))
            ///     .build();
            /// assert_eq!(q.to_string(), "SELECT ClientID FROM cmClient WHERE LastName LIKE 'Sm%'");
            /// ```
            pub fn like<S, I>(self, pattern: impl Into<String>) -> Cond<S>
            where
                S: Contains<T, I>,
            {
                Cond::new(expr::like(self.expr(), pattern.into(), false))
            }

            /// `column NOT LIKE 'pattern'`.
            ///
            /// ```
            /// use crql::build::prelude::*;
            /// let q = select(cm_client::client_id).from(CmClient)
            ///     .filter(cm_client::email.not_like("%@example.org"))
            ///     .build();
            /// assert_eq!(q.to_string(), "SELECT ClientID FROM cmClient WHERE Email NOT LIKE '%@example.org'");
            /// ```
            pub fn not_like<S, I>(self, pattern: impl Into<String>) -> Cond<S>
            where
                S: Contains<T, I>,
            {
                Cond::new(expr::like(self.expr(), pattern.into(), true))
            }
        }
    )*};
}
like_methods!(Text, Unknown);

/// A column with a sort direction: `col.desc()`.
pub struct Ordered<T, V> {
    column: Col<T, V>,
    direction: SortDirection,
}

/// An `ORDER BY` term over the tables `S`: a column or `column.asc()/.desc()`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be an ORDER BY term of this query",
    label = "expected a column of the query's tables, or `column.asc()` / `column.desc()`"
)]
pub trait OrderTerm<S, I> {
    /// The term as an AST node.
    fn into_order(self) -> OrderByExpr<'static>;
}

impl<S, I, T: Table, V> OrderTerm<S, I> for Col<T, V>
where
    S: Contains<T, I>,
{
    fn into_order(self) -> OrderByExpr<'static> {
        expr::order(self.expr(), None)
    }
}

impl<S, I, T: Table, V> OrderTerm<S, I> for Ordered<T, V>
where
    S: Contains<T, I>,
{
    fn into_order(self) -> OrderByExpr<'static> {
        expr::order(self.column.expr(), Some(self.direction))
    }
}

/// A field list: one column, or a tuple of columns (tuples nest).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a list of columns",
    label = "expected a column or a tuple of columns",
    note = "CRQL has no `*`: name the columns you need, e.g. `select((cm_client::client_id, cm_client::first_name))`"
)]
pub trait Columns {
    /// Appends the columns, qualified by table.
    fn push_columns(&self, out: &mut Vec<Expr<'static>>);
}

/// The field list's tables are all in the query's tables `S`.
#[diagnostic::on_unimplemented(
    message = "a selected column's table is not in this query",
    label = "the query reads `{S}`",
    note = "select only columns of the FROM and JOIN tables"
)]
pub trait Selection<S, I>: Columns {}

impl<T: Table, V> Columns for Col<T, V> {
    fn push_columns(&self, out: &mut Vec<Expr<'static>>) {
        out.push(self.expr());
    }
}

impl<S, I, T: Table, V> Selection<S, I> for Col<T, V> where S: Contains<T, I> {}

macro_rules! tuple_columns {
    ($(($($name:ident $idx:ident),+))*) => {$(
        impl<$($name: Columns),+> Columns for ($($name,)+) {
            #[allow(non_snake_case)]
            fn push_columns(&self, out: &mut Vec<Expr<'static>>) {
                let ($($name,)+) = self;
                $($name.push_columns(out);)+
            }
        }
        impl<S, $($idx,)+ $($name: Selection<S, $idx>),+> Selection<S, ($($idx,)+)> for ($($name,)+) {}
    )*};
}
tuple_columns! {
    (A IA)
    (A IA, B IB)
    (A IA, B IB, C IC)
    (A IA, B IB, C IC, D ID)
    (A IA, B IB, C IC, D ID, E IE)
    (A IA, B IB, C IC, D ID, E IE, F IF)
    (A IA, B IB, C IC, D ID, E IE, F IF, G IG)
    (A IA, B IB, C IC, D ID, E IE, F IF, G IG, H IH)
    (A IA, B IB, C IC, D ID, E IE, F IF, G IG, H IH, J IJ)
    (A IA, B IB, C IC, D ID, E IE, F IF, G IG, H IH, J IJ, K IK)
    (A IA, B IB, C IC, D ID, E IE, F IF, G IG, H IH, J IJ, K IK, L IL)
    (A IA, B IB, C IC, D ID, E IE, F IF, G IG, H IH, J IJ, K IK, L IL, M IM)
    (A IA, B IB, C IC, D ID, E IE, F IF, G IG, H IH, J IJ, K IK, L IL, M IM, N IN)
    (A IA, B IB, C IC, D ID, E IE, F IF, G IG, H IH, J IJ, K IK, L IL, M IM, N IN, O IO)
    (A IA, B IB, C IC, D ID, E IE, F IF, G IG, H IH, J IJ, K IK, L IL, M IM, N IN, O IO, P IP)
    (A IA, B IB, C IC, D ID, E IE, F IF, G IG, H IH, J IJ, K IK, L IL, M IM, N IN, O IO, P IP, Q IQ)
}

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
