//! `crql rules`: the lint rules, one per line.

use crate::lint::RULES;

use super::EXIT_OK;

/// Arguments of `crql rules`.
#[derive(clap::Args)]
pub struct Args {}

/// Runs the subcommand; returns the exit status.
pub fn run(_args: Args) -> i32 {
    println!("{:<6}  {:<8}  {:<22}  summary", "code", "severity", "name");
    for r in RULES {
        let i = r.info();
        println!(
            "{:<6}  {:<8}  {:<22}  {}",
            i.code,
            i.severity.to_string(),
            i.name,
            i.summary
        );
    }
    EXIT_OK
}
