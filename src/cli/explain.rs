//! `crql explain CODE`: the documentation of any code the crate reports.

use crql::diagnostic::Code;

use super::{EXIT_OK, EXIT_USAGE};

/// Arguments of `crql explain`.
#[derive(clap::Args)]
pub struct Args {
    /// A code, such as W0402 or crql::E0305 (see `crql rules`).
    code: String,
}

/// Runs the subcommand; returns the exit status.
pub fn run(args: Args) -> i32 {
    match Code::parse(&args.code) {
        Some(c) => {
            print!("{}", c.info().explain());
            EXIT_OK
        }
        None => {
            eprintln!("crql explain: no code {:?} (see `crql rules`)", args.code);
            EXIT_USAGE
        }
    }
}
