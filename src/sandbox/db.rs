//! The SQLite database: created from a [`Dataset`], in memory (shared between a pool
//! of connections) or in a file that persists across runs.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rusqlite::functions::FunctionFlags;
use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, OpenFlags, ToSql};

use super::catalog::catalog;
use super::data::{Dataset, DatasetSpec, Value};
use super::like::like;
use super::translate::Sql;

/// A database failure, with SQLite's message (the field).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("sandbox database: {0}")]
pub struct DbError(pub String);

impl From<rusqlite::Error> for DbError {
    fn from(e: rusqlite::Error) -> Self {
        DbError(e.to_string())
    }
}

impl ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Value::Null => ToSqlOutput::Borrowed(ValueRef::Null),
            Value::Int(i) => ToSqlOutput::Borrowed(ValueRef::Integer(*i)),
            Value::Real(f) => ToSqlOutput::Borrowed(ValueRef::Real(*f)),
            Value::Text(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
        })
    }
}

impl From<ValueRef<'_>> for Value {
    fn from(v: ValueRef<'_>) -> Self {
        match v {
            ValueRef::Null => Value::Null,
            ValueRef::Integer(i) => Value::Int(i),
            ValueRef::Real(f) => Value::Real(f),
            ValueRef::Text(t) | ValueRef::Blob(t) => Value::Text(String::from_utf8_lossy(t).into()),
        }
    }
}

/// Where the database lives and what it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DbInfo {
    /// The dataset it was generated from (read back from the file when reused).
    pub spec: DatasetSpec,
    /// The file, or `None` in memory.
    pub path: Option<PathBuf>,
    /// True when an existing file was opened instead of generating.
    pub reused: bool,
}

/// The sandbox database and its connection pool. Connections are read-only
/// (`query_only`): nothing a request does can change the data.
pub struct Database {
    uri: String,
    flags: OpenFlags,
    pool: Mutex<Vec<Connection>>,
    // Keeps a shared in-memory database alive while the pool is empty.
    _anchor: Mutex<Connection>,
    info: DbInfo,
    // A temporary database's file, deleted with it.
    temporary: Option<PathBuf>,
}

impl Drop for Database {
    fn drop(&mut self) {
        if let Some(path) = &self.temporary {
            // Connections still open keep their (unlinked) file until they close.
            for suffix in ["", "-wal", "-shm", "-journal"] {
                let mut p = path.clone().into_os_string();
                p.push(suffix);
                let _ = std::fs::remove_file(p);
            }
        }
    }
}

impl std::fmt::Debug for Database {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Database")
            .field("info", &self.info)
            .finish()
    }
}

const META: &str = "crql_sandbox_meta";

impl Database {
    /// A fresh in-memory database holding `dataset`.
    pub fn in_memory(dataset: &Dataset) -> Result<Database, DbError> {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let uri = format!(
            "file:crql-sandbox-{}-{}?mode=memory&cache=shared",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut anchor = Connection::open_with_flags(&uri, flags)?;
        load(&mut anchor, dataset)?;
        Database::finish(
            uri,
            flags,
            anchor,
            DbInfo {
                spec: dataset.spec,
                path: None,
                reused: false,
            },
            None,
        )
    }

    /// A fresh database holding `dataset` in a private temporary file (in WAL mode),
    /// deleted when the database is dropped. Unlike [`Database::in_memory`], whose
    /// connections share one cache and so take turns, every pooled connection here
    /// reads on its own: queries run in parallel, and a slow one delays no other.
    pub fn temporary(dataset: &Dataset) -> Result<Database, DbError> {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let path = std::env::temp_dir().join(format!(
            "crql-sandbox-{}-{}.sqlite",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut p = path.clone().into_os_string();
            p.push(suffix);
            let _ = std::fs::remove_file(p);
        }
        let mut anchor = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        // A private file: no other process reads it, and losing it in a crash loses
        // nothing (it is regenerated from the seed), so durability is not paid for.
        anchor.pragma_update(None, "journal_mode", "WAL")?;
        anchor.pragma_update(None, "synchronous", "OFF")?;
        // Moved from the log into the file: readers then find every page in one place,
        // and the temporary files take the dataset's size once, not twice.
        let built = load(&mut anchor, dataset).and_then(|()| {
            anchor
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
                .map_err(DbError::from)
        });
        let db = Database::finish(
            path.to_string_lossy().into_owned(),
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            anchor,
            DbInfo {
                spec: dataset.spec,
                path: None,
                reused: false,
            },
            Some(path.clone()),
        );
        if built.is_err() || db.is_err() {
            for suffix in ["", "-wal", "-shm", "-journal"] {
                let mut p = path.clone().into_os_string();
                p.push(suffix);
                let _ = std::fs::remove_file(p);
            }
        }
        built?;
        db
    }

    /// The database in `path`: reused as it is when it already holds a complete
    /// dataset (whatever its seed), otherwise generated from `spec` and written there.
    pub fn file(path: &Path, spec: DatasetSpec) -> Result<Database, DbError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let uri = path.to_string_lossy().into_owned();
        let mut anchor = Connection::open_with_flags(path, flags)?;
        anchor.busy_timeout(std::time::Duration::from_secs(10))?;
        let (spec, reused) = match stored_spec(&anchor)? {
            Some(stored) => (stored, true),
            None => {
                // A half-written file (a crash during generation) is rebuilt from scratch.
                for t in &catalog().tables {
                    anchor.execute(&format!("DROP TABLE IF EXISTS {}", quote(t.name)), [])?;
                }
                anchor.execute(&format!("DROP TABLE IF EXISTS {META}"), [])?;
                load(&mut anchor, &Dataset::generate(spec))?;
                (spec, false)
            }
        };
        Database::finish(
            uri,
            flags,
            anchor,
            DbInfo {
                spec,
                path: Some(path.to_owned()),
                reused,
            },
            None,
        )
    }

    fn finish(
        uri: String,
        flags: OpenFlags,
        anchor: Connection,
        info: DbInfo,
        temporary: Option<PathBuf>,
    ) -> Result<Database, DbError> {
        let db = Database {
            uri,
            flags,
            pool: Mutex::new(Vec::new()),
            _anchor: Mutex::new(anchor),
            info,
            temporary,
        };
        // Fail now, not on the first request, if connections cannot be opened.
        db.with_conn(|_| Ok(()))?;
        Ok(db)
    }

    /// What the database holds.
    pub fn info(&self) -> &DbInfo {
        &self.info
    }

    /// Runs a translated query and returns its rows, each in `sql.columns` order.
    pub fn query(&self, sql: &Sql) -> Result<Vec<Vec<Value>>, DbError> {
        self.with_conn(|c| query(c, sql))
    }

    /// [`Database::query`] within `limits`: what the emulator runs for a request.
    pub fn query_limited(&self, sql: &Sql, limits: Limits) -> Result<Vec<Vec<Value>>, QueryError> {
        self.with_conn(|c| Ok(query_limited(c, sql, limits)))?
    }

    /// Runs `f` on a pooled read-only connection. Crate-private: a public
    /// `rusqlite::Connection` would make rusqlite's version part of this crate's API.
    pub(crate) fn with_conn<R>(
        &self,
        f: impl FnOnce(&Connection) -> Result<R, DbError>,
    ) -> Result<R, DbError> {
        let pooled = self.pool.lock().map_err(|_| poisoned())?.pop();
        let conn = match pooled {
            Some(c) => c,
            None => self.open()?,
        };
        let out = f(&conn);
        self.pool.lock().map_err(|_| poisoned())?.push(conn);
        out
    }

    fn open(&self) -> Result<Connection, DbError> {
        let conn = Connection::open_with_flags(&self.uri, self.flags)?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.pragma_update(None, "query_only", true)?;
        register_functions(&conn)?;
        Ok(conn)
    }
}

/// Runs a translated query and returns its rows, each in `sql.columns` order.
pub(crate) fn query(conn: &Connection, sql: &Sql) -> Result<Vec<Vec<Value>>, DbError> {
    let mut stmt = conn.prepare_cached(&sql.text)?;
    let n = sql.columns.len();
    let mut rows = stmt.query(rusqlite::params_from_iter(sql.params.iter()))?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let mut row = Vec::with_capacity(n);
        for i in 0..n {
            row.push(Value::from(r.get_ref(i)?));
        }
        out.push(row);
    }
    Ok(out)
}

/// Bounds on one query: CTAPI aborts queries after about 30 s, and a result must fit
/// in memory (a join on `>=` can ask for millions of rows).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// How long a query may run before it fails with [`QueryError::Timeout`].
    pub timeout: Duration,
    /// The most rows a query may return before it fails with [`QueryError::TooManyRows`].
    pub max_rows: usize,
    /// The most bytes a result may hold (counted as [`result_bytes`] does) before it
    /// fails with [`QueryError::TooLarge`].
    pub max_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            timeout: Duration::from_secs(30),
            max_rows: 1_000_000,
            max_bytes: 64 * 1024 * 1024,
        }
    }
}

/// Why a bounded query did not complete.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    /// SQLite failed.
    #[error(transparent)]
    Db(#[from] DbError),
    /// SQL Server's own words for a query that ran out of time.
    #[error(
        "Execution Timeout Expired. The timeout period elapsed prior to completion of the operation or the server is not responding. ({0:?})"
    )]
    Timeout(Duration),
    /// The query returned more rows than [`Limits::max_rows`].
    #[error(
        "The result has more than {0} rows, more than the sandbox keeps; add TOP or a narrower WHERE."
    )]
    TooManyRows(usize),
    /// The result grew past [`Limits::max_bytes`].
    #[error(
        "The result is larger than {0} bytes, more than the sandbox keeps; add TOP, fewer columns or a narrower WHERE."
    )]
    TooLarge(usize),
    /// The client that asked for it went away, so the query was stopped.
    #[error("The query was stopped: its client disconnected.")]
    Cancelled,
}

impl QueryError {
    /// Whether the query itself is at fault (too slow, too big): the answer is a
    /// 400, which clients do not retry, rather than a 500, which they do.
    pub fn is_query_fault(&self) -> bool {
        matches!(
            self,
            QueryError::Timeout(_) | QueryError::TooManyRows(_) | QueryError::TooLarge(_)
        )
    }
}

/// The bytes a value takes in a result: what [`Limits::max_bytes`] and the snapshot
/// cache's budget count (the text plus a fixed overhead per value).
pub(crate) fn value_bytes(v: &Value) -> usize {
    std::mem::size_of::<Value>()
        + match v {
            Value::Text(s) => s.len(),
            _ => 0,
        }
}

/// The bytes of a whole result, as [`Limits::max_bytes`] and the snapshot cache's
/// budget count them: each value's text plus a fixed overhead per value and per row.
pub fn result_bytes(rows: &[Vec<Value>]) -> usize {
    rows.iter()
        .map(|r| std::mem::size_of::<Vec<Value>>() + r.iter().map(value_bytes).sum::<usize>())
        .sum()
}

thread_local! {
    // The flag of the request this thread is running a query for, if any.
    static INTERRUPT: std::cell::RefCell<Option<Arc<AtomicBool>>> =
        const { std::cell::RefCell::new(None) };
}

/// Runs `f` on this thread with `flag` as its interruption: a query that
/// [`query_limited`] runs inside `f` stops with [`QueryError::Cancelled`] once the flag
/// is set (the server sets it when the client hangs up). A thread-local rather than
/// a parameter, so that the emulator's routes need not carry it.
pub(crate) fn interruptible<R>(flag: &Arc<AtomicBool>, f: impl FnOnce() -> R) -> R {
    struct Reset(Option<Arc<AtomicBool>>);
    impl Drop for Reset {
        fn drop(&mut self) {
            let old = self.0.take();
            INTERRUPT.with(|i| *i.borrow_mut() = old);
        }
    }
    let old = INTERRUPT.with(|i| i.borrow_mut().replace(flag.clone()));
    let _reset = Reset(old);
    f()
}

/// [`query`] within `limits`.
pub(crate) fn query_limited(
    conn: &Connection,
    sql: &Sql,
    limits: Limits,
) -> Result<Vec<Vec<Value>>, QueryError> {
    let deadline = Instant::now() + limits.timeout;
    let cancel = INTERRUPT.with(|i| i.borrow().clone());
    let flag = cancel.clone();
    // SQLite calls this every 1000 virtual-machine steps; `true` interrupts the query.
    conn.progress_handler(
        1000,
        Some(move || {
            flag.as_ref().is_some_and(|f| f.load(Ordering::Relaxed)) || Instant::now() >= deadline
        }),
    );
    let out = (|| {
        let mut stmt = conn.prepare_cached(&sql.text).map_err(DbError::from)?;
        let n = sql.columns.len();
        let mut rows = stmt
            .query(rusqlite::params_from_iter(sql.params.iter()))
            .map_err(DbError::from)?;
        let mut out = Vec::new();
        let mut bytes = 0usize;
        loop {
            let next = match rows.next() {
                Ok(r) => r,
                Err(e)
                    if e.sqlite_error_code() == Some(rusqlite::ErrorCode::OperationInterrupted) =>
                {
                    if cancel.as_ref().is_some_and(|f| f.load(Ordering::Relaxed)) {
                        return Err(QueryError::Cancelled);
                    }
                    return Err(QueryError::Timeout(limits.timeout));
                }
                Err(e) => return Err(DbError::from(e).into()),
            };
            let Some(r) = next else { break };
            if out.len() == limits.max_rows {
                return Err(QueryError::TooManyRows(limits.max_rows));
            }
            let mut row = Vec::with_capacity(n);
            bytes += std::mem::size_of::<Vec<Value>>();
            for i in 0..n {
                let v = Value::from(r.get_ref(i).map_err(DbError::from)?);
                bytes += value_bytes(&v);
                row.push(v);
            }
            if bytes > limits.max_bytes {
                return Err(QueryError::TooLarge(limits.max_bytes));
            }
            out.push(row);
        }
        Ok(out)
    })();
    conn.progress_handler(0, None::<fn() -> bool>);
    out
}

fn poisoned() -> DbError {
    DbError("connection pool poisoned by a panic".into())
}

/// `"name"` with `"` doubled: the only way a name reaches SQL text.
pub(crate) fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn register_functions(conn: &Connection) -> Result<(), DbError> {
    conn.create_scalar_function(
        "crql_like",
        -1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let text = |i: usize| -> Option<String> {
                match ctx.get_raw(i) {
                    ValueRef::Null => None,
                    ValueRef::Integer(n) => Some(n.to_string()),
                    ValueRef::Real(f) => Some(f.to_string()),
                    ValueRef::Text(t) | ValueRef::Blob(t) => {
                        Some(String::from_utf8_lossy(t).into_owned())
                    }
                }
            };
            let (Some(value), Some(pattern)) = (text(0), text(1)) else {
                return Ok(None);
            };
            let escape = if ctx.len() > 2 {
                match text(2) {
                    Some(e) if e.chars().count() == 1 => e.chars().next(),
                    _ => {
                        return Err(rusqlite::Error::UserFunctionError(
                            "The ESCAPE clause must be a single character.".into(),
                        ));
                    }
                }
            } else {
                None
            };
            Ok(Some(like(&value, &pattern, escape)))
        },
    )?;
    Ok(())
}

fn stored_spec(conn: &Connection) -> Result<Option<DatasetSpec>, DbError> {
    let exists: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = ?1",
        [META],
        |r| r.get(0),
    )?;
    if !exists {
        return Ok(None);
    }
    let get = |key: &str| -> Result<Option<String>, DbError> {
        let mut stmt = conn.prepare(&format!("SELECT value FROM {META} WHERE key = ?1"))?;
        let mut rows = stmt.query([key])?;
        Ok(match rows.next()? {
            Some(r) => Some(r.get(0)?),
            None => None,
        })
    };
    if get("complete")?.as_deref() != Some("1") {
        return Ok(None);
    }
    let num = |key: &str| -> Result<u64, DbError> {
        get(key)?
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| DbError(format!("{META}.{key} is missing or not a number")))
    };
    Ok(Some(DatasetSpec {
        seed: num("seed")?,
        clients: num("clients")? as usize,
        orgs: num("orgs")? as usize,
    }))
}

fn load(conn: &mut Connection, dataset: &Dataset) -> Result<(), DbError> {
    let tx = conn.transaction()?;
    tx.execute(
        &format!("CREATE TABLE {META} (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
        [],
    )?;
    for t in &dataset.tables {
        let cols: Vec<String> = t
            .table
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let pk = if i == 0 { " PRIMARY KEY" } else { "" };
                format!("{} {}{pk}", quote(c.name), c.ty.sql_decl())
            })
            .collect();
        tx.execute(
            &format!("CREATE TABLE {} ({})", quote(t.table.name), cols.join(", ")),
            [],
        )?;
        let marks: Vec<String> = (1..=t.table.columns.len())
            .map(|i| format!("?{i}"))
            .collect();
        let mut stmt = tx.prepare(&format!(
            "INSERT INTO {} VALUES ({})",
            quote(t.table.name),
            marks.join(", ")
        ))?;
        for row in &t.rows {
            stmt.execute(rusqlite::params_from_iter(row.iter()))?;
        }
        // The join and access-control columns.
        for col in ["ClientID", "EnrollID", "OrgID", "UserID"] {
            if t.table.key().name != col && t.table.column(col).is_some() {
                tx.execute(
                    &format!(
                        "CREATE INDEX {} ON {} ({})",
                        quote(&format!("ix_{}_{col}", t.table.name)),
                        quote(t.table.name),
                        quote(col)
                    ),
                    [],
                )?;
            }
        }
    }
    let spec = dataset.spec;
    for (k, v) in [
        ("seed", spec.seed.to_string()),
        ("clients", spec.clients.to_string()),
        ("orgs", spec.orgs.to_string()),
        ("complete", "1".to_string()),
    ] {
        tx.execute(&format!("INSERT INTO {META} VALUES (?1, ?2)"), [k, &v])?;
    }
    tx.commit()?;
    Ok(())
}
