//! # crql
//!
//! A toolkit for CRQL, the SQL-like query language of the ClientTrack REST API
//! (CTAPI). Every part works on one typed syntax tree, [`ast`]: text is parsed once,
//! then linted, printed, built, bound, sent, or run against a local emulator.
//!
//! ```text
//! text ──parse──► Query ──lint──► Diagnostics
//!                   │ ▲
//!                   │ └── build / bind (values become literals, never text)
//!                   ├──print──► canonical or formatted text
//!                   └──exec──► Transport ──► CTAPI, or the sandbox
//! ```
//!
//! ## Entry points
//!
//! **Parse** — [`parse`] one query, [`parse_script`] a `;`-separated file with its
//! comments, [`parse_expr`] / [`parse_where`] a fragment. `Display` on any node prints
//! canonical CRQL; a [`ParseError`] is a miette diagnostic with a code and a span.
//!
//! ```
//! let q = crql::parse("select TOP 5 ClientID from cmClient where ClientID > 0")?;
//! assert_eq!(q.to_string(), "SELECT TOP 5 ClientID FROM cmClient WHERE ClientID > 0");
//! assert_eq!(crql::parse("SELECT FROM").unwrap_err().code(), "E0001");
//! # Ok::<(), crql::ParseError>(())
//! ```
//!
//! **Lint** — [`lint()`] a parsed [`Query`], or [`lint_text`] a script (parse errors and
//! `-- crql:allow(...)` comments included), against a [`Schema`]
//! ([`Schema::builtin`] is ClientTrack's). Each finding is a [`Diagnostic`] whose
//! [`Code`] leads to its documentation ([`Code::info`]); [`lint::Linter`] selects
//! codes, [`lint::codes`] lists those linting reports, [`lint::fix::apply`] applies
//! the safe fixes.
//!
//! ```
//! // The built-in schema lists only the tables seen in real use: a table it lacks is
//! // a warning (W0101); against a schema that lists every table, E0101.
//! let found = crql::lint_text("SELECT TOP 5 ClientId FROM cmClients", crql::Schema::builtin());
//! assert_eq!(found[0].code, "W0101");
//! assert!(found[0].help.as_deref().unwrap().starts_with("did you mean `cmClient`?"));
//! ```
//!
//! **Print and format** — [`print::pretty`] lays out one query within a width;
//! [`print::format_script`] formats a whole file and keeps every comment.
//!
//! ```
//! use crql::print::{FormatOptions, format_script};
//! let text = "select TOP 5 ClientID, FirstName from cmClient -- five clients\n";
//! let script = crql::parse_script(text)?;
//! assert_eq!(
//!     format_script(text, &script, &FormatOptions::default()),
//!     "SELECT TOP 5 ClientID, FirstName FROM cmClient -- five clients\n",
//! );
//! # Ok::<(), crql::ParseError>(())
//! ```
//!
//! **Build and bind** — [`build`] makes queries as trees: a typed builder where what
//! CRQL forbids does not compile, a dynamic one for names known at run time, and
//! [`bind()`], which replaces `:name` placeholders of hand-written text with literals.
//! Values are quoted by the printer, so a value can never become syntax.
//!
//! ```
//! use crql::build::prelude::*;
//!
//! let typed = select((cm_client::client_id, cm_client::last_name))
//!     .top(10)
//!     .from(CmClient)
//!     .filter(cm_client::last_name.eq("O'Brien"))
//!     .build();
//! let bound = crql::bind(
//!     "SELECT TOP 10 ClientID, LastName FROM cmClient WHERE LastName = :name",
//!     crql::params! { "name" => "O'Brien" },
//! )
//! .unwrap();
//! assert_eq!(typed, bound);
//! assert_eq!(bound.to_string(), "SELECT TOP 10 ClientID, LastName FROM cmClient WHERE LastName = 'O''Brien'");
//! ```
//!
//! **Execute** — an [`exec::Client`] lints and sends a query over a
//! [`exec::Transport`] (HTTPS with the `http` feature, the sandbox, or your own), then
//! pages through the rows without losing or repeating one. Here the transport is a
//! script of answers from [`exec::testing`]:
//!
//! ```
//! use crql::exec::Client;
//! use crql::exec::testing::{ScriptedTransport, rows_envelope};
//! use serde_json::json;
//!
//! let answers = ScriptedTransport::new()
//!     .json(200, rows_envelope(&[json!({"ClientID": 1}), json!({"ClientID": 2})], 2));
//! let client = Client::builder().transport(answers).build()?;
//! let rows = client.fetch_all(&crql::parse("SELECT TOP 2 ClientID FROM cmClient")?)?;
//! assert_eq!(rows.len(), 2);
//! assert_eq!(rows[1]["ClientID"], 2);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! **Project** — [`config`] reads a project's `crql.toml` (found upward from a file)
//! and its schema cache (`.crql/schema/`, pulled `cto/{table}/description`s, complete
//! tables): [`config::Config::schema`], [`config::Config::linter`] and
//! [`config::Config::format_options`] are what `crql check`, `fmt`, `run` and `url` use.
//!
//! **Sandbox** — `crql::sandbox` (feature `sandbox`) emulates CTAPI over SQLite with
//! a seeded synthetic dataset: in process, as an [`exec::Transport`], or over HTTP on
//! loopback.
//!
//! ```
//! # #[cfg(feature = "sandbox")] {
//! use crql::sandbox::{Access, DatasetSpec, emulator};
//!
//! let spec = DatasetSpec { clients: 50, ..DatasetSpec::default() };
//! let client = crql::exec::Client::builder()
//!     .transport(emulator(spec, None, Access::open())?)
//!     .build()?;
//! let rows = client.fetch_all(&crql::parse("SELECT TOP 3 ClientID FROM cmClient")?)?;
//! assert_eq!(rows.len(), 3);
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Features
//!
//! The core (`ast`, `parser`, `print`, `schema`, `lint`, `build`, and `exec` over
//! your own transport) needs none of them.
//!
//! | feature | adds |
//! |---|---|
//! | `http` | `exec::HttpTransport`: HTTPS to CTAPI (ureq, rustls) |
//! | `sandbox` | `crql::sandbox`: the CTAPI emulator (rusqlite with a bundled SQLite, tiny_http) |
//! | `fancy` | miette's graphical reports in [`diagnostic::render`] (plain text without it) |
//! | `lsp` | `crql::lsp`: the language server behind `crql lsp` (lsp-server, lsp-types) |
//! | `cli` (default) | the `crql` binary; enables all of the above |
//!
//! A library that wants the core only: `crql = { version = "0.1", default-features = false }`.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod ast;
pub mod ctapi;
pub mod diagnostic;
pub mod keyword;
pub mod parser;
pub mod print;

pub use ast::{Expr, Query, Script, Span, Statement};
pub use diagnostic::{Code, Diagnostic, Severity};
pub use parser::{ParseError, parse, parse_expr, parse_script, parse_where};

pub mod build;
pub mod config;
pub use build::bind;
pub mod exec;
pub mod lint;
pub mod schema;

pub use lint::{lint, lint_script, lint_text};
pub use schema::Schema;

#[cfg(feature = "sandbox")]
pub mod sandbox;

#[cfg(feature = "lsp")]
pub mod lsp;
