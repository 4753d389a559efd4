//! Printing a tree as CRQL text.
//!
//! - `Display` on any node (`q.to_string()`, `format!("{q}")`) is canonical one-line
//!   CRQL: upper-case keywords, single spaces, literals re-escaped, names bracketed
//!   where they need it. Parsing it gives back the same tree.
//! - [`pretty`] lays a query out over lines within [`FormatOptions::width`];
//!   `format!("{q:#}")` is the same with the default options. A query that fits
//!   stays on one line, as its canonical text; a longer one breaks per clause:
//!
//!   ```text
//!   SELECT TOP 200
//!     ClientID,
//!     FirstName
//!   FROM cmClient c
//!   INNER JOIN Enrollment e ON e.ClientID = c.ClientID
//!   WHERE c.ActiveStatus = 1
//!     AND e.EnrollID IN (
//!       101, 102, 103, ...
//!     )
//!   ORDER BY ClientID
//!   ```
//! - [`format_script`] formats a whole file (what `crql fmt` runs) and puts every
//!   comment back, once, in its original order.
//!
//! ```
//! let q = crql::parse("select TOP 5 ClientID from cmClient where ClientID>0")?;
//! assert_eq!(q.to_string(), "SELECT TOP 5 ClientID FROM cmClient WHERE ClientID > 0");
//! # Ok::<(), crql::ParseError>(())
//! ```

// Internal: the canonical printer's helpers (name quoting, string escaping) serve
// the linter and the builder too; the pretty printer's `{:#}` hook is called from
// `Display`. What users need is re-exported below.
pub(crate) mod canonical;
mod doc;
mod pretty;

pub use pretty::{FormatOptions, KeywordCase, format_script, pretty};
