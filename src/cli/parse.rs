//! `crql parse`: canonical text of each statement, or the AST as JSON.

use std::io::Read;
use std::path::PathBuf;

use crql::ast::Statement;

use super::inputs::{Input, inputs};
use super::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE};

/// Arguments of `crql parse`.
#[derive(clap::Args)]
pub struct Args {
    /// Print the syntax tree as JSON instead of canonical text.
    #[arg(long)]
    json: bool,
    /// The file to read, or a directory whose *.crql files are read in name order;
    /// `-` or nothing reads standard input.
    file: Option<PathBuf>,
}

/// Reads one input; returns the text and the name to show in diagnostics.
fn read_input(input: &Input) -> std::io::Result<(String, String)> {
    match input {
        Input::File(p) => Ok((std::fs::read_to_string(p)?, p.display().to_string())),
        Input::Stdin => {
            let mut text = String::new();
            std::io::stdin().read_to_string(&mut text)?;
            Ok((text, "<stdin>".to_owned()))
        }
    }
}

/// Runs the subcommand; returns the exit status.
pub fn run(args: Args) -> i32 {
    let paths: Vec<PathBuf> = args.file.iter().cloned().collect();
    let selected = match inputs(&paths) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("crql parse: {e}");
            return EXIT_USAGE;
        }
    };
    selected
        .iter()
        .map(|input| parse_one(input, args.json))
        .max()
        .unwrap_or(EXIT_OK)
}

/// Parses and prints one input; returns its exit status.
fn parse_one(input: &Input, json: bool) -> i32 {
    let (text, name) = match read_input(input) {
        Ok(x) => x,
        Err(e) => {
            let shown = match input {
                Input::File(p) => p.display().to_string(),
                Input::Stdin => "<stdin>".to_owned(),
            };
            eprintln!("crql parse: cannot read {shown}: {e}");
            return EXIT_USAGE;
        }
    };
    let script = match crql::parse_script(&text) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{:?}", miette::Report::new(e.with_source_name(&name)));
            return EXIT_FINDINGS;
        }
    };
    if json {
        match serde_json::to_string_pretty(&script) {
            Ok(json) => println!("{json}"),
            Err(e) => {
                eprintln!("crql parse: cannot write JSON: {e}");
                return EXIT_USAGE;
            }
        }
    }
    let mut status = EXIT_OK;
    for st in &script.statements {
        match st {
            Statement::Query(q) => {
                if !json {
                    println!("{q}");
                }
            }
            Statement::Unsupported { verb, .. } => {
                let e = crql::parser::unsupported_error(&text, verb).with_source_name(&name);
                eprintln!("{:?}", miette::Report::new(e));
                status = EXIT_FINDINGS;
            }
        }
    }
    status
}
