//! `crql schema pull TABLE... --out FILE`: fetch live table descriptions
//! (`GET cto/{table}/description`) into one schema JSON file, the format `crql check
//! --schema` and `ClientBuilder::schema` read.
//!
//! Exit status: 0 written, 2 usage, I/O or API failure (nothing is written then).

use std::io::Write;
use std::path::PathBuf;

use crql::schema::Schema;

use super::{EXIT_OK, EXIT_USAGE};

/// Arguments of `crql schema`.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Subcommand)]
enum Command {
    /// Pull live table descriptions into a schema file.
    Pull {
        /// Tables to describe (`cmClient Enrollment ...`).
        #[arg(required = true)]
        tables: Vec<String>,
        /// Where to write the schema JSON (`-` for stdout).
        #[arg(long, short)]
        out: PathBuf,
        #[command(flatten)]
        conn: super::run::Connection,
    },
}

/// Runs the subcommand; returns the exit status.
pub fn run(args: Args) -> i32 {
    let Command::Pull { tables, out, conn } = args.command;
    let client = match super::run::client(&conn, None) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("crql schema pull: {e}");
            return EXIT_USAGE;
        }
    };
    let mut schema = Schema::new();
    for t in &tables {
        match client.describe(t) {
            Ok(table) => {
                eprintln!("{t}: {} columns", table.columns().len());
                schema.add_table(table);
            }
            Err(e) => {
                eprint!("{}", crql::diagnostic::render(&e, 100));
                eprintln!("crql schema pull: {t}: nothing written");
                return EXIT_USAGE;
            }
        }
    }
    let mut json = match serde_json::to_string_pretty(&schema) {
        Ok(j) => j,
        Err(e) => {
            eprintln!("crql schema pull: {e}");
            return EXIT_USAGE;
        }
    };
    json.push('\n');
    let written = if out.as_os_str() == "-" {
        std::io::stdout().write_all(json.as_bytes())
    } else {
        write_atomically(&out, json.as_bytes())
    };
    match written {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("crql schema pull: {}: {e}", out.display());
            EXIT_USAGE
        }
    }
}

/// Writes next to `path` and renames, so a failed pull never leaves half a file.
fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}
