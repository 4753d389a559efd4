//! `crql run`: run a query and print its rows.
//!
//! Rows go to stdout and nothing else does; progress (only when stderr is a
//! terminal) and diagnostics go to stderr. Exit status: 0 rows printed, 1 the query
//! has errors (parse or lint), 2 usage, I/O, configuration or API failure.
//!
//! Before sending to a configured endpoint, `crql run` describes each table of the
//! query that the project has no complete schema for (`GET cto/{table}/description`,
//! once per table), stores the answer in the project's schema cache and lints
//! against it: a column the server lacks is refused locally, one it has is sent
//! even when the built-in schema does not list it. `--no-describe` or
//! `[run] describe = false` turns that off; a failed description is a warning.
//! The embedded sandbox is never described into the cache: its tables are not the
//! project's server's.

use std::io::{self, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::sync::Arc;

use crql::Code;
use crql::config::Config;
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
    /// Do not describe the query's tables before sending (crql.toml: `[run]
    /// describe = false`).
    #[arg(long)]
    no_describe: bool,
}

/// Rows `--format table` holds to set its column widths; later rows stream.
const TABLE_BLOCK_ROWS: usize = 1_000;
/// Characters of a value a table cell shows.
const TABLE_CELL_CHARS: usize = 200;

/// Where to connect: flags over `CRQL_*` environment variables over crql.toml.
#[derive(clap::Args)]
pub(crate) struct Connection {
    /// CTAPI base URL (default: $CRQL_ENDPOINT, else crql.toml's `[run] endpoint`,
    /// else the embedded sandbox).
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

/// A client builder from `conn`, the environment and `config` (in that order of
/// precedence), falling back to the sandbox; and whether it reaches a configured
/// endpoint (not the embedded sandbox).
pub(crate) fn builder(
    conn: &Connection,
    page_size: Option<u32>,
    config: &Config,
) -> Result<(ClientBuilder, bool), String> {
    let mut b = ClientBuilder::from_env();
    if let Some(e) = &conn.endpoint {
        b = b.endpoint(e.clone());
    }
    b = b.project_endpoint(config);
    if let Some(n) = page_size {
        b = b.page_size(n);
    }
    let live = b.configured_endpoint().is_some();
    if !live {
        b = b.shared_transport(default_transport()?);
    }
    Ok((b, live))
}

/// The `crql.toml` governing `file`, or the working directory.
pub(crate) fn project(file: Option<&PathBuf>) -> Result<Config, String> {
    let start = file.map_or(std::path::Path::new("."), |f| f.as_path());
    Config::discover(start).map_err(|e| e.to_string())
}

/// A client from `conn`, the environment and the working directory's crql.toml,
/// falling back to the sandbox.
pub(crate) fn client(conn: &Connection, page_size: Option<u32>) -> Result<Client, String> {
    let (b, _) = builder(conn, page_size, &project(None)?)?;
    b.build().map_err(|e| e.to_string())
}

/// Describes each table of `query` that `schema` has no complete description of,
/// once each, through `client`; stores every answer in the project's cache and in
/// `schema`. A failed description is a warning: the query is still sent.
fn describe_tables(
    client: &Client,
    query: &crql::Query<'_>,
    config: &Config,
    schema: &mut crql::Schema,
) {
    for t in crql::schema::cache::tables_in(query) {
        if schema.table(&t).is_some_and(|t| t.is_complete()) {
            continue;
        }
        match client.describe(&t) {
            Ok(table) => {
                if let Err(e) = crql::schema::cache::save_table(&config.cache_dir(), &table) {
                    eprintln!("crql run: warning: {t}: not cached: {e}");
                }
                schema.add_table(table);
            }
            Err(e) => eprintln!(
                "crql run: warning: could not describe {t} ({e}); checking against the schema as it is"
            ),
        }
    }
}

/// Lints `query` against the project's schema. Prints the errors, and the
/// warnings that the schema could not vouch for a name (W0101, W0102: the query
/// is sent, but the reader should know); other warnings are `crql check`'s.
/// True when there is an error (the query must not be sent).
fn lint_before_sending(
    query: &crql::Query<'_>,
    config: &Config,
    schema: &crql::Schema,
    file: Option<&PathBuf>,
    (name, text): (&str, &str),
) -> bool {
    let findings = config.linter(schema, file.map(|f| f.as_path())).lint(query);
    for d in &findings {
        if d.severity == crql::Severity::Error || matches!(d.code, Code::W0101 | Code::W0102) {
            let with = d.clone().with_source(name, text.to_owned());
            eprint!("{}", crql::diagnostic::render(&with, 100));
        }
    }
    findings.iter().any(|d| d.severity == crql::Severity::Error)
}

/// True when `query` has lint errors that no description could remove: they
/// stop it before anything, descriptions included, is requested.
fn has_errors(
    query: &crql::Query<'_>,
    config: &Config,
    schema: &crql::Schema,
    file: Option<&PathBuf>,
) -> bool {
    config
        .linter(schema, file.map(|f| f.as_path()))
        .lint(query)
        .iter()
        .any(|d| d.severity == crql::Severity::Error)
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
    let prepared = project(args.file.as_ref()).and_then(|config| {
        let schema = config.schema().map_err(|e| e.to_string())?;
        let (b, live) = builder(&args.conn, args.page_size, &config)?;
        Ok((config, schema, b, live))
    });
    let (config, mut schema, builder, live) = match prepared {
        Ok(p) => p,
        Err(e) => {
            eprintln!("crql run: {e}");
            return EXIT_USAGE;
        }
    };
    if live
        && !args.no_describe
        && config.describe()
        && !has_errors(&query, &config, &schema, args.file.as_ref())
    {
        match builder.clone().build() {
            Ok(describer) => describe_tables(&describer, &query, &config, &mut schema),
            Err(e) => {
                eprintln!("crql run: {e}");
                return EXIT_USAGE;
            }
        }
    }
    if lint_before_sending(&query, &config, &schema, args.file.as_ref(), (&name, &text)) {
        return EXIT_FINDINGS;
    }
    let client = match builder.schema(schema).build() {
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
        (Err(Failure::Io(e)), _) | (Ok(()), Err(e)) if super::reader_gone(&e) => EXIT_OK,
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
