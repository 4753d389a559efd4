//! `crql lsp` end to end: each test starts the real binary and speaks JSON-RPC to
//! it over stdio, as an editor does (see `client.rs`).

mod actions;
mod client;
mod completion;
mod diagnostics;
mod format;
mod fuzz;
mod navigation;
mod protocol;
