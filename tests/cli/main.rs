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

/// The built binary with `args`, its three streams piped and colours off: how the
/// tests here that write its stdin start it.
fn spawn(args: &[&str]) -> std::process::Child {
    use std::process::{Command, Stdio};
    Command::new(env!("CARGO_BIN_EXE_crql"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the crql binary runs")
}
