//! The `crql` command-line tool: see `crql --help`.
//!
//! The CLI lives in the binary, not the library: it is a thin layer over crql's
//! public API (every `crql::` path in `cli/` is one a library user can write too).

mod cli;

fn main() {
    std::process::exit(cli::main());
}
