//! `crql explain CODE`: a lint rule's documentation.

use super::{EXIT_OK, EXIT_USAGE};

/// Arguments of `crql explain`.
#[derive(clap::Args)]
pub struct Args {
    /// A rule code, such as W0402 (see `crql rules`).
    code: String,
}

/// Runs the subcommand; returns the exit status.
pub fn run(args: Args) -> i32 {
    match crate::lint::rule(args.code.trim_start_matches("crql::")) {
        Some(r) => {
            print!("{}", r.info().explain());
            EXIT_OK
        }
        None => {
            eprintln!(
                "crql explain: no rule has the code {:?} (see `crql rules`)",
                args.code
            );
            EXIT_USAGE
        }
    }
}
