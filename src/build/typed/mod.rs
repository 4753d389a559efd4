//! The typed builder: `select(..).top(n).from(..).join(..).on(..).filter(..).order_by(..)`.
//!
//! Types carry what CRQL requires, so that breaking a rule is a compile error:
//!
//! - the query's tables are a type parameter ([`Single`] or [`Joined`]), and a
//!   column may only be used when its table is one of them ([`Contains`]);
//! - only a query with one table has `.join(..)`, so a second JOIN does not exist;
//! - a column's value type decides which Rust values it compares with
//!   ([`ToLiteral`](crate::build::value::ToLiteral)), so a text column cannot meet an integer;
//! - the field list is columns ([`Columns`]); there is no `*` to pass.
//!
//! In a one-table query columns print bare (`ClientID`); with a JOIN every column is
//! qualified by its table (`cmClient.ClientID`), so none is ambiguous.

use std::marker::PhantomData;

mod column;
mod query;

pub use column::{
    Col, ColumnOperand, Columns, Cond, Operand, OrderTerm, Ordered, Selection, ValueOperand,
};
pub use query::{PendingJoin, QueryBuilder, SelectList, select};

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
