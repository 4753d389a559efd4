//! The printers: the formatter on scripts (comments kept in every position,
//! idempotence, `crql fmt`), and the round-trip laws over generated trees.

#[path = "../support/mod.rs"]
mod support;

mod fmt;
mod roundtrip;
