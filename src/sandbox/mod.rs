//! The CTAPI emulator on SQLite (feature `sandbox`).
//!
//! - [`Dataset`]: a seeded synthetic dataset (no real person's data), generated from a
//!   [`DatasetSpec`];
//! - [`Database`]: a real SQLite database holding it, in memory or in a file;
//! - [`translate`]: a CRQL AST as SQLite [`Sql`], values bound as parameters;
//! - [`Emulator`]: CTAPI's routes, envelopes, status codes and [`Access`] control; it
//!   is also a [`crate::exec::Transport`], in process;
//! - [`Server`]: the emulator over HTTP;
//! - [`schema()`]: the tables it serves, as the complete schema its
//!   `cto/{table}/description` answers give.
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

// Each module is an implementation part; what a user needs is re-exported below.
mod access;
mod catalog;
mod data;
// Until the one date grammar moves to `ctapi`, some of its helpers serve only tests.
#[cfg_attr(not(test), allow(dead_code))]
mod date;
mod db;
mod emulator;
mod json;
mod like;
mod procedures;
mod rng;
mod server;
mod snapshots;
mod translate;

pub use access::{Access, AccessFile, Key, UserKey, UserKeyFile};
pub use catalog::{ColType, Column, Table, schema};
pub use data::{Dataset, DatasetSpec, TableRows, Value};
pub use db::{Database, DbError, DbInfo, Limits, QueryError, result_bytes};
pub use emulator::Emulator;
pub use server::{Server, ServerLimits};
pub use snapshots::CacheBudget;
pub use translate::{OutColumn, Scope, Sql, TranslateError, translate};

/// An emulator over the dataset of `spec`: in a temporary file deleted with it (so
/// that queries run in parallel), or in the file `db` (reused when it already holds a
/// dataset).
pub fn emulator(
    spec: DatasetSpec,
    db: Option<&std::path::Path>,
    access: Access,
) -> Result<Emulator, DbError> {
    let database = match db {
        Some(path) => Database::file(path, spec)?,
        None => Database::temporary(&Dataset::generate(spec))?,
    };
    Ok(Emulator::new(database, access))
}

/// The in-process sandbox `crql run` uses when no endpoint is configured: the
/// default dataset in memory, no keys needed (it acts as an admin key), rows in a
/// stable order (someone trying CRQL reads the rows; `crql serve` shows CTAPI's
/// unstable order instead).
pub fn in_process() -> Result<Emulator, DbError> {
    // One client asking one query at a time needs no parallel readers: memory, so
    // that no temporary file outlives a process that is killed.
    let db = Database::in_memory(&Dataset::generate(DatasetSpec::default()))?;
    Ok(Emulator::new(db, Access::open()).with_stable_order(true))
}
