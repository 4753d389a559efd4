//! `crql auth-test`: check the configured credentials against `GET /auth/test`.
//!
//! Prints the environment name on stdout (the server's whole message on stderr).
//! Exit status: 0 accepted, 1 rejected (a 401), 2 configuration or connection error.

use crql::exec::Error;

use super::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE};

/// Arguments of `crql auth-test`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    conn: super::run::Connection,
}

/// Runs the subcommand; returns the exit status.
pub fn run(args: Args) -> i32 {
    let client = match super::run::client(&args.conn, None) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("crql auth-test: {e}");
            return EXIT_USAGE;
        }
    };
    match client.auth_test() {
        Ok(info) => {
            // The server's words, for a terminal: control characters escaped.
            let shown = crql::exec::shown::escape_controls;
            eprintln!("{}", shown(&info.message));
            println!(
                "{}",
                shown(
                    info.environment
                        .as_deref()
                        .unwrap_or("(unnamed environment)")
                )
            );
            EXIT_OK
        }
        Err(e) => {
            eprint!("{}", crql::diagnostic::render(&e, 100));
            match e.root() {
                Error::SubscriptionKey { .. }
                | Error::ApiKey { .. }
                | Error::Unauthorized { .. }
                | Error::ProcedureUnavailable { .. } => EXIT_FINDINGS,
                _ => EXIT_USAGE,
            }
        }
    }
}
