//! Printing: `Display` is canonical one-line CRQL ([`canonical`]); the pretty
//! formatter is reached through `{:#}` ([`pretty_hook`]).

pub mod canonical;
pub mod pretty_hook;
