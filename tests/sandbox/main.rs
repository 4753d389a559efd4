//! The sandbox (CTAPI emulator): the AST → SQLite translation and its proof against an
//! independent evaluator, access control and `/crql` over HTTP, the in-process
//! transport, and every generated valid query; the load test is ignored by default
//! and run by `.ci/run` in its own step.

#[path = "../support/mod.rs"]
mod support;

mod access;
mod crql_http;
mod differential;
mod in_process;
mod load;
mod translate;
mod valid_queries;
