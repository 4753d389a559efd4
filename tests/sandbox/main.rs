//! The sandbox (CTAPI emulator): the AST → SQLite translation and its proof against an
//! independent evaluator, access control and `/crql` over HTTP, the in-process
//! transport, every generated valid query, and the agreement of linter, splitter,
//! executor and sandbox on CTAPI's limits and date forms; the load test is ignored by default
//! and run by `.ci/run` in its own step.

#[path = "../support/mod.rs"]
mod support;

mod access;
mod attacks;
mod crql_http;
mod ctapi_agreement;
mod differential;
mod fidelity;
mod in_process;
mod load;
mod translate;
mod valid_queries;
