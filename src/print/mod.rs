//! Printing: `Display` is canonical one-line CRQL ([`canonical`]); [`pretty`](mod@pretty) is the
//! formatter (also reached through `{:#}`).

pub mod canonical;
mod doc;
pub mod pretty;

pub use pretty::{FormatOptions, KeywordCase, format_script, pretty};
