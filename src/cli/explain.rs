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
            if let Some(f) = crql::lint::fix::fixable(c) {
                println!("\n{}", fix_line(f));
            }
            EXIT_OK
        }
        None => {
            eprintln!("crql explain: no code {:?} (see `crql rules`)", args.code);
            EXIT_USAGE
        }
    }
}

/// What `crql explain` says of a code's fix, in ruff's words.
pub(crate) fn fix_line(f: crql::lint::fix::Fixable) -> String {
    use crql::diagnostic::Applicability;
    let how = match f.applicability {
        Applicability::Safe => {
            "safe: it keeps what the query means, and `crql check --fix` applies it"
        }
        Applicability::Unsafe => {
            "unsafe: it changes what the query means (most likely to what was meant), so `crql check --fix` applies it only with `--unsafe-fixes`"
        }
    };
    format!("Fix: {} available; the fix is {how}.", f.availability)
}
