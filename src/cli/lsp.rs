//! `crql lsp`: the language server, on stdin and stdout (what editors start).
//!
//! Settings come from each document's crql.toml and from the editor
//! (`initializationOptions`, `workspace/didChangeConfiguration`); see `crql::lsp`.

use crql::lsp::{Options, serve_stdio};

/// Arguments of `crql lsp`.
#[derive(clap::Args)]
pub struct Args {
    /// Accepted for editors that pass it (stdio is the only transport).
    #[arg(long)]
    stdio: bool,
    /// The largest JSON-RPC message read, in bytes; a larger one is skipped and
    /// answered with an error.
    #[arg(long, value_name = "BYTES", default_value_t = Options::default().max_message_bytes)]
    max_message_bytes: usize,
    /// The largest document checked, in bytes; a larger one gets one diagnostic
    /// saying so.
    #[arg(long, value_name = "BYTES", default_value_t = Options::default().max_document_bytes)]
    max_document_bytes: usize,
    /// The most documents kept open at once; one opened past it gets a diagnostic
    /// saying so and is not checked.
    #[arg(long, value_name = "N", default_value_t = Options::default().max_documents)]
    max_documents: usize,
    /// Answer `crql/testPanic` with a panic (for the tests that show one is caught).
    #[arg(long, hide = true)]
    test_panic: bool,
}

/// Runs the subcommand; returns the exit status (0 after `shutdown` then `exit`).
pub fn run(args: Args) -> i32 {
    let _ = args.stdio;
    serve_stdio(Options {
        max_message_bytes: args.max_message_bytes,
        max_document_bytes: args.max_document_bytes,
        max_documents: args.max_documents,
        test_panic: args.test_panic,
    })
}
