//! `crql auth-test`.

/// Arguments of `crql auth-test`.
#[derive(clap::Args)]
pub struct Args {}

/// Runs the subcommand; returns the exit status.
pub fn run(_args: Args) -> i32 {
    super::not_implemented("auth-test")
}
