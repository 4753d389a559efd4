//! The parser: queries, expressions and scripts read and printed back canonically,
//! syntax errors as the CLI renders them, size and depth limits, the tree as JSON,
//! the normative grammar, agreement with sqlparser-rs, and the bench corpus.
//! Also the fuzzers' regressions: every fuzz input enters through the parser.

#[path = "../support/mod.rs"]
mod support;

mod corpus;
mod corpus_round_trip;
mod differential;
mod errors;
mod expressions;
mod fuzz_regressions;
mod grammar;
mod json;
mod lex;
mod limits;
mod no_panic;
mod queries;
mod readme;
mod reference;
mod visit;
