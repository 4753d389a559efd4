//! The `crql` binary run as a process: `check`, `rules`, `explain`, `parse`, `run`,
//! `url`, `auth-test`, `schema pull` and `serve`.

#[path = "../support/mod.rs"]
mod support;

mod bom;
mod check;
mod exec;
mod parse;
mod pipe;
mod project;
mod serve;
mod walk;
