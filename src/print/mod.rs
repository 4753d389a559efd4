//! Printing: `Display` is canonical one-line CRQL ([`canonical`]); [`pretty`] is the
//! formatter (also reached through `{:#}`, see [`pretty_hook`]).

pub mod canonical;
mod doc;
pub mod pretty;
pub mod pretty_hook;

pub use pretty::{FormatOptions, KeywordCase, format_script, pretty};
