//! `crql check`: lint files (or stdin) against the built-in schema plus any given.
//!
//! Each file is checked under the `crql.toml` found upward from it (stdin: from the
//! working directory), with that project's schema cache; flags override the file.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use crql::config::Config;
use crql::diagnostic::{Diagnostic, Severity, render};
use crql::lint::report::{FileFindings, JsonFinding, line_col, sarif};
use crql::lint::{Linter, code_matches, fix};
use crql::schema::Schema;

use super::inputs::{Input, inputs};

mod diff;
use super::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE};

/// Output format. Every format writes the findings to stdout, as ruff does (but
/// see `--fix` on stdin).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// miette's graphical report, then a summary.
    Human,
    /// One line per finding, `file:line:col: CODE message` (`[*]` before the
    /// message when `--fix` fixes it), then a summary.
    Concise,
    /// A JSON array of {file, code, severity, message, line, column, offset, length, help}, on stdout.
    Json,
    /// SARIF 2.1.0, on stdout.
    Sarif,
}

impl Format {
    /// The formats for people, which a fixed stdin text can precede on stdout.
    fn is_text(self) -> bool {
        matches!(self, Format::Human | Format::Concise)
    }
}

/// Arguments of `crql check`.
#[derive(clap::Args)]
pub struct Args {
    /// A schema source merged over the built-in ClientTrack schema (and crql.toml's
    /// `[lint] schema`): a schema JSON file, a saved `cto/{table}/description` answer
    /// named after its table, or a directory of them. Repeatable.
    #[arg(long, value_name = "FILE|DIR")]
    schema: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Exit with status 1 on warnings too.
    #[arg(long)]
    deny_warnings: bool,
    /// Run only these rules (comma-separated codes or prefixes: E0101,W04);
    /// replaces crql.toml's `[lint] select`.
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    select: Vec<String>,
    /// Skip these rules (comma-separated codes or prefixes); replaces crql.toml's
    /// `[lint] ignore` (its per-file-ignores still apply).
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    ignore: Vec<String>,
    /// Read no crql.toml and no schema cache: flags and defaults only.
    #[arg(long)]
    isolated: bool,
    /// Apply safe fixes to the files (for stdin, print the fixed text on stdout and
    /// the findings on stderr). Unsafe fixes, which change what a query means, need
    /// `--unsafe-fixes` too.
    #[arg(long)]
    fix: bool,
    /// Let `--fix` and `--diff` apply unsafe fixes too (`= NULL` -> `IS NULL`, alias
    /// rewrites): fixes that change what the query means, to be read before use.
    #[arg(long)]
    unsafe_fixes: bool,
    /// Print the fixes `--fix` would make as a unified diff on stdout, write
    /// nothing; exit 1 when there is something to fix.
    #[arg(long)]
    diff: bool,
    /// Files, or directories walked for *.crql; `-` (or nothing) reads stdin.
    #[arg(value_name = "FILE")]
    paths: Vec<PathBuf>,
}

fn check_selectors(flag: &str, selectors: &[String]) -> Result<(), String> {
    for s in selectors {
        if !crql::lint::codes().any(|c| code_matches(c.as_str(), std::slice::from_ref(s))) {
            return Err(format!(
                "--{flag} {s}: crql check reports no such code (see `crql rules`)"
            ));
        }
    }
    Ok(())
}

struct Checked {
    name: String,
    text: String,
    diagnostics: Vec<Diagnostic>,
}

/// Runs the subcommand; returns the exit status.
pub fn run(args: Args) -> i32 {
    match run_inner(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("crql check: {message}");
            EXIT_USAGE
        }
    }
}

/// The project configurations met so far, each with its schema (loaded once).
struct Projects<'a> {
    args: &'a Args,
    loaded: Vec<(Config, Schema)>,
}

impl Projects<'_> {
    /// The configuration governing `file` (stdin: the working directory) and the
    /// index of its schema.
    fn for_input(&mut self, file: Option<&Path>) -> Result<usize, String> {
        let config = if self.args.isolated {
            None
        } else {
            let start = file.unwrap_or(Path::new("."));
            Some(Config::discover(start).map_err(|e| e.to_string())?)
        };
        let key = config.as_ref().map(|c| (c.file.clone(), c.root.clone()));
        if let Some(i) = self
            .loaded
            .iter()
            .position(|(c, _)| Some((c.file.clone(), c.root.clone())) == key)
        {
            return Ok(i);
        }
        let schema = match &config {
            Some(c) => c.schema_with(&self.args.schema),
            None => {
                let mut s = Schema::builtin().clone();
                self.args
                    .schema
                    .iter()
                    .try_for_each(|p| s.load_path(p))
                    .map(|()| s)
            }
        }
        .map_err(|e| e.to_string())?;
        self.loaded.push((config.unwrap_or_default(), schema));
        Ok(self.loaded.len() - 1)
    }

    /// The linter for `file` under project `i`: flags over crql.toml.
    fn linter(&self, i: usize, file: Option<&Path>) -> Linter<'_> {
        let (config, schema) = &self.loaded[i];
        let mut config = config.clone();
        if !self.args.select.is_empty() {
            config.lint.select = self.args.select.clone();
        }
        if !self.args.ignore.is_empty() {
            config.lint.ignore = self.args.ignore.clone();
        }
        config.linter(schema, file)
    }
}

fn run_inner(args: &Args) -> Result<i32, String> {
    // `crql check` typed alone would wait for a query on the terminal, which looks
    // like a hang to someone trying the tool: show how to call it instead. An
    // explicit `-` still reads the terminal.
    if args.paths.is_empty() && std::io::stdin().is_terminal() {
        use clap::CommandFactory;
        let mut cli = super::Cli::command();
        // Built, the subcommand's usage names its parent: `crql check`.
        cli.build();
        let usage = cli
            .find_subcommand_mut("check")
            .map(|c| c.render_usage().to_string())
            .unwrap_or_default();
        eprintln!(
            "crql check: no input given\n\n{usage}\n\nName files or directories, or pipe a query in (`-` reads the terminal); see `crql check --help`."
        );
        return Ok(EXIT_USAGE);
    }
    check_selectors("select", &args.select)?;
    check_selectors("ignore", &args.ignore)?;
    let mut projects = Projects {
        args,
        loaded: Vec::new(),
    };

    let mut checked = Vec::new();
    let mut io_failed = false;
    // Lines about what `--fix` did, shown with the summary.
    let mut notes: Vec<String> = Vec::new();
    let mut stdout_has_text = false;
    let (mut diffs, mut would_fix, mut hidden_unsafe) = (String::new(), 0, 0);
    for input in inputs(&args.paths)? {
        let file = match &input {
            Input::Stdin => None,
            Input::File(p) => Some(p.as_path()),
        };
        let project = projects.for_input(file)?;
        let linter = projects.linter(project, file);
        let (name, text) = match &input {
            Input::Stdin => {
                let mut text = String::new();
                std::io::stdin()
                    .read_to_string(&mut text)
                    .map_err(|e| format!("stdin: {e}"))?;
                ("<stdin>".to_string(), text)
            }
            Input::File(p) => match std::fs::read_to_string(p) {
                Ok(t) => (p.display().to_string(), t),
                Err(e) => {
                    eprintln!("crql check: {}: {e}", p.display());
                    io_failed = true;
                    continue;
                }
            },
        };
        let mut diagnostics = linter.lint_text(&text);
        let mut text = text;
        if args.fix || args.diff {
            let (fixed, applied) = if args.unsafe_fixes {
                fix::apply(&text, &diagnostics)
            } else {
                fix::apply_safe(&text, &diagnostics)
            };
            if args.diff {
                // Nothing is written: the diff is the report.
                diffs.push_str(&diff::unified(&name, &text, &fixed));
                would_fix += applied;
                hidden_unsafe += hidden(&diagnostics, args.unsafe_fixes);
                continue;
            }
            if applied > 0 {
                match &input {
                    Input::File(p) => {
                        if let Err(e) = std::fs::write(p, &fixed) {
                            eprintln!("crql check: {}: {e}", p.display());
                            io_failed = true;
                        }
                    }
                    Input::Stdin => {}
                }
                notes.push(format!("{name}: fixed {applied} finding(s)"));
                text = fixed;
                diagnostics = linter.lint_text(&text);
            }
            if matches!(input, Input::Stdin) && args.format.is_text() {
                print!("{text}");
                stdout_has_text = true;
            }
        }
        hidden_unsafe += hidden(&diagnostics, args.unsafe_fixes);
        checked.push(Checked {
            name,
            text,
            diagnostics,
        });
    }

    if args.diff {
        let mut out = std::io::stdout().lock();
        match out.write_all(diffs.as_bytes()).and_then(|()| out.flush()) {
            Err(e) if super::reader_gone(&e) => {}
            Err(e) => {
                eprintln!("crql check: cannot write stdout: {e}");
                return Ok(EXIT_USAGE);
            }
            Ok(()) => {}
        }
        eprintln!("would fix {would_fix} finding(s)");
        if hidden_unsafe > 0 {
            eprintln!("{}", hidden_note(hidden_unsafe));
        }
        // As `ruff check --diff`: the status says whether there is anything to fix.
        return Ok(if io_failed {
            EXIT_USAGE
        } else if would_fix > 0 {
            EXIT_FINDINGS
        } else {
            EXIT_OK
        });
    }

    let (mut errors, mut warnings, mut fixable) = (0, 0, 0);
    for c in &checked {
        for d in &c.diagnostics {
            match d.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
            }
            if applicable(d, args.unsafe_fixes) {
                fixable += 1;
            }
        }
    }
    // Findings go to stdout in every format, as ruff's; when stdout carries the
    // fixed text of stdin, the report goes to stderr instead (ruff does the same).
    let to_stderr = stdout_has_text;
    let written = match args.format {
        Format::Human | Format::Concise => {
            let mut report = String::new();
            let colour = args.format == Format::Human
                && std::env::var_os("NO_COLOR").is_none()
                && if to_stderr {
                    std::io::stderr().is_terminal()
                } else {
                    std::io::stdout().is_terminal()
                };
            let width = std::env::var("COLUMNS")
                .ok()
                .and_then(|c| c.parse().ok())
                .unwrap_or(100);
            for c in &checked {
                for d in &c.diagnostics {
                    if args.format == Format::Concise {
                        report.push_str(&concise(c, d, args.unsafe_fixes));
                        continue;
                    }
                    let with = d.clone().with_source(&c.name, c.text.clone());
                    if colour {
                        let _ = miette::GraphicalReportHandler::new()
                            .with_width(width)
                            .render_report(&mut report, &with);
                    } else {
                        report.push_str(&render(&with, width));
                    }
                    report.push('\n');
                }
            }
            for n in &notes {
                report.push_str(n);
                report.push('\n');
            }
            let files = checked.len();
            report.push_str(&format!(
                "{errors} error(s), {warnings} warning(s) in {files} file(s)\n"
            ));
            if fixable > 0 && !args.fix {
                let how = if args.unsafe_fixes {
                    "`--fix --unsafe-fixes`"
                } else {
                    "`--fix`"
                };
                report.push_str(&format!("[*] {fixable} fixable with {how}\n"));
            }
            if hidden_unsafe > 0 {
                report.push_str(&hidden_note(hidden_unsafe));
                report.push('\n');
            }
            if to_stderr {
                let mut err = std::io::stderr().lock();
                let _ = err.write_all(report.as_bytes());
                Ok(())
            } else {
                let mut out = std::io::stdout().lock();
                out.write_all(report.as_bytes()).and_then(|()| out.flush())
            }
        }
        Format::Json => {
            notes.iter().for_each(|n| eprintln!("{n}"));
            let records: Vec<JsonFinding> = checked
                .iter()
                .flat_map(|c| {
                    c.diagnostics
                        .iter()
                        .map(|d| JsonFinding::new(&c.name, &c.text, d))
                })
                .collect();
            let mut out = std::io::stdout().lock();
            serde_json::to_writer_pretty(&mut out, &records)
                .map_err(std::io::Error::from)
                .and_then(|()| writeln!(out))
        }
        Format::Sarif => {
            notes.iter().for_each(|n| eprintln!("{n}"));
            let files: Vec<FileFindings<'_>> = checked
                .iter()
                .map(|c| FileFindings {
                    file: &c.name,
                    source: &c.text,
                    diagnostics: &c.diagnostics,
                })
                .collect();
            let mut out = std::io::stdout().lock();
            serde_json::to_writer_pretty(&mut out, &sarif(&files))
                .map_err(std::io::Error::from)
                .and_then(|()| writeln!(out))
        }
    };
    match written {
        // The reader has gone, but the status still tells whether there were findings.
        Err(e) if super::reader_gone(&e) => {}
        Err(e) => {
            eprintln!("crql check: cannot write stdout: {e}");
            return Ok(EXIT_USAGE);
        }
        Ok(()) => {}
    }
    Ok(if io_failed {
        EXIT_USAGE
    } else if errors > 0 || (args.deny_warnings && warnings > 0) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}

/// True when `d` has a fix that this run applies (or would, with `--fix`).
fn applicable(d: &Diagnostic, unsafe_fixes: bool) -> bool {
    d.fix.as_ref().is_some_and(|f| unsafe_fixes || f.is_safe())
}

/// How many findings of `ds` have an unsafe fix that this run leaves out.
fn hidden(ds: &[Diagnostic], unsafe_fixes: bool) -> usize {
    if unsafe_fixes {
        return 0;
    }
    ds.iter()
        .filter(|d| d.fix.as_ref().is_some_and(|f| !f.is_safe()))
        .count()
}

fn hidden_note(n: usize) -> String {
    format!(
        "{n} unsafe fix(es) available but not applied: they change what the query means; `--unsafe-fixes` applies them"
    )
}

/// A finding as `--format concise` prints it: `file:line:col: CODE message`, with
/// `[*]` before the message when this run's `--fix` would fix it (as ruff marks it).
fn concise(c: &Checked, d: &Diagnostic, unsafe_fixes: bool) -> String {
    let (line, col) = line_col(&c.text, d.span.start);
    let mark = if applicable(d, unsafe_fixes) {
        "[*] "
    } else {
        ""
    };
    // One finding, one line: a message never spans lines, but be sure of it.
    let message = d.message.replace(['\r', '\n'], " ");
    format!("{}:{line}:{col}: {} {mark}{message}\n", c.name, d.code)
}
