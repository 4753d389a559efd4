//! Typed columns and what is made of them: conditions (`eq`, `in_list`, `like`,
//! ...), `ORDER BY` terms, and field lists.

use std::fmt;
use std::marker::PhantomData;

use crate::ast::{BinaryOp, Expr, OrderByExpr, SortDirection};
use crate::build::expr;
use crate::build::tables::Table;
use crate::build::value::{ToLiteral, types};

use super::Contains;

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

/// A condition over the tables `S`: a `WHERE` or `ON` predicate.
///
/// Combine with [`and`](Cond::and), [`or`](Cond::or) and [`not`](Cond::not);
/// parentheses are added where the printed text needs them.
pub struct Cond<S> {
    pub(super) expr: Expr<'static>,
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

    /// Ascending order, for [`order_by`](super::QueryBuilder::order_by).
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

    /// Descending order, for [`order_by`](super::QueryBuilder::order_by).
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
