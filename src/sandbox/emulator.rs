//! The CTAPI emulator: one request in, one response out, as CTAPI answers it. The
//! HTTP server and the in-process [`Transport`] both call [`Emulator::handle`].
//!
//! Routes: `GET /auth/test`, `GET /crql`, `POST /crql/storedprocedures/{name}`,
//! `GET /cto/{table}/description`, `GET /cto/{table}/{id}`; anything else is 404.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Map, Value as Json, json};

use crate::ctapi;
use crate::diagnostic::Severity;
use crate::exec::{Method, Request, Response, Transport, TransportError};
use crate::schema::Schema;

use super::access::{Access, Caller};
use super::catalog::catalog;
use super::data::Value;
use super::date::json_now_plus;
use super::db::{self, Database, Limits, QueryError, quote};
use super::json::row_object;
use super::procedures::{self, Outcome};
use super::rng::Rng;
use super::snapshots::{CacheBudget, Snapshot, SnapshotCache};
use super::translate::{Scope, Sql, scoped_source, translate};

/// Rows per page when `pageSize` is not given ([`ctapi::DEFAULT_PAGE_SIZE`]).
pub const DEFAULT_PAGE_SIZE: usize = ctapi::DEFAULT_PAGE_SIZE as usize;
/// The largest page served; larger requests are capped ([`ctapi::MAX_PAGE_SIZE`]).
pub const MAX_PAGE_SIZE: usize = ctapi::MAX_PAGE_SIZE as usize;
/// The longest query accepted, counted URL-encoded as the executor sends it
/// ([`ctapi::MAX_ENCODED_QUERY_LEN`], [`ctapi::encoded_len`]).
pub const MAX_QUERY_CHARS: usize = ctapi::MAX_ENCODED_QUERY_LEN;
/// The emulator: a database, the keys it accepts, and its result-set cache.
pub struct Emulator {
    db: Database,
    access: Access,
    environment: String,
    limits: Limits,
    stable_order: bool,
    requests: AtomicU64,
    cache: SnapshotCache,
}

impl std::fmt::Debug for Emulator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Emulator")
            .field("db", &self.db)
            .field("access", &self.access)
            .field("environment", &self.environment)
            .finish()
    }
}

fn json_response(status: u16, body: &Json) -> Response {
    Response {
        status,
        headers: vec![(
            "Content-Type".into(),
            "application/json; charset=utf-8".into(),
        )],
        body: body.to_string().into_bytes(),
    }
}

fn errors(status: u16, messages: impl IntoIterator<Item = String>) -> Response {
    let list: Vec<Json> = messages.into_iter().map(Json::String).collect();
    json_response(status, &json!({ "errors": list }))
}

fn empty(status: u16) -> Response {
    Response {
        status,
        headers: Vec::new(),
        body: Vec::new(),
    }
}

fn not_found() -> Response {
    json_response(
        404,
        &json!({"statusCode": 404, "message": "Resource not found"}),
    )
}

impl Emulator {
    /// An emulator over `db`, accepting `access`'s keys.
    pub fn new(db: Database, access: Access) -> Self {
        Emulator {
            db,
            access,
            environment: "Sandbox".into(),
            limits: Limits::default(),
            stable_order: false,
            requests: AtomicU64::new(0),
            cache: SnapshotCache::new(CacheBudget::default()),
        }
    }

    /// The `NAME` of `/auth/test`'s "... from the NAME ClientTrack environment."
    pub fn with_environment(mut self, name: impl Into<String>) -> Self {
        self.environment = name.into();
        self
    }

    /// How long a `shouldCache` snapshot lives (default 10 minutes).
    pub fn with_cache_ttl(self, ttl: Duration) -> Self {
        let budget = CacheBudget {
            ttl,
            ..self.cache.budget()
        };
        self.with_cache_budget(budget)
    }

    /// How much the `shouldCache` snapshots may hold, and for how long
    /// ([`CacheBudget::default`]: 512 MiB in all, 128 MiB per scope, 10 minutes).
    pub fn with_cache_budget(mut self, budget: CacheBudget) -> Self {
        self.cache = SnapshotCache::new(budget);
        self
    }

    /// Bytes the `shouldCache` snapshots hold now.
    pub fn cached_bytes(&self) -> usize {
        self.cache.held_bytes()
    }

    /// Bounds on each query (default: 30 s, a million rows, 64 MiB).
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Keeps rows in one order on every request even without `shouldCache` (by
    /// default they come in a different order each time, as CTAPI's do).
    pub fn with_stable_order(mut self, stable: bool) -> Self {
        self.stable_order = stable;
        self
    }

    /// CTAPI gives rows no stable order unless the result is cached (observed): a
    /// multi-page pull without `shouldCache` can repeat and miss rows. The sandbox
    /// shuffles such results so that a client that forgets `shouldCache` finds out
    /// here rather than in production.
    fn unstable_order(&self, rows: &mut [Vec<Value>]) {
        let mut rng = Rng::new(self.requests.fetch_add(1, Ordering::Relaxed));
        for i in (1..rows.len()).rev() {
            let j = rng.range(0, i as i64) as usize;
            rows.swap(i, j);
        }
    }

    /// The database.
    pub fn database(&self) -> &Database {
        &self.db
    }

    /// The keys.
    pub fn access(&self) -> &Access {
        &self.access
    }

    /// Answers one request.
    pub fn handle(&self, req: &Request) -> Response {
        let segments: Vec<&str> = req.path.split('/').filter(|s| !s.is_empty()).collect();
        let is = |i: usize, word: &str| {
            segments
                .get(i)
                .is_some_and(|s| s.eq_ignore_ascii_case(word))
        };
        enum Route<'a> {
            AuthTest,
            Crql,
            Procedure(&'a str),
            Describe(&'a str),
            Record(&'a str, &'a str),
        }
        let route = match (req.method, segments.len()) {
            (Method::Get, 2) if is(0, "auth") && is(1, "test") => Route::AuthTest,
            (Method::Get, 1) if is(0, "crql") => Route::Crql,
            (Method::Post, 3) if is(0, "crql") && is(1, "storedprocedures") => {
                Route::Procedure(segments[2])
            }
            (Method::Get, 3) if is(0, "cto") && is(2, "description") => {
                Route::Describe(segments[1])
            }
            (Method::Get, 3) if is(0, "cto") => Route::Record(segments[1], segments[2]),
            _ => return not_found(),
        };

        let header = |name: &str| {
            req.headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        };
        let subscription =
            header("Ocp-Apim-Subscription-Key").or_else(|| self.param(req, "subscription-key"));
        let caller = match self
            .access
            .authenticate(subscription, header("Authorization"))
        {
            Ok(c) => c,
            Err(denied) => return json_response(401, &denied.body()),
        };
        let org = match header("OrgId").map(str::trim) {
            None | Some("") => None,
            Some(v) => match v.parse::<i64>() {
                Ok(o) => Some(o),
                Err(_) => {
                    return errors(
                        400,
                        [format!("The OrgId header must be a number, not '{v}'.")],
                    );
                }
            },
        };
        let scope = caller.scope(org);

        match route {
            Route::AuthTest => self.auth_test(&caller),
            Route::Crql => self.crql(req, &scope),
            Route::Procedure(name) => self.procedure(req, name, &scope),
            Route::Describe(table) => self.describe(table),
            Route::Record(table, id) => self.record(table, id, &scope),
        }
    }

    /// A query-string parameter; names ignore case, as ASP.NET binds them.
    fn param<'r>(&self, req: &'r Request, name: &str) -> Option<&'r str> {
        req.query
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn auth_test(&self, caller: &Caller) -> Response {
        let who = match caller {
            Caller::Admin => "Sandbox Admin".to_owned(),
            Caller::User { orgs } => {
                let list: Vec<String> = orgs.iter().map(i64::to_string).collect();
                format!("Sandbox User (OrgID {})", list.join(", "))
            }
        };
        json_response(
            200,
            &json!({"message": format!("Hello {who} from the {} ClientTrack environment.", self.environment)}),
        )
    }

    fn crql(&self, req: &Request, scope: &Scope) -> Response {
        let Some(text) = self.param(req, "q").filter(|q| !q.trim().is_empty()) else {
            return errors(400, ["The query parameter 'q' is required.".to_owned()]);
        };
        let number = |name: &str, default: usize| -> Result<usize, Response> {
            match self.param(req, name).map(str::trim) {
                None | Some("") => Ok(default),
                Some(v) => match v.parse::<usize>() {
                    Ok(n) if n >= 1 => Ok(n),
                    _ => Err(errors(
                        400,
                        [format!(
                            "'{name}' must be a whole number of at least 1, not '{v}'."
                        )],
                    )),
                },
            }
        };
        let page_no = match number("pageNo", 1) {
            Ok(n) => n,
            Err(r) => return r,
        };
        let page_size = match number("pageSize", DEFAULT_PAGE_SIZE) {
            Ok(n) => n.min(MAX_PAGE_SIZE),
            Err(r) => return r,
        };
        let should_cache = match self.param(req, "shouldCache").map(str::trim) {
            None | Some("") => false,
            Some(v) if v.eq_ignore_ascii_case("true") || v == "1" => true,
            Some(v) if v.eq_ignore_ascii_case("false") || v == "0" => false,
            Some(v) => {
                return errors(
                    400,
                    [format!("'shouldCache' must be true or false, not '{v}'.")],
                );
            }
        };
        // Measured as the executor encodes it (a space is `%20`, 3 characters), the
        // same count as the linter's E0207.
        let len = ctapi::encoded_len(text);
        if len > MAX_QUERY_CHARS {
            return errors(
                400,
                [format!(
                    "The query is {len} characters long once URL-encoded; CRQL accepts at most {MAX_QUERY_CHARS}."
                )],
            );
        }
        let query = match crate::parse(text) {
            Ok(q) => q,
            Err(e) => return errors(400, [e.diagnostic().message.clone()]),
        };
        // What CRQL rejects is rejected here with the linter's words, as CTAPI would
        // reject it; warnings (slow ORDER BY, ...) do not stop a query.
        let refusals: Vec<String> = crate::lint::lint(&query, Schema::builtin())
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| d.message)
            .collect();
        if !refusals.is_empty() {
            return errors(400, refusals);
        }
        let sql = match translate(&query, scope) {
            Ok(s) => s,
            Err(e) => return errors(400, [e.message]),
        };

        let snapshot = if should_cache {
            self.cache
                .get_or_run((text.to_owned(), scope.clone()), || self.run(sql))
        } else {
            let ordered = !query.order_by.is_empty();
            self.run(sql).map(|mut s| {
                if !ordered && !self.stable_order {
                    self.unstable_order(&mut s.rows);
                }
                Arc::new(s)
            })
        };
        let snapshot = match snapshot {
            Ok(s) => s,
            // Too slow or too large is the query's fault, and a 400 is not retried.
            Err(e) if e.is_query_fault() => return errors(400, [e.to_string()]),
            Err(e) => return errors(500, [e.to_string()]),
        };

        let start = (page_no - 1).saturating_mul(page_size);
        let page = snapshot.rows.iter().skip(start).take(page_size);
        let mut table = Vec::new();
        for (i, row) in page.enumerate() {
            let mut obj = row_object(
                snapshot.columns.iter().map(|c| (c.name.as_str(), c.ty)),
                row,
            );
            obj.insert(ctapi::ROW_ID_COLUMN.into(), Json::from(i + 1));
            table.push(Json::Object(obj));
        }
        if table.is_empty() {
            // CTAPI's answer when there are no rows: a bare object.
            return json_response(200, &json!({}));
        }
        json_response(
            200,
            &json!({
                "recordCount": snapshot.rows.len(),
                "cacheExpirationDate": snapshot.expires_text,
                "data": {"Table1": table},
            }),
        )
    }

    fn run(&self, sql: Sql) -> Result<Snapshot, QueryError> {
        let limits = self.limits;
        let rows = self.db.query_limited(&sql, limits)?;
        let ttl = self.cache.budget().ttl;
        Ok(Snapshot {
            columns: sql.columns,
            bytes: db::result_bytes(&rows),
            rows,
            expires: Instant::now() + ttl,
            expires_text: json_now_plus(ttl.as_secs() as i64),
        })
    }

    fn procedure(&self, req: &Request, name: &str, scope: &Scope) -> Response {
        if !procedures::valid_name(name) {
            return not_found();
        }
        let params: Map<String, Json> = match req.body.as_deref().map(<[u8]>::trim_ascii) {
            None | Some(b"") => Map::new(),
            Some(body) => match serde_json::from_slice::<Json>(body) {
                Ok(Json::Object(m)) => m,
                Ok(_) => {
                    return errors(
                        400,
                        ["The body must be a JSON object of parameters.".to_owned()],
                    );
                }
                Err(e) => return errors(400, [format!("The body is not valid JSON: {e}.")]),
            },
        };
        match procedures::call(&self.db, name, &params, scope) {
            Outcome::Ok(body) => json_response(200, &body),
            Outcome::Unknown => empty(500),
            Outcome::Unavailable(msg) => errors(401, [msg]),
            Outcome::BadRequest(msg) => errors(400, [msg]),
            Outcome::Failed(e) => errors(500, [e.0]),
        }
    }

    fn describe(&self, table: &str) -> Response {
        let Some(t) = catalog().table(table) else {
            return not_found();
        };
        let metadata: Vec<Json> = t
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                json!({
                    "attributeName": c.name,
                    "dataType": c.ty.api_name(),
                    "isPrimaryKey": i == 0,
                    "isNullable": i != 0,
                })
            })
            .collect();
        json_response(200, &json!({ "metadata": metadata }))
    }

    fn record(&self, table: &str, id: &str, scope: &Scope) -> Response {
        let Some(t) = catalog().table(table) else {
            return not_found();
        };
        let Ok(id) = id.trim().parse::<i64>() else {
            return not_found();
        };
        let mut params = Vec::new();
        let src = scoped_source(t.name, "t", scope, &mut params);
        params.push(Value::Int(id));
        let cols: Vec<String> = t
            .columns
            .iter()
            .map(|c| format!("t.{}", quote(c.name)))
            .collect();
        let sql = format!(
            "SELECT {} FROM {src} WHERE t.{} = ?{}",
            cols.join(", "),
            quote(t.key().name),
            params.len()
        );
        let found = self.db.with_conn(|c| {
            let mut stmt = c.prepare_cached(&sql)?;
            let mut rows = stmt.query(rusqlite::params_from_iter(params.iter()))?;
            match rows.next()? {
                Some(r) => Ok(Some(
                    (0..t.columns.len())
                        .map(|i| r.get_ref(i).map(Value::from))
                        .collect::<Result<Vec<_>, _>>()?,
                )),
                None => Ok(None),
            }
        });
        match found {
            Ok(Some(row)) => json_response(
                200,
                &Json::Object(row_object(t.columns.iter().map(|c| (c.name, c.ty)), &row)),
            ),
            Ok(None) => not_found(),
            Err(e) => errors(500, [e.0]),
        }
    }
}

/// In process: `crql run` and library users talk to the emulator without a socket.
impl Transport for Emulator {
    fn send(&self, request: &Request) -> Result<Response, TransportError> {
        Ok(self.handle(request))
    }
}
