//! # crql
//!
//! A toolkit for CRQL, the SQL-like query language of the ClientTrack REST API
//! (CTAPI): a nom parser into one typed [`ast`], a schema-aware linter, a
//! comment-preserving formatter, a builder with safe parameter binding, and an
//! executor over a pluggable transport.
//!
//! ```
//! let q = crql::parse("select TOP 5 ClientID, FirstName from cmClient where ClientID > 0").unwrap();
//! assert_eq!(q.to_string(), "SELECT TOP 5 ClientID, FirstName FROM cmClient WHERE ClientID > 0");
//! ```

#![forbid(unsafe_code)]

pub mod ast;
pub mod ctapi;
pub mod diagnostic;
pub mod keyword;
pub mod parser;
pub mod print;

pub use ast::{Query, Script, Span};
pub use diagnostic::{Code, Diagnostic, Severity};
pub use parser::{ParseError, parse, parse_expr, parse_script, parse_where};

pub mod build;
pub use build::bind;
pub mod exec;
pub mod lint;
pub mod schema;

pub use lint::{lint, lint_script, lint_text};
pub use schema::Schema;

#[cfg(feature = "sandbox")]
pub mod sandbox;
