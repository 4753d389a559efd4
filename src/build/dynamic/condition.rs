//! Columns, values and conditions with run-time names: what `filter`, `on` and
//! `order_by` take.

use crate::ast::{BinaryOp, Expr, OrderByExpr, SortDirection};
use crate::build::expr;
use crate::build::value::Value;

/// A column name, optionally qualified by a table name or alias.
///
/// From `"ClientID"` (unqualified) or `("c", "ClientID")` (qualified).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Column {
    pub(super) qualifier: Option<String>,
    pub(super) name: String,
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
    pub(super) expr: Expr<'static>,
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
    pub(super) fn expr(&self) -> Expr<'static> {
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
pub struct OrderTerm(pub(super) OrderByExpr<'static>);

impl<C: Into<Column>> From<C> for OrderTerm {
    fn from(c: C) -> OrderTerm {
        OrderTerm(expr::order(c.into().expr(), None))
    }
}
