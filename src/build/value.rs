//! Values: the column value types of the typed builder, which Rust types may stand
//! for each, and the run-time [`Value`] of the dynamic builder and of binding.
//!
//! Dates come from `chrono`: its `NaiveDateTime` is exactly what a CRQL datetime
//! literal is (a calendar date and a wall-clock time, no zone), it is what most Rust
//! database crates already hand out, and it formats without extra feature flags.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use chrono::{NaiveDate, NaiveDateTime, Timelike};

use crate::ast::{Expr, Literal, Span, UnaryOp};
use crate::schema::ColumnType;

/// Marker types naming a column's value type in [`Col`](super::Col) and in
/// [`table!`](crate::table).
pub mod types {
    macro_rules! markers {
        ($($(#[$m:meta])* $name:ident,)*) => {$(
            $(#[$m])*
            #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
            pub struct $name;
            impl super::SqlType for $name {
                const KIND: super::ColumnType = super::ColumnType::$name;
            }
        )*};
    }
    markers! {
        /// Whole numbers; Rust integers print bare: `5`, `-3`.
        Integer,
        /// Decimal numbers; [`Dec`](super::Dec) and Rust integers print bare: `3.25`.
        Decimal,
        /// Strings; `&str`, `String`, `char` print quoted: `'O''Brien'`.
        Text,
        /// Dates; `chrono::NaiveDate` prints `'2024-01-31'`.
        Date,
        /// Datetimes; `chrono::NaiveDateTime` prints `'2024-01-31 13:45:00'`.
        DateTime,
        /// Bits; `bool` prints `1` or `0`.
        Boolean,
        /// Unknown type: every value above is accepted.
        Unknown,
    }
}

/// A column value type (one of [`types`]).
pub trait SqlType {
    /// The schema's type (the linter's [`ColumnType`]).
    const KIND: ColumnType;
}

/// A Rust value that can stand for a literal of column type `V`.
///
/// This is what makes `first_name.eq(5)` fail to compile: `i32` is not a value of
/// a `Text` column.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a value of a `{V}` column",
    label = "a `{V}` column is compared with this",
    note = "each column type takes its own Rust types: Integer takes integers, Text takes \
            &str/String/char, DateTime takes chrono::NaiveDateTime or NaiveDate, \
            Decimal takes crql::build::Dec or integers, Boolean takes bool"
)]
pub trait ToLiteral<V> {
    /// The literal as an AST node.
    fn to_literal(self) -> Expr<'static>;
}

pub(crate) fn string_lit(value: impl Into<Cow<'static, str>>) -> Expr<'static> {
    Expr::string(value)
}

/// An unsigned integer literal from its digits, negated with unary minus as the
/// parser reads `-n`.
pub(crate) fn unsigned_lit(digits: String, negative: bool) -> Expr<'static> {
    let lit = Expr::Literal(Literal::Integer {
        text: Cow::Owned(digits),
        span: Span::empty(),
    });
    if negative {
        Expr::Unary {
            op: UnaryOp::Minus,
            expr: Box::new(lit),
            span: Span::empty(),
        }
    } else {
        lit
    }
}

pub(crate) fn date_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// `YYYY-MM-DD HH:MM:SS`, with the fraction only when there is one (dropping it
/// would silently move the value).
pub(crate) fn datetime_text(dt: NaiveDateTime) -> String {
    if dt.nanosecond() == 0 {
        dt.format("%Y-%m-%d %H:%M:%S").to_string()
    } else {
        dt.format("%Y-%m-%d %H:%M:%S%.f").to_string()
    }
}

macro_rules! int_literals {
    ($($t:ty),*) => {$(
        impl ToLiteral<types::Integer> for $t {
            fn to_literal(self) -> Expr<'static> {
                #[allow(unused_comparisons)]
                let negative = self < 0;
                unsigned_lit((self as i128).unsigned_abs().to_string(), negative)
            }
        }
        impl ToLiteral<types::Decimal> for $t {
            fn to_literal(self) -> Expr<'static> {
                ToLiteral::<types::Integer>::to_literal(self)
            }
        }
        impl ToLiteral<types::Unknown> for $t {
            fn to_literal(self) -> Expr<'static> {
                ToLiteral::<types::Integer>::to_literal(self)
            }
        }
        impl From<$t> for Value {
            fn from(v: $t) -> Value {
                Value::Int(v as i128)
            }
        }
    )*};
}
int_literals!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);

macro_rules! text_literals {
    ($($t:ty => $conv:expr),*) => {$(
        impl ToLiteral<types::Text> for $t {
            fn to_literal(self) -> Expr<'static> {
                #[allow(clippy::redundant_closure_call)]
                string_lit(($conv)(self))
            }
        }
        impl ToLiteral<types::Unknown> for $t {
            fn to_literal(self) -> Expr<'static> {
                ToLiteral::<types::Text>::to_literal(self)
            }
        }
        impl From<$t> for Value {
            fn from(v: $t) -> Value {
                #[allow(clippy::redundant_closure_call)]
                Value::Text(($conv)(v))
            }
        }
    )*};
}
text_literals!(
    &str => |s: &str| s.to_owned(),
    String => |s: String| s,
    &String => |s: &String| s.clone(),
    Cow<'_, str> => |s: Cow<'_, str>| s.into_owned(),
    char => |c: char| c.to_string()
);

impl ToLiteral<types::Date> for NaiveDate {
    fn to_literal(self) -> Expr<'static> {
        string_lit(date_text(self))
    }
}

impl ToLiteral<types::DateTime> for NaiveDateTime {
    fn to_literal(self) -> Expr<'static> {
        string_lit(datetime_text(self))
    }
}

/// A date against a datetime column means its midnight.
impl ToLiteral<types::DateTime> for NaiveDate {
    fn to_literal(self) -> Expr<'static> {
        ToLiteral::<types::DateTime>::to_literal(self.and_time(chrono::NaiveTime::MIN))
    }
}

impl ToLiteral<types::Unknown> for NaiveDate {
    fn to_literal(self) -> Expr<'static> {
        ToLiteral::<types::Date>::to_literal(self)
    }
}

impl ToLiteral<types::Unknown> for NaiveDateTime {
    fn to_literal(self) -> Expr<'static> {
        ToLiteral::<types::DateTime>::to_literal(self)
    }
}

impl ToLiteral<types::Boolean> for bool {
    fn to_literal(self) -> Expr<'static> {
        unsigned_lit(u8::from(self).to_string(), false)
    }
}

impl ToLiteral<types::Unknown> for bool {
    fn to_literal(self) -> Expr<'static> {
        ToLiteral::<types::Boolean>::to_literal(self)
    }
}

impl ToLiteral<types::Decimal> for Dec {
    fn to_literal(self) -> Expr<'static> {
        self.to_expr()
    }
}

impl ToLiteral<types::Unknown> for Dec {
    fn to_literal(self) -> Expr<'static> {
        self.to_expr()
    }
}

/// A decimal number, checked when made so that it always prints as a valid literal
/// (`f64::NAN` has no CRQL spelling, so it cannot become a `Dec`).
///
/// ```
/// use crql::build::Dec;
/// assert_eq!(Dec::try_from(3.25).unwrap().to_string(), "3.25");
/// assert_eq!("-0.5".parse::<Dec>().unwrap().to_string(), "-0.5");
/// assert!(Dec::try_from(f64::NAN).is_err());
/// assert!("1e3".parse::<Dec>().is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Dec {
    negative: bool,
    /// Digits, with at most one `.` that has digits on both sides.
    digits: String,
}

/// A number that has no CRQL spelling (NaN, infinite, or not `-?digits[.digits]`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidDecimal(pub String);

impl fmt::Display for InvalidDecimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a decimal CRQL can spell (expected digits with an optional fraction)",
            self.0
        )
    }
}

impl std::error::Error for InvalidDecimal {}

impl FromStr for Dec {
    type Err = InvalidDecimal;
    fn from_str(s: &str) -> Result<Dec, InvalidDecimal> {
        let (negative, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let mut parts = body.splitn(2, '.');
        let whole = parts.next().unwrap_or("");
        let frac = parts.next();
        let digits_ok = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
        if !digits_ok(whole) || frac.is_some_and(|f| !digits_ok(f)) {
            return Err(InvalidDecimal(s.to_owned()));
        }
        Ok(Dec {
            negative,
            digits: body.to_owned(),
        })
    }
}

impl TryFrom<f64> for Dec {
    type Error = InvalidDecimal;
    fn try_from(v: f64) -> Result<Dec, InvalidDecimal> {
        if !v.is_finite() {
            return Err(InvalidDecimal(v.to_string()));
        }
        // Rust prints finite floats without an exponent, so this always parses.
        v.to_string().parse()
    }
}

impl TryFrom<f32> for Dec {
    type Error = InvalidDecimal;
    fn try_from(v: f32) -> Result<Dec, InvalidDecimal> {
        if !v.is_finite() {
            return Err(InvalidDecimal(v.to_string()));
        }
        v.to_string().parse()
    }
}

impl From<i64> for Dec {
    fn from(v: i64) -> Dec {
        Dec {
            negative: v < 0,
            digits: v.unsigned_abs().to_string(),
        }
    }
}

impl fmt::Display for Dec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.negative {
            f.write_str("-")?;
        }
        f.write_str(&self.digits)
    }
}

impl Dec {
    /// The literal as the parser would read it back: an integer when there is no
    /// fraction, a decimal otherwise; a minus sign is a unary minus.
    pub(crate) fn to_expr(&self) -> Expr<'static> {
        if !self.digits.contains('.') {
            return unsigned_lit(self.digits.clone(), self.negative);
        }
        let lit = Expr::Literal(Literal::Decimal {
            text: Cow::Owned(self.digits.clone()),
            span: Span::empty(),
        });
        if self.negative {
            Expr::Unary {
                op: UnaryOp::Minus,
                expr: Box::new(lit),
                span: Span::empty(),
            }
        } else {
            lit
        }
    }
}

/// A value known at run time, for the dynamic builder and for [`bind`](super::bind()).
///
/// Converts from Rust integers, strings, `bool`, [`Dec`], `chrono::NaiveDate` and
/// `NaiveDateTime`; `Option::None` is `NULL`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Value {
    /// `NULL`
    Null,
    /// An integer (wide enough for every Rust integer type).
    Int(i128),
    /// A decimal.
    Decimal(Dec),
    /// A string; quoted and escaped by the printer.
    Text(String),
    /// `'YYYY-MM-DD'`
    Date(NaiveDate),
    /// `'YYYY-MM-DD HH:MM:SS'`
    DateTime(NaiveDateTime),
    /// `1` or `0`
    Bool(bool),
}

impl Value {
    /// The literal as an AST node.
    pub fn to_expr(&self) -> Expr<'static> {
        match self {
            Value::Null => Expr::null(),
            Value::Int(i) => unsigned_lit(i.unsigned_abs().to_string(), *i < 0),
            Value::Decimal(d) => d.to_expr(),
            Value::Text(s) => string_lit(s.clone()),
            Value::Date(d) => string_lit(date_text(*d)),
            Value::DateTime(dt) => string_lit(datetime_text(*dt)),
            Value::Bool(b) => unsigned_lit(u8::from(*b).to_string(), false),
        }
    }
}

impl From<Dec> for Value {
    fn from(v: Dec) -> Value {
        Value::Decimal(v)
    }
}

impl From<bool> for Value {
    fn from(v: bool) -> Value {
        Value::Bool(v)
    }
}

impl From<NaiveDate> for Value {
    fn from(v: NaiveDate) -> Value {
        Value::Date(v)
    }
}

impl From<NaiveDateTime> for Value {
    fn from(v: NaiveDateTime) -> Value {
        Value::DateTime(v)
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Value {
        v.map_or(Value::Null, Into::into)
    }
}

impl ToLiteral<types::Unknown> for Value {
    fn to_literal(self) -> Expr<'static> {
        self.to_expr()
    }
}
