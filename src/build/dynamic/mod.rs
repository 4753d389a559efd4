//! The dynamic builder: the typed builder's chain with table and column names known
//! only at run time (strings), values as [`Value`](crate::build::Value).
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

mod condition;
mod query;

pub use condition::{Column, Condition, Operand, OrderTerm, col};
pub use query::{DynPendingJoin, DynQuery, NoJoin, SelectList, TableSpec, WithJoin, select};
