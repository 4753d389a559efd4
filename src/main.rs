//! The `crql` command-line tool: see `crql --help`.

fn main() {
    std::process::exit(crql::cli::main());
}
