//! The linter: every rule on real text with rendered snapshots, fixes and `allow`
//! comments, and its properties over generated trees.

#[path = "../support/mod.rs"]
mod support;

mod props;
mod rules;
mod tsql;
