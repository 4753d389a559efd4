//! Building queries: a typed builder, a dynamic builder, parameter binding and
//! splitting long `IN` lists.
//!
//! Every part produces the shared [`crate::ast`] — never text — so that quoting and
//! escaping happen in exactly one place, the printer, and a value can never become
//! syntax.
//!
//! - [`typed`]: tables and columns are Rust items ([`table!`](crate::table)); what
//!   CRQL forbids (a second JOIN, `*`, a column of a table not in the query, a text
//!   column compared with a number) does not compile.
//! - [`clienttrack`]: typed tables for the built-in ClientTrack schema.
//! - [`dynamic`]: the same chain with names known only at run time.
//! - [`bind()`]: `:name` placeholders in hand-written text, resolved on the AST.
//! - [`split_in_list`]: one query with a huge `IN` list to the fewest queries under the
//!   2048-character limit.
//!
//! Every fallible function here fails with one [`Error`]: its diagnostics (as
//! miette `related`) and the text they point into.
//!
//! Codes the builder reports besides the linter's:
//!
//! | code | what |
//! |---|---|
//! | E0303 | a `:parameter` of the text has no value (the linter's code) |
//! | E0304 | a parameter was given that the text does not use, or was given twice |
//! | E0305 | a list parameter outside `IN (...)`, or an empty list |
//! | E0306 | the dynamic builder was given no column, or `*` |
//! | E0207 | a query cannot be brought under the encoded-length limit (the linter's code) |

mod assemble;
mod bind;
pub mod clienttrack;
pub mod codegen;
pub mod dynamic;
mod error;
mod expr;
mod split;
mod tables;
pub mod typed;
pub mod value;

pub use bind::{ParamValue, bind};
pub use error::Error;
pub use split::{MAX_ENCODED_LEN, encoded_len, split_in_list, split_in_list_with_limit};
pub use tables::{ColumnInfo, Table};
pub use typed::{Col, Cond, select};
pub use value::{Dec, Value, types};

/// Everything needed to write typed queries: `use crql::build::prelude::*;`.
pub mod prelude {
    pub use super::clienttrack::*;
    pub use super::tables::Table;
    pub use super::typed::{Col, Cond, select};
    pub use super::value::{Dec, Value};
}
