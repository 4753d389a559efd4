//! `crql url`: print the exact request URL of a query's first page.
//!
//! The query is parsed and linted like `crql run` would; one over CTAPI's 2048-character
//! cap fails with E0207. Nothing is sent. The endpoint is `--endpoint`, else
//! `$CRQL_ENDPOINT`, else crql.toml's `[run] endpoint`, else production
//! (`https://api.clienttrack.net`). The schema is the project's (crql.toml and the
//! schema cache).

use std::path::PathBuf;

use crql::exec::{ClientBuilder, PRODUCTION_ENDPOINT, QueryOptions};

use super::{EXIT_OK, EXIT_USAGE};

/// Arguments of `crql url`.
#[derive(clap::Args)]
pub struct Args {
    /// The query (or `-` to read it from stdin).
    #[arg(required_unless_present = "file", conflicts_with = "file")]
    query: Option<String>,
    /// Read the query from a file.
    #[arg(long, short)]
    file: Option<PathBuf>,
    /// Base URL (default: $CRQL_ENDPOINT, else crql.toml's `[run] endpoint`, else
    /// production).
    #[arg(long)]
    endpoint: Option<String>,
    /// Rows per page (1-500; `TOP n` sets it to n).
    #[arg(long)]
    page_size: Option<u32>,
    /// Which page's URL.
    #[arg(long, default_value_t = 1)]
    page: u32,
}

/// Runs the subcommand; returns the exit status.
pub fn run(args: Args) -> i32 {
    let (name, text) = match super::run::read_query(args.query.as_deref(), args.file.as_ref()) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("crql url: {e}");
            return EXIT_USAGE;
        }
    };
    let query = match crql::parse(&text) {
        Ok(q) => q,
        Err(e) => return super::run::report_parse(&e, &name, &text),
    };
    let project = super::run::project(args.file.as_ref()).and_then(|c| {
        let schema = c.schema().map_err(|e| e.to_string())?;
        Ok((c, schema))
    });
    let (config, schema) = match project {
        Ok(p) => p,
        Err(e) => {
            eprintln!("crql url: {e}");
            return EXIT_USAGE;
        }
    };
    let mut b = ClientBuilder::from_env().schema(schema);
    if let Some(e) = args.endpoint {
        b = b.endpoint(e);
    } else if b.configured_endpoint().is_none() {
        b = b.endpoint(
            config
                .run
                .endpoint
                .unwrap_or_else(|| PRODUCTION_ENDPOINT.to_owned()),
        );
    }
    if let Some(n) = args.page_size {
        b = b.page_size(n);
    }
    let client = match b.build() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("crql url: {e}");
            return EXIT_USAGE;
        }
    };
    let options = QueryOptions {
        start_page: Some(args.page),
        ..QueryOptions::default()
    };
    match client.url(&query, options) {
        Ok(url) => {
            println!("{url}");
            EXIT_OK
        }
        Err(e) => super::run::report(&e, &name, &text),
    }
}
