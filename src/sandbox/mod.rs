//! The CTAPI emulator on SQLite (feature `sandbox`).
//!
//! - [`data`]: a seeded synthetic dataset (no real person's data);
//! - [`db`]: a real SQLite database, in memory or in a file;
//! - [`translate`]: a CRQL AST as SQLite SQL, values bound as parameters;
//! - [`emulator`]: CTAPI's routes, envelopes, status codes and access control;
//! - [`server`]: the emulator over HTTP; the [`Emulator`] is also a
//!   [`crate::exec::Transport`], in process.
//!
//! ```no_run
//! use std::sync::Arc;
//! use crql::sandbox::{Access, DatasetSpec, Server, emulator};
//!
//! let emu = emulator(DatasetSpec { clients: 500, ..DatasetSpec::default() }, None, Access::demo())?;
//! let server = Server::start_loopback(Arc::new(emu))?;
//! println!("CTAPI sandbox at {}", server.url());
//! server.stop();
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod access;
pub mod catalog;
pub mod data;
pub mod date;
pub mod db;
pub mod emulator;
mod json;
pub mod like;
pub mod procedures;
pub mod rng;
pub mod server;
pub mod translate;

pub use access::{Access, Caller, Key, UserKey};
pub use data::{Dataset, DatasetSpec, TableRows, Value};
pub use db::{Database, DbError, DbInfo, Limits, QueryError};
pub use emulator::Emulator;
pub use server::Server;
pub use translate::{OutColumn, Scope, Sql, TranslateError, translate};

/// An emulator over the dataset of `spec`: in memory, or in the file `db` (reused
/// when it already holds a dataset).
pub fn emulator(
    spec: DatasetSpec,
    db: Option<&std::path::Path>,
    access: Access,
) -> Result<Emulator, DbError> {
    let database = match db {
        Some(path) => Database::file(path, spec)?,
        None => Database::in_memory(&Dataset::generate(spec))?,
    };
    Ok(Emulator::new(database, access))
}

/// The in-process sandbox `crql run` uses when no endpoint is configured: the
/// default dataset in memory, no keys needed (it acts as an admin key), rows in a
/// stable order (someone trying CRQL reads the rows; `crql serve` shows CTAPI's
/// unstable order instead).
pub fn in_process() -> Result<Emulator, DbError> {
    Ok(emulator(DatasetSpec::default(), None, Access::open())?.with_stable_order(true))
}
