//! `crql serve`: the CTAPI sandbox over HTTP.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crql::sandbox::AccessFile;
use crql::sandbox::{
    Access, CacheBudget, DatasetSpec, Key, Limits, Server, ServerLimits, UserKey, emulator,
};

const MIB: usize = 1024 * 1024;

use super::{EXIT_OK, EXIT_USAGE};

/// Arguments of `crql serve`.
#[derive(clap::Args)]
pub struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: String,
    /// Seed of the synthetic dataset: the same seed gives the same rows.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Number of clients to generate (besides the ClientID 0 template row).
    #[arg(long, default_value_t = 10_000)]
    clients: usize,
    /// Number of organisations (OrgID 1..=N).
    #[arg(long, default_value_t = 5)]
    orgs: usize,
    /// Keep the database in this SQLite file; an existing dataset there is reused.
    #[arg(long, value_name = "PATH")]
    db: Option<PathBuf>,
    /// A subscription key to accept (repeatable).
    #[arg(long = "subscription-key", value_name = "K")]
    subscription_keys: Vec<String>,
    /// An admin ApiKey: sees every organisation (repeatable).
    #[arg(long = "admin-key", value_name = "K")]
    admin_keys: Vec<String>,
    /// A user ApiKey and its organisations, `KEY=ORG[,ORG...]` (repeatable).
    #[arg(long = "user-key", value_name = "K=ORG[,ORG...]")]
    user_keys: Vec<String>,
    /// JSON file with `subscriptionKeys`, `adminKeys`, `userKeys` ([{"key","orgs"}]).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Queries run at once, each on its own read-only SQLite connection; more wait
    /// their turn (`--threads` is the old name).
    #[arg(long = "max-queries", alias = "threads", default_value_t = 8)]
    max_queries: usize,
    /// Connections open at once; more wait in the listen backlog.
    #[arg(long, default_value_t = 512)]
    max_connections: usize,
    /// Bytes of a request's line and headers together (more: 431).
    #[arg(long, default_value_t = 16 * 1024)]
    max_header_bytes: usize,
    /// Header lines in a request (more: 431).
    #[arg(long, default_value_t = 64)]
    max_headers: usize,
    /// Bytes of a request body (more: 413, refused before it is read).
    #[arg(long, default_value_t = 1024 * 1024)]
    max_body_bytes: usize,
    /// Seconds to send a request head; also how long an idle connection is kept.
    #[arg(long, default_value_t = 10)]
    header_timeout: u64,
    /// Seconds to send a request body.
    #[arg(long, default_value_t = 10)]
    body_timeout: u64,
    /// Seconds a response may wait for its client to read it.
    #[arg(long, default_value_t = 30)]
    write_timeout: u64,
    /// Seconds a query may run (CTAPI's limit: 30); then 400, "Execution Timeout Expired".
    #[arg(long, default_value_t = 30)]
    query_timeout: u64,
    /// Rows a query may return (more: 400).
    #[arg(long, default_value_t = 1_000_000)]
    max_rows: usize,
    /// MiB a query's result may hold (more: 400).
    #[arg(long, default_value_t = 64)]
    max_result_mib: usize,
    /// MiB all shouldCache snapshots may hold; least recently used go first.
    #[arg(long, default_value_t = 512)]
    cache_mib: usize,
    /// MiB the snapshots of one access scope (an admin key, or one set of
    /// organisations) may hold.
    #[arg(long, default_value_t = 128)]
    cache_scope_mib: usize,
    /// Seconds a shouldCache snapshot lives (CTAPI: 600).
    #[arg(long, default_value_t = 600)]
    cache_ttl: u64,
    /// Keep rows in one order without shouldCache (CTAPI does not: by default
    /// uncached results come in a different order on each request).
    #[arg(long)]
    stable_order: bool,
    /// The environment name `/auth/test` reports.
    #[arg(long, default_value = "Sandbox")]
    environment: String,
}

fn parse_user_key(spec: &str) -> Result<UserKey, String> {
    let (key, orgs) = spec
        .split_once('=')
        .ok_or_else(|| "--user-key takes KEY=ORG[,ORG...]".to_owned())?;
    let orgs = orgs
        .split(',')
        .map(|o| {
            o.trim()
                .parse::<i64>()
                .map_err(|_| format!("--user-key: '{o}' is not an OrgID"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    if key.is_empty() || orgs.is_empty() {
        return Err("--user-key takes KEY=ORG[,ORG...]".to_owned());
    }
    Ok(UserKey {
        key: Key::new(key),
        orgs,
    })
}

fn access(args: &Args) -> Result<(Access, bool), String> {
    let mut access = Access {
        subscription_keys: args.subscription_keys.iter().map(Key::new).collect(),
        admin_keys: args.admin_keys.iter().map(Key::new).collect(),
        user_keys: args
            .user_keys
            .iter()
            .map(|s| parse_user_key(s))
            .collect::<Result<_, _>>()?,
        open: false,
    };
    if let Some(path) = &args.config {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("--config {}: {e}", path.display()))?;
        let file: AccessFile =
            serde_json::from_str(&text).map_err(|e| format!("--config {}: {e}", path.display()))?;
        access.extend_from(file);
    }
    if access.is_empty() {
        return Ok((Access::demo(), true));
    }
    if access.subscription_keys.is_empty() {
        return Err(
            "no subscription key: give --subscription-key (every request needs one)".into(),
        );
    }
    if access.admin_keys.is_empty() && access.user_keys.is_empty() {
        return Err("no ApiKey: give --admin-key or --user-key".into());
    }
    Ok((access, false))
}

/// Runs the subcommand; returns the exit status.
pub fn run(args: Args) -> i32 {
    let (access, demo) = match access(&args) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("crql serve: {e}");
            return EXIT_USAGE;
        }
    };
    let spec = DatasetSpec {
        seed: args.seed,
        clients: args.clients,
        orgs: args.orgs.max(1),
    };
    let started = Instant::now();
    let emu = match emulator(spec, args.db.as_deref(), access) {
        Ok(e) => e
            .with_environment(args.environment.clone())
            .with_stable_order(args.stable_order)
            .with_limits(Limits {
                timeout: Duration::from_secs(args.query_timeout),
                max_rows: args.max_rows,
                max_bytes: args.max_result_mib.saturating_mul(MIB),
            })
            .with_cache_budget(CacheBudget {
                total_bytes: args.cache_mib.saturating_mul(MIB),
                scope_bytes: args.cache_scope_mib.saturating_mul(MIB),
                ttl: Duration::from_secs(args.cache_ttl),
            }),
        Err(e) => {
            eprintln!("crql serve: {e}");
            return EXIT_USAGE;
        }
    };
    let info = emu.database().info().clone();
    let stored = info.spec;
    let place = info
        .path
        .as_ref()
        .map_or("in a temporary file".to_owned(), |p| {
            format!("in {}", p.display())
        });
    let how = if info.reused { "reused" } else { "generated" };
    eprintln!(
        "crql serve: dataset {how} {place}: {} clients, {} organisations, seed {} ({:.1} s)",
        stored.clients,
        stored.orgs,
        stored.seed,
        started.elapsed().as_secs_f64()
    );
    if info.reused && stored != spec {
        eprintln!(
            "crql serve: note: the file's dataset differs from --seed/--clients/--orgs; delete it to regenerate"
        );
    }
    if demo {
        let a = emu.access();
        eprintln!("crql serve: no keys given; demo keys for this run:");
        eprintln!("  subscription key: {}", a.subscription_keys[0].expose());
        eprintln!("  admin ApiKey:     {}", a.admin_keys[0].expose());
        eprintln!(
            "  user ApiKey:      {} (OrgID 1, 2)",
            a.user_keys[0].key.expose()
        );
    }
    let limits = ServerLimits {
        max_connections: args.max_connections.max(1),
        max_header_bytes: args.max_header_bytes,
        max_headers: args.max_headers,
        max_body_bytes: args.max_body_bytes,
        header_timeout: Duration::from_secs(args.header_timeout),
        body_timeout: Duration::from_secs(args.body_timeout),
        write_timeout: Duration::from_secs(args.write_timeout),
        max_queries: args.max_queries.max(1),
        ..ServerLimits::default()
    };
    let server = match Server::start_with(Arc::new(emu), &args.addr, limits) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("crql serve: cannot listen on {}: {e}", args.addr);
            return EXIT_USAGE;
        }
    };
    let (tx, rx) = std::sync::mpsc::channel();
    if let Err(e) = ctrlc::set_handler(move || {
        let _ = tx.send(());
    }) {
        eprintln!("crql serve: cannot handle Ctrl-C: {e}");
        return EXIT_USAGE;
    }
    eprintln!("crql serve: listening on {} (Ctrl-C stops)", server.url());
    let _ = rx.recv();
    eprintln!("crql serve: stopping");
    server.stop();
    EXIT_OK
}
