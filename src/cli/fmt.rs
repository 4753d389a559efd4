//! `crql fmt [--check] [--width N] [--lowercase] [FILE...|-]`: formats CRQL scripts,
//! keeping every comment.
//!
//! Files are rewritten in place (only when their text changes); `-`, or no file,
//! reads stdin and writes the result to stdout. With `--check` nothing is written:
//! the files that would change are listed on stdout and the status is 1. A file with
//! a syntax error is reported on stderr with its name and left untouched (status 1);
//! an unreadable or unwritable file is status 2.
//!
//! Width and keyword case come from the flags, else from the `[format]` table of
//! the `crql.toml` found upward from each file (stdin: the working directory).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crql::config::Config;
use crql::print::{FormatOptions, KeywordCase, format_script};

use super::inputs::{Input, inputs};
use super::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE};

/// Arguments of `crql fmt`.
#[derive(clap::Args)]
pub struct Args {
    /// Write nothing; list the files that would change and exit 1 if there are any.
    #[arg(long)]
    check: bool,
    /// Line width to keep within (default: crql.toml's `[format] width`, else 80).
    #[arg(long, value_name = "N")]
    width: Option<usize>,
    /// Print keywords in lower case (names and literals are never re-cased).
    #[arg(long, conflicts_with = "keyword_case")]
    lowercase: bool,
    /// Keyword case (default: crql.toml's `[format] keyword-case`, else upper).
    #[arg(long, value_enum, value_name = "CASE")]
    keyword_case: Option<Case>,
    /// Read no crql.toml: flags and defaults only.
    #[arg(long)]
    isolated: bool,
    /// Files, or directories walked for *.crql, to format in place; `-` (or none)
    /// formats stdin to stdout.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
}

/// `--keyword-case`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum Case {
    /// SELECT TOP 5.
    Upper,
    /// select top 5.
    Lower,
}

/// The options for `input`: flags over the `[format]` of its crql.toml.
fn options_for(args: &Args, input: Option<&Path>) -> Result<FormatOptions, String> {
    let config = if args.isolated {
        Config::default()
    } else {
        Config::discover(input.unwrap_or(Path::new("."))).map_err(|e| e.to_string())?
    };
    let mut opts = config.format_options();
    if let Some(w) = args.width {
        opts.width = w;
    }
    if args.lowercase {
        opts.keyword_case = KeywordCase::Lower;
    }
    match args.keyword_case {
        Some(Case::Upper) => opts.keyword_case = KeywordCase::Upper,
        Some(Case::Lower) => opts.keyword_case = KeywordCase::Lower,
        None => {}
    }
    Ok(opts)
}

/// What became of one input.
enum Outcome {
    Unchanged,
    Changed,
    /// A syntax error (reported).
    Invalid,
    /// An I/O error (reported).
    Failed,
}

/// Runs the subcommand; returns the exit status.
pub fn run(args: Args) -> i32 {
    let selected = match inputs(&args.files) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("crql fmt: {e}");
            return EXIT_USAGE;
        }
    };
    let mut status = EXIT_OK;
    for input in &selected {
        let input = match input {
            Input::Stdin => None,
            Input::File(p) => Some(p.as_path()),
        };
        let opts = match options_for(&args, input) {
            Ok(o) => o,
            Err(e) => {
                eprintln!("crql fmt: {e}");
                status = status.max(EXIT_USAGE);
                continue;
            }
        };
        let outcome = match input {
            None => format_stdin(&opts, args.check),
            Some(path) => format_file(path, &opts, args.check),
        };
        let code = match outcome {
            Outcome::Unchanged => EXIT_OK,
            Outcome::Changed if args.check => EXIT_FINDINGS,
            Outcome::Changed => EXIT_OK,
            Outcome::Invalid => EXIT_FINDINGS,
            Outcome::Failed => EXIT_USAGE,
        };
        status = status.max(code);
    }
    status
}

/// Formats `text`, or reports its syntax error under `name`.
fn format_text(name: &str, text: &str, opts: &FormatOptions) -> Option<String> {
    match crql::parse_script(text) {
        Ok(script) => {
            let formatted = format_script(text, &script, opts);
            // Keep a byte-order mark: the editor that saved it expects it back.
            Some(match text.strip_prefix('\u{FEFF}') {
                Some(_) => format!("\u{FEFF}{formatted}"),
                None => formatted,
            })
        }
        Err(e) => {
            let report = miette::Report::new(e.diagnostic().clone().with_source(name, text));
            eprintln!("{report:?}");
            None
        }
    }
}

fn format_stdin(opts: &FormatOptions, check: bool) -> Outcome {
    let mut text = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut text) {
        eprintln!("crql fmt: cannot read stdin: {e}");
        return Outcome::Failed;
    }
    let Some(formatted) = format_text("<stdin>", &text, opts) else {
        return Outcome::Invalid;
    };
    let changed = formatted != text;
    if check {
        if changed {
            println!("<stdin>");
            return Outcome::Changed;
        }
        return Outcome::Unchanged;
    }
    let mut out = std::io::stdout().lock();
    if let Err(e) = out
        .write_all(formatted.as_bytes())
        .and_then(|()| out.flush())
    {
        if super::reader_gone(&e) {
            return Outcome::Unchanged;
        }
        eprintln!("crql fmt: cannot write stdout: {e}");
        return Outcome::Failed;
    }
    if changed {
        Outcome::Changed
    } else {
        Outcome::Unchanged
    }
}

fn format_file(path: &Path, opts: &FormatOptions, check: bool) -> Outcome {
    let name = path.display().to_string();
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("crql fmt: cannot read {name}: {e}");
            return Outcome::Failed;
        }
    };
    let Some(formatted) = format_text(&name, &text, opts) else {
        return Outcome::Invalid;
    };
    if formatted == text {
        return Outcome::Unchanged;
    }
    if check {
        println!("{name}");
        return Outcome::Changed;
    }
    // Write a sibling file and rename it over the original, so that an interrupted
    // run never leaves a half-written query file.
    let tmp = path.with_file_name(format!(
        ".{}.crql-fmt.tmp",
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    ));
    let written = std::fs::write(&tmp, &formatted).and_then(|()| {
        if let Ok(meta) = std::fs::metadata(path) {
            std::fs::set_permissions(&tmp, meta.permissions())?;
        }
        std::fs::rename(&tmp, path)
    });
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        eprintln!("crql fmt: cannot write {name}: {e}");
        return Outcome::Failed;
    }
    Outcome::Changed
}
