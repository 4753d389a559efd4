//! The `crql` command-line tool.

fn main() {
    std::process::exit(crql_cli::main());
}

mod crql_cli {
    pub fn main() -> i32 {
        eprintln!("crql: not implemented yet");
        2
    }
}
