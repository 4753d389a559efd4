//! `crql codegen`: typed tables for the typed builder, from a schema.

use std::path::PathBuf;

use crql::build::codegen::{render, table_defs};
use crql::schema::Schema;

/// Arguments of `crql codegen`.
#[derive(clap::Args)]
pub struct Args {
    /// A schema JSON file, a saved `cto/{table}/description` answer or a directory of
    /// them; repeat to merge several. Without it, the built-in ClientTrack schema.
    #[arg(long = "schema", value_name = "FILE")]
    schemas: Vec<PathBuf>,
    /// Write the Rust module to this file instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    out: Option<PathBuf>,
    /// How the generated code names the `table!` macro.
    #[arg(long, value_name = "PATH", default_value = "crql::table")]
    macro_path: String,
}

/// Runs the subcommand; returns the exit status.
pub fn run(args: Args) -> i32 {
    let schema = if args.schemas.is_empty() {
        Schema::builtin().clone()
    } else {
        let mut schema = Schema::new();
        for path in &args.schemas {
            if let Err(e) = schema.load_path(path) {
                eprintln!("crql codegen: {e}");
                return super::EXIT_USAGE;
            }
        }
        schema
    };
    let source = render(
        &table_defs(&schema),
        &args.macro_path,
        "Typed tables for the crql builder.",
    );
    match &args.out {
        None => {
            print!("{source}");
            super::EXIT_OK
        }
        Some(path) => match std::fs::write(path, source) {
            Ok(()) => super::EXIT_OK,
            Err(e) => {
                eprintln!("crql codegen: {}: {e}", path.display());
                super::EXIT_USAGE
            }
        },
    }
}
