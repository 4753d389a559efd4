//! The CTAPI emulator on SQLite: a seeded synthetic dataset ([`data`]), a real
//! database ([`db`]), the translation of CRQL into SQLite SQL ([`translate`]).

pub mod catalog;
pub mod data;
pub mod date;
pub mod db;
pub mod like;
pub mod rng;
pub mod translate;

pub use data::{Dataset, DatasetSpec, TableRows, Value};
pub use db::{Database, DbError, DbInfo};
pub use translate::{OutColumn, Scope, Sql, TranslateError, translate};
