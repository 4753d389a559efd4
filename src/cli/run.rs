//! `crql run`: run a query and print its rows.
//!
//! Rows go to stdout and nothing else does; progress (only when stderr is a
//! terminal) and diagnostics go to stderr. Exit status: 0 rows printed, 1 the query
//! has errors (parse or lint), 2 usage, I/O, configuration or API failure.

use std::io::{self, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::sync::Arc;

use crql::exec::{Client, ClientBuilder, Error, QueryOptions, Row, Transport};
use serde_json::Value;

use super::{EXIT_FINDINGS, EXIT_OK, EXIT_USAGE};

/// Arguments of `crql run`.
#[derive(clap::Args)]
pub struct Args {
    /// The query (or `-` to read it from stdin).
    #[arg(required_unless_present = "file", conflicts_with = "file")]
    query: Option<String>,
    /// Read the query from a file.
    #[arg(long, short)]
    file: Option<PathBuf>,
    #[command(flatten)]
    conn: Connection,
    /// Rows per page (1-500; `TOP n` sets it to n).
    #[arg(long)]
    page_size: Option<u32>,
    /// Stop after this many rows.
    #[arg(long)]
    max_rows: Option<u64>,
    /// Stop with an error after this many pages if the server has still not sent a
    /// last (short) page [default: 100000].
    #[arg(long, value_name = "N")]
    max_pages: Option<u32>,
    /// Output format. `table` is for people: it sets column widths from the first
    /// 1000 rows, then prints every later row as it arrives (never holding more
    /// than 1000 rows), cuts cells at 200 characters and shows control characters
    /// escaped (`\u{1b}`); `json`, `ndjson` and `csv` keep every value exact.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

/// Rows `--format table` holds to set its column widths; later rows stream.
const TABLE_BLOCK_ROWS: usize = 1_000;
/// Characters of a value a table cell shows.
const TABLE_CELL_CHARS: usize = 200;

/// Where to connect: flags over `CRQL_*` environment variables.
#[derive(clap::Args)]
pub(crate) struct Connection {
    /// CTAPI base URL (default: $CRQL_ENDPOINT; else the embedded sandbox).
    #[arg(long)]
    pub(crate) endpoint: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// An aligned text table.
    Table,
    /// One JSON array.
    Json,
    /// One JSON object per line.
    Ndjson,
    /// RFC 4180 CSV with a header line.
    Csv,
}

/// The transport used when no endpoint is configured: the embedded sandbox, in
/// process (synthetic data, no keys needed). Says so on stderr, in one line.
pub(crate) fn default_transport() -> Result<Arc<dyn Transport>, String> {
    eprintln!(
        "crql: no endpoint configured ({} or --endpoint): using the embedded sandbox (synthetic data)",
        crql::exec::ENV_ENDPOINT
    );
    crql::sandbox::in_process()
        .map(|e| Arc::new(e) as Arc<dyn Transport>)
        .map_err(|e| e.to_string())
}

/// A client from the environment and `conn`, falling back to the sandbox.
pub(crate) fn client(conn: &Connection, page_size: Option<u32>) -> Result<Client, String> {
    let mut b = ClientBuilder::from_env();
    if let Some(e) = &conn.endpoint {
        b = b.endpoint(e.clone());
    }
    if let Some(n) = page_size {
        b = b.page_size(n);
    }
    let has_endpoint = conn.endpoint.is_some()
        || std::env::var(crql::exec::ENV_ENDPOINT).is_ok_and(|v| !v.trim().is_empty());
    if !has_endpoint {
        b = b.shared_transport(default_transport()?);
    }
    b.build().map_err(|e| e.to_string())
}

/// Reads the query text from the argument, `-` (stdin) or `--file`.
pub(crate) fn read_query(
    query: Option<&str>,
    file: Option<&PathBuf>,
) -> Result<(String, String), String> {
    match (query, file) {
        (Some("-"), _) => {
            let mut s = String::new();
            io::stdin()
                .read_to_string(&mut s)
                .map_err(|e| format!("reading stdin: {e}"))?;
            Ok(("<stdin>".into(), s))
        }
        (Some(q), _) => Ok(("<query>".into(), q.to_owned())),
        (None, Some(f)) => std::fs::read_to_string(f)
            .map(|s| (f.display().to_string(), s))
            .map_err(|e| format!("{}: {e}", f.display())),
        (None, None) => Err("no query given".into()),
    }
}

/// Prints an executor error; lint findings with their source snippet. Returns the
/// exit status it deserves.
pub(crate) fn report(err: &Error, name: &str, text: &str) -> i32 {
    let width = 100;
    if let Error::Lint { diagnostics } = err {
        for d in diagnostics {
            let with = d.clone().with_source(name, text.to_owned());
            eprint!("{}", crql::diagnostic::render(&with, width));
        }
        return EXIT_FINDINGS;
    }
    eprint!("{}", crql::diagnostic::render(err, width));
    EXIT_USAGE
}

/// Prints a parse error with its snippet.
pub(crate) fn report_parse(err: &crql::ParseError, name: &str, text: &str) -> i32 {
    let with = err.diagnostic().clone().with_source(name, text.to_owned());
    eprint!("{}", crql::diagnostic::render(&with, 100));
    EXIT_FINDINGS
}

/// Runs the subcommand; returns the exit status.
pub fn run(args: Args) -> i32 {
    let (name, text) = match read_query(args.query.as_deref(), args.file.as_ref()) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("crql run: {e}");
            return EXIT_USAGE;
        }
    };
    let query = match crql::parse(&text) {
        Ok(q) => q,
        Err(e) => return report_parse(&e, &name, &text),
    };
    let client = match client(&args.conn, args.page_size) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("crql run: {e}");
            return EXIT_USAGE;
        }
    };
    let options = QueryOptions {
        max_rows: args.max_rows,
        max_pages: args.max_pages,
        ..QueryOptions::default()
    };
    let rows = match client.query_with(&query, options) {
        Ok(r) => r,
        Err(e) => return report(&e, &name, &text),
    };
    let columns = select_columns(&query);
    let progress = io::stderr().is_terminal();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = print_rows(rows, &columns, args.format, progress, &mut out);
    let flushed = out.flush();
    match (result, flushed) {
        (Ok(()), Ok(())) => EXIT_OK,
        (Err(Failure::Io(e)), _) | (Ok(()), Err(e)) if e.kind() == io::ErrorKind::BrokenPipe => {
            EXIT_OK
        }
        (Err(Failure::Io(e)), _) | (Ok(()), Err(e)) => {
            eprintln!("crql run: writing output: {e}");
            EXIT_USAGE
        }
        (Err(Failure::Query(e)), _) => report(&e, &name, &text),
    }
}

enum Failure {
    Io(io::Error),
    Query(Error),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Io(e)
    }
}

/// Column names from the field list, for the header when no row came back.
fn select_columns(query: &crql::Query<'_>) -> Vec<String> {
    use crql::ast::{Expr, SelectItem};
    query
        .select
        .items
        .iter()
        .map(|item| match item {
            SelectItem::Expr { alias: Some(a), .. } => a.value.to_string(),
            SelectItem::Expr {
                expr: Expr::Column(c),
                ..
            } => c.name.value.to_string(),
            other => other.to_string(),
        })
        .collect()
}

struct Progress {
    on: bool,
    last_page: u32,
}

impl Progress {
    fn update(&mut self, rows: &crql::exec::Rows) {
        if !self.on || rows.pages_fetched() == self.last_page {
            return;
        }
        self.last_page = rows.pages_fetched();
        let done = rows.delivered();
        // recordCount is unreliable: it only sizes the bar, never ends the pull.
        let line = match rows.record_count_hint().filter(|&n| n >= done && n > 0) {
            Some(total) => {
                let filled = (done * 30 / total) as usize;
                format!(
                    "[{}{}] {done}/~{total} rows, page {}",
                    "=".repeat(filled),
                    " ".repeat(30 - filled.min(30)),
                    self.last_page
                )
            }
            None => format!("{done} rows, page {}", self.last_page),
        };
        eprint!("\r\x1b[2K{line}");
    }

    fn finish(&self) {
        if self.on && self.last_page > 0 {
            eprint!("\r\x1b[2K");
        }
    }
}

fn print_rows(
    mut rows: crql::exec::Rows,
    select: &[String],
    format: Format,
    progress: bool,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let mut bar = Progress {
        on: progress,
        last_page: 0,
    };
    let mut next = |rows: &mut crql::exec::Rows| -> Result<Option<Row>, Failure> {
        let r = rows.next().transpose().map_err(Failure::Query);
        bar.update(rows);
        r
    };
    let result = (|| {
        match format {
            Format::Ndjson => {
                while let Some(row) = next(&mut rows)? {
                    serde_json::to_writer(&mut *out, &row).map_err(io::Error::from)?;
                    out.write_all(b"\n")?;
                }
            }
            Format::Json => {
                out.write_all(b"[")?;
                let mut first = true;
                while let Some(row) = next(&mut rows)? {
                    out.write_all(if first { b"\n  " } else { b",\n  " })?;
                    first = false;
                    serde_json::to_writer(&mut *out, &row).map_err(io::Error::from)?;
                }
                out.write_all(if first { b"]\n" } else { b"\n]\n" })?;
            }
            Format::Csv => {
                let mut header: Option<Vec<String>> = None;
                while let Some(row) = next(&mut rows)? {
                    if header.is_none() {
                        let cols: Vec<String> = row.keys().cloned().collect();
                        write_csv_row(out, cols.iter().cloned())?;
                        header = Some(cols);
                    }
                    if let Some(cols) = &header {
                        write_csv_row(out, cols.iter().map(|c| cell(row.get(c))))?;
                    }
                }
                if header.is_none() {
                    write_csv_row(out, select.iter().cloned())?;
                }
            }
            Format::Table => {
                let mut block = Vec::new();
                while block.len() < TABLE_BLOCK_ROWS {
                    match next(&mut rows)? {
                        Some(row) => block.push(row),
                        None => break,
                    }
                }
                let cols: Vec<String> = match block.first() {
                    Some(r) => r.keys().cloned().collect(),
                    None => select.to_vec(),
                };
                let mut table = Table::new(&cols, &block);
                table.header(out)?;
                for row in block.drain(..) {
                    table.row(out, &row)?;
                }
                while let Some(row) = next(&mut rows)? {
                    table.row(out, &row)?;
                }
                table.footer(out)?;
            }
        }
        Ok(())
    })();
    bar.finish();
    result
}

/// A value as text: strings bare, `NULL` empty, everything else as JSON.
fn cell(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

fn write_csv_row(out: &mut impl Write, cells: impl Iterator<Item = String>) -> io::Result<()> {
    let mut first = true;
    for c in cells {
        if !first {
            out.write_all(b",")?;
        }
        first = false;
        if c.contains([',', '"', '\n', '\r']) {
            write!(out, "\"{}\"", c.replace('"', "\"\""))?;
        } else {
            out.write_all(c.as_bytes())?;
        }
    }
    out.write_all(b"\r\n")
}

/// A text table printed row by row: widths come from the header and the rows it
/// was made with; a later, wider cell widens only its own line.
struct Table {
    /// The rows' keys, as sent.
    keys: Vec<String>,
    /// The keys as the header shows them.
    cols: Vec<String>,
    widths: Vec<usize>,
    printed: u64,
}

impl Table {
    fn new(keys: &[String], first: &[Row]) -> Table {
        let cols: Vec<String> = keys.iter().map(|c| table_cell(c)).collect();
        let mut widths: Vec<usize> = cols.iter().map(|c| c.chars().count()).collect();
        for r in first {
            for (w, k) in widths.iter_mut().zip(keys) {
                *w = (*w).max(table_cell(&cell(r.get(k))).chars().count());
            }
        }
        Table {
            keys: keys.to_vec(),
            cols,
            widths,
            printed: 0,
        }
    }

    fn line(&self, out: &mut impl Write, items: &[String]) -> io::Result<()> {
        let padded: Vec<String> = items
            .iter()
            .zip(&self.widths)
            .map(|(s, w)| format!("{s}{}", " ".repeat(w.saturating_sub(s.chars().count()))))
            .collect();
        writeln!(out, "{}", padded.join("  ").trim_end())
    }

    fn header(&self, out: &mut impl Write) -> io::Result<()> {
        self.line(out, &self.cols)?;
        let rule: Vec<String> = self.widths.iter().map(|w| "-".repeat(*w)).collect();
        self.line(out, &rule)
    }

    fn row(&mut self, out: &mut impl Write, row: &Row) -> io::Result<()> {
        let cells: Vec<String> = self
            .keys
            .iter()
            .map(|c| table_cell(&cell(row.get(c))))
            .collect();
        self.printed += 1;
        self.line(out, &cells)
    }

    fn footer(&self, out: &mut impl Write) -> io::Result<()> {
        let n = self.printed;
        writeln!(out, "({n} row{})", if n == 1 { "" } else { "s" })
    }
}

/// A value as a table shows it: on one line, control characters escaped (the value
/// came from a server and lands on a terminal), cut to [`TABLE_CELL_CHARS`].
fn table_cell(s: &str) -> String {
    let escaped = crql::exec::shown::escape_controls(s);
    match escaped.char_indices().nth(TABLE_CELL_CHARS) {
        Some((at, _)) => format!("{}…", &escaped[..at]),
        None => escaped.into_owned(),
    }
}
