//! The `crql` command-line tool, one file per subcommand.
//!
//! Exit status everywhere: 0 success, 1 diagnostics found (or `--check` found work),
//! 2 usage or I/O error. Data goes to stdout; diagnostics and progress to stderr.

use clap::{Parser, Subcommand};

mod auth_test;
mod check;
mod codegen;
mod explain;
mod fmt;
mod inputs;
mod lsp;
mod parse;
mod rules;
mod run;
mod schema;
mod serve;
mod url;

/// Exit status: success.
pub const EXIT_OK: i32 = 0;
/// Exit status: diagnostics were found, or `--check` found files to change.
pub const EXIT_FINDINGS: i32 = 1;
/// Exit status: usage or I/O error.
pub const EXIT_USAGE: i32 = 2;

/// Whether a failed write to stdout means its reader has gone (`crql ... | head`):
/// the output was not wanted any more, so the command ends quietly with status 0.
pub fn reader_gone(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::BrokenPipe
}

#[derive(Parser)]
#[command(
    name = "crql",
    version,
    about = "Parse, lint, format, build and run CRQL, the ClientTrack REST API query language"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse queries and print them canonically, or as the AST in JSON.
    Parse(parse::Args),
    /// Format files in place (or check that they are formatted).
    Fmt(fmt::Args),
    /// Lint queries against a schema.
    Check(check::Args),
    /// List the lint rules.
    Rules(rules::Args),
    /// Print the documentation of a lint rule.
    Explain(explain::Args),
    /// Generate typed Rust tables from a schema file.
    Codegen(codegen::Args),
    /// Run a query against CTAPI or the embedded sandbox.
    Run(run::Args),
    /// Print the exact request URL of a query.
    Url(url::Args),
    /// Work with schemas (pull a live table description).
    Schema(schema::Args),
    /// Check the configured credentials against `/auth/test`.
    AuthTest(auth_test::Args),
    /// Serve the CTAPI sandbox over HTTP.
    Serve(Box<serve::Args>),
    /// Run the language server (LSP over stdin and stdout) for editors.
    Lsp(lsp::Args),
}

/// Runs the CLI with the process arguments and returns the exit status.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
            let _ = e.print();
            return code;
        }
    };
    match cli.command {
        Command::Parse(a) => parse::run(a),
        Command::Fmt(a) => fmt::run(a),
        Command::Check(a) => check::run(a),
        Command::Rules(a) => rules::run(a),
        Command::Explain(a) => explain::run(a),
        Command::Codegen(a) => codegen::run(a),
        Command::Run(a) => run::run(a),
        Command::Url(a) => url::run(a),
        Command::Schema(a) => schema::run(a),
        Command::AuthTest(a) => auth_test::run(a),
        Command::Serve(a) => serve::run(*a),
        Command::Lsp(a) => lsp::run(a),
    }
}
