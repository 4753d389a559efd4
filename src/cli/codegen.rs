//! `crql codegen`.

/// Arguments of `crql codegen`.
#[derive(clap::Args)]
pub struct Args {}

/// Runs the subcommand; returns the exit status.
pub fn run(_args: Args) -> i32 {
    super::not_implemented("codegen")
}
