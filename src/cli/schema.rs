//! `crql schema pull [TABLE...] [--out FILE]`: fetch live table descriptions
//! (`GET cto/{table}/description`).
//!
//! With `--out`, into one schema JSON file (the format `crql check --schema` and
//! `ClientBuilder::schema` read); without, into the project's schema cache
//! (`.crql/schema/`, one file per table, beside crql.toml or in the working
//! directory), which `check`, `run` and `url` read without flags. With no table
//! named, every table the project's queries (`*.crql` under the project root)
//! read is pulled. Pulled tables are complete: a column they lack is an error.
//!
//! Exit status: 0 written, 2 usage, I/O or API failure (with `--out`, nothing is
//! written then; into the cache, the tables pulled before the failure are kept).

use std::io::Write;
use std::path::{Path, PathBuf};

use crql::schema::Schema;
use crql::schema::cache::{save_table, tables_in_script};

use super::{EXIT_OK, EXIT_USAGE};

/// Arguments of `crql schema`.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Subcommand)]
enum Command {
    /// Pull live table descriptions into the project's schema cache or a file.
    Pull {
        /// Tables to describe (`cmClient Enrollment ...`); none: every table the
        /// project's *.crql files read.
        tables: Vec<String>,
        /// Write one schema JSON file here (`-` for stdout) instead of the cache.
        #[arg(long, short)]
        out: Option<PathBuf>,
        #[command(flatten)]
        conn: super::run::Connection,
    },
}

/// Every `*.crql` file under `dir`, skipping hidden directories and `target`.
fn query_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if p.is_dir() {
            if !name.starts_with('.') && name != "target" {
                query_files(&p, out);
            }
        } else if p.extension().is_some_and(|e| e == "crql") {
            out.push(p);
        }
    }
}

/// The tables the project's queries read, each once, in file order.
fn project_tables(root: &Path) -> Vec<String> {
    let mut files = Vec::new();
    query_files(root, &mut files);
    let mut tables: Vec<String> = Vec::new();
    for f in files {
        let Ok(text) = std::fs::read_to_string(&f) else {
            eprintln!(
                "crql schema pull: warning: {}: unreadable, skipped",
                f.display()
            );
            continue;
        };
        match crql::parse_script(&text) {
            Ok(script) => {
                for t in tables_in_script(&script) {
                    if !tables.iter().any(|k| k.eq_ignore_ascii_case(&t)) {
                        tables.push(t);
                    }
                }
            }
            Err(_) => eprintln!(
                "crql schema pull: warning: {}: does not parse, skipped",
                f.display()
            ),
        }
    }
    tables
}

/// Runs the subcommand; returns the exit status.
pub fn run(args: Args) -> i32 {
    let Command::Pull { tables, out, conn } = args.command;
    let config = match super::run::project(None) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("crql schema pull: {e}");
            return EXIT_USAGE;
        }
    };
    let tables = if tables.is_empty() {
        let found = project_tables(&config.root);
        if found.is_empty() {
            eprintln!(
                "crql schema pull: no table named, and no *.crql file under {} reads one",
                config.root.display()
            );
            return EXIT_USAGE;
        }
        found
    } else {
        tables
    };
    let client = match super::run::builder(&conn, None, &config)
        .and_then(|(b, _)| b.build().map_err(|e| e.to_string()))
    {
        Ok(c) => c,
        Err(e) => {
            eprintln!("crql schema pull: {e}");
            return EXIT_USAGE;
        }
    };
    let cache = config.cache_dir();
    let mut schema = Schema::new();
    for t in &tables {
        match client.describe(t) {
            Ok(table) => {
                let n = table.columns().len();
                if out.is_some() {
                    eprintln!("{t}: {n} columns");
                    schema.add_table(table);
                } else {
                    match save_table(&cache, &table) {
                        Ok(path) => eprintln!("{t}: {n} columns -> {}", path.display()),
                        Err(e) => {
                            eprintln!("crql schema pull: {}: {e}", cache.display());
                            return EXIT_USAGE;
                        }
                    }
                }
            }
            Err(e) => {
                eprint!("{}", crql::diagnostic::render(&e, 100));
                eprintln!("crql schema pull: {t}: not pulled");
                return EXIT_USAGE;
            }
        }
    }
    let Some(out) = out else {
        return EXIT_OK;
    };
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
        Err(e) if out.as_os_str() == "-" && super::reader_gone(&e) => EXIT_OK,
        Err(e) => {
            eprintln!("crql schema pull: {}: {e}", out.display());
            EXIT_USAGE
        }
    }
}

/// Writes next to `path` and renames, so a failed pull never leaves half a file.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}
