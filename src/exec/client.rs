//! The [`Client`]: credentials, one exchange with retries, and the non-query calls.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use serde_json::{Map, Value};

use super::config::{
    CacheMode, ClientBuilder, EventHook, KeyPlacement, debug_settings, validate_endpoint,
};
use super::config::{DEFAULT_PAGE_SIZE, DEFAULT_TIMEOUT, MAX_PAGE_SIZE};
use super::envelope::{self, AuthInfo, ProcedureResult, Row};
use super::error::Error;
use super::retry::{self, RetryPolicy, Verdict};
use super::secret::{Redactor, Secret};
use super::transport::{Method, Request, Response, Transport};
use super::url::request_url;
use crate::ctapi::encode_component;

/// Something the client did, for logs and progress. `Display` gives one log line;
/// no event ever carries a key.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Event {
    /// A request is about to go out (attempt 1, 2, ...).
    Request {
        /// The HTTP method.
        method: Method,
        /// The path below the endpoint (never the query string, which may hold a key).
        path: String,
        /// 1 for the first try.
        attempt: u32,
    },
    /// An attempt failed retryably; the client waits `delay` and tries again.
    Retry {
        /// The attempt that failed.
        attempt: u32,
        /// How long the client waits before the next one.
        delay: Duration,
        /// Why it failed, keys redacted.
        error: String,
    },
    /// A `/crql` page arrived. `record_count` is the server's claim, shown for
    /// progress only: paging never trusts it.
    Page {
        /// The 1-based page number.
        page: u32,
        /// Rows on this page.
        rows: usize,
        /// The total the server claims, when it sent one.
        record_count: Option<u64>,
    },
}

impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Event::Request {
                method,
                path,
                attempt,
            } => write!(f, "request {method:?} {path} (attempt {attempt})"),
            Event::Retry {
                attempt,
                delay,
                error,
            } => write!(
                f,
                "attempt {attempt} failed ({error}); retrying in {delay:?}"
            ),
            Event::Page {
                page,
                rows,
                record_count,
            } => {
                write!(f, "page {page}: {rows} rows")?;
                if let Some(n) = record_count {
                    write!(f, " (server reports {n} in all)")?;
                }
                Ok(())
            }
        }
    }
}

/// A CTAPI client over any [`Transport`]. Cheap to clone (shared inside).
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) endpoint: Option<String>,
    subscription_key: Option<Secret>,
    key_placement: KeyPlacement,
    api_key: Option<Secret>,
    org_id: Option<u64>,
    pub(crate) timeout: Duration,
    pub(crate) page_size: u32,
    pub(crate) cache: CacheMode,
    pub(crate) schema: Option<Arc<crate::schema::Schema>>,
    retry: RetryPolicy,
    transport: Arc<dyn Transport>,
    on_event: Option<EventHook>,
    redactor: Redactor,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        debug_settings!(f, "Client", &*self.inner).finish_non_exhaustive()
    }
}

impl Client {
    /// A builder with nothing set.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    /// A client configured from the `CRQL_*` environment variables alone.
    pub fn from_env() -> Result<Client, Error> {
        ClientBuilder::from_env().build()
    }

    pub(crate) fn from_builder(b: ClientBuilder) -> Result<Client, Error> {
        if let Some(e) = b.env_error {
            return Err(Error::Config(e));
        }
        let page_size = b.page_size.unwrap_or(DEFAULT_PAGE_SIZE);
        if !(1..=MAX_PAGE_SIZE).contains(&page_size) {
            return Err(Error::Config(format!(
                "page size {page_size} is outside 1..={MAX_PAGE_SIZE} (CTAPI caps pages at {MAX_PAGE_SIZE})"
            )));
        }
        if b.retry.max_attempts == 0 {
            return Err(Error::Config("retry policy allows no attempt".into()));
        }
        let endpoint = b.endpoint.as_deref().map(validate_endpoint).transpose()?;
        let transport = match (b.transport, &endpoint) {
            (Some(t), _) => t,
            (None, Some(base)) => http_transport(base, b.timeout.unwrap_or(DEFAULT_TIMEOUT))?,
            (None, None) => {
                return Err(Error::Config(format!(
                    "no endpoint: set {} or ClientBuilder::endpoint",
                    super::config::ENV_ENDPOINT
                )));
            }
        };
        let redactor = Redactor::new(b.subscription_key.iter().chain(b.api_key.iter()).cloned());
        Ok(Client {
            inner: Arc::new(Inner {
                endpoint,
                subscription_key: b.subscription_key,
                key_placement: b.key_placement,
                api_key: b.api_key,
                org_id: b.org_id,
                timeout: b.timeout.unwrap_or(DEFAULT_TIMEOUT),
                page_size,
                cache: b.cache,
                schema: b.schema,
                retry: b.retry,
                transport,
                on_event: b.on_event,
                redactor,
            }),
        })
    }

    /// The endpoint, when one is configured.
    pub fn endpoint(&self) -> Option<&str> {
        self.inner.endpoint.as_deref()
    }

    /// The configured page size.
    pub fn page_size(&self) -> u32 {
        self.inner.page_size
    }

    pub(crate) fn emit(&self, event: Event) {
        if let Some(hook) = &self.inner.on_event {
            hook(&event);
        }
    }

    /// A request with the credentials attached.
    pub(crate) fn request(
        &self,
        method: Method,
        path: String,
        mut query: Vec<(String, String)>,
        body: Option<Vec<u8>>,
    ) -> Request {
        let i = &self.inner;
        let mut headers = vec![("Accept".to_owned(), "application/json".to_owned())];
        if body.is_some() {
            headers.push(("Content-Type".into(), "application/json".into()));
        }
        if let Some(k) = &i.subscription_key {
            match i.key_placement {
                KeyPlacement::Header => {
                    headers.push(("Ocp-Apim-Subscription-Key".into(), k.expose().into()))
                }
                KeyPlacement::QueryParameter => {
                    query.push(("subscription-key".into(), k.expose().into()))
                }
            }
        }
        if let Some(k) = &i.api_key {
            headers.push(("Authorization".into(), format!("ApiKey {}", k.expose())));
        }
        if let Some(org) = i.org_id {
            headers.push(("OrgId".into(), org.to_string()));
        }
        Request {
            method,
            path,
            query,
            headers,
            body,
            timeout: i.timeout,
        }
    }

    /// The URL of `request` with any key in it redacted, for printing.
    pub(crate) fn display_url(&self, request: &Request) -> Option<String> {
        let base = self.inner.endpoint.as_deref()?;
        let mut shown = request.clone();
        for (k, v) in &mut shown.query {
            if super::transport::is_secret(k) {
                *v = "<redacted>".into();
            }
        }
        Some(request_url(base, &shown))
    }

    /// Sends `request`, retrying what may be retried, and returns a 2xx response.
    /// `idempotent` is false for stored procedures (see [`RetryPolicy::retry_procedures`]).
    pub(crate) fn exchange(&self, request: &Request, idempotent: bool) -> Result<Response, Error> {
        let policy = &self.inner.retry;
        let idempotent = idempotent || policy.retry_procedures;
        let mut attempt = 0;
        loop {
            attempt += 1;
            self.emit(Event::Request {
                method: request.method,
                path: request.path.clone(),
                attempt,
            });
            let (error, verdict) = match self.inner.transport.send(request) {
                Ok(r) if (200..300).contains(&r.status) => return Ok(r),
                Ok(r) => (
                    self.scrub(envelope::status_error(&r, &request.path)),
                    retry::status_verdict(&r, idempotent),
                ),
                Err(e) => {
                    let verdict = retry::transport_verdict(&e, idempotent);
                    (self.scrub(Error::from(e)), verdict)
                }
            };
            let after = match verdict {
                Verdict::Final => return Err(error),
                Verdict::Retry(after) => after,
            };
            let give_up = |error: Error| {
                if attempt > 1 {
                    Error::RetriesExhausted {
                        attempts: attempt,
                        last: Box::new(error),
                    }
                } else {
                    error
                }
            };
            if attempt >= policy.max_attempts {
                return Err(give_up(error));
            }
            let delay = match after {
                Some(d) if d > policy.max_retry_after => return Err(give_up(error)),
                Some(d) => d,
                None => policy.backoff(attempt),
            };
            self.emit(Event::Retry {
                attempt,
                delay,
                error: error.to_string(),
            });
            policy.sleeper.sleep(delay);
        }
    }

    /// Makes the text an error carries fit to show: keys removed (before anything
    /// is cut), control characters escaped, long text cut.
    pub(crate) fn scrub(&self, error: Error) -> Error {
        let r = &self.inner.redactor;
        let m = |text: &str| r.shown(text, envelope::MESSAGE_CHARS);
        use super::transport::TransportError as T;
        match error {
            Error::Transport(T::Connect(s)) => Error::Transport(T::Connect(m(&s))),
            Error::Transport(T::Other(s)) => Error::Transport(T::Other(m(&s))),
            Error::SubscriptionKey { message } => Error::SubscriptionKey {
                message: m(&message),
            },
            Error::ApiKey { message } => Error::ApiKey {
                message: m(&message),
            },
            Error::ProcedureUnavailable { message } => Error::ProcedureUnavailable {
                message: m(&message),
            },
            Error::Unauthorized { message } => Error::Unauthorized {
                message: m(&message),
            },
            Error::Http { status, message } => Error::Http {
                status,
                message: m(&message),
            },
            Error::Envelope { reason, excerpt } => Error::Envelope {
                reason: m(&reason),
                excerpt: r.shown(&excerpt, envelope::EXCERPT_CHARS),
            },
            other => other,
        }
    }

    fn get_json<T>(
        &self,
        path: String,
        read: impl FnOnce(&[u8]) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let request = self.request(Method::Get, path, Vec::new(), None);
        let response = self.exchange(&request, true)?;
        read(&response.body).map_err(|e| self.scrub(e))
    }

    /// `GET /auth/test`: checks the credentials and names the environment.
    pub fn auth_test(&self) -> Result<AuthInfo, Error> {
        self.get_json("/auth/test".into(), envelope::auth)
    }

    /// `POST /crql/storedprocedures/{name}` with `params` as the JSON body; every
    /// result set and the output parameters.
    ///
    /// `name` must be `[schema.]name` of ASCII letters, digits and `_` (it lands in
    /// the URL path, and the endpoint runs whatever it names). Not retried on 5xx or
    /// timeouts unless [`RetryPolicy::retry_procedures`] is set.
    pub fn call_procedure(
        &self,
        name: &str,
        params: &Map<String, Value>,
    ) -> Result<ProcedureResult, Error> {
        validate_name(name, true)?;
        let body = serde_json::to_vec(params).map_err(|e| Error::Config(e.to_string()))?;
        let path = format!("/crql/storedprocedures/{}", encode_component(name));
        let request = self.request(Method::Post, path, Vec::new(), Some(body));
        let response = self.exchange(&request, false)?;
        envelope::procedure(&response.body).map_err(|e| self.scrub(e))
    }

    /// `GET /cto/{table}/description`: the live column list of a table, as a schema
    /// [`Table`](crate::schema::Table) (types from the description where it gives
    /// them, else inferred from the names; every other key kept).
    pub fn describe(&self, table: &str) -> Result<crate::schema::Table, Error> {
        validate_name(table, false)?;
        self.get_json(
            format!("/cto/{}/description", encode_component(table)),
            |body| {
                // The envelope check first: it names what is missing and quotes the body.
                envelope::description(body)?;
                let text = String::from_utf8_lossy(body);
                crate::schema::Table::from_description(table, &text).map_err(|e| Error::Envelope {
                    reason: e.message,
                    excerpt: envelope::excerpt(body),
                })
            },
        )
    }

    /// `GET /cto/{table}/{id}`: one full record. An unknown id is [`Error::NotFound`].
    pub fn get(&self, table: &str, id: impl fmt::Display) -> Result<Row, Error> {
        validate_name(table, false)?;
        let id = id.to_string();
        if id.is_empty() {
            return Err(Error::InvalidName {
                name: id,
                reason: "the id is empty",
            });
        }
        self.get_json(
            format!("/cto/{}/{}", encode_component(table), encode_component(&id)),
            envelope::record,
        )
    }
}

/// `[schema.]name` (procedures) or `name` (tables) of ASCII word characters.
pub fn validate_name(name: &str, allow_schema: bool) -> Result<(), Error> {
    let bad = |reason| {
        Err(Error::InvalidName {
            name: name.chars().take(80).collect(),
            reason,
        })
    };
    if name.len() > 128 {
        return bad("longer than 128 characters");
    }
    let parts: Vec<&str> = name.split('.').collect();
    if parts.len() > if allow_schema { 2 } else { 1 } {
        return bad(if allow_schema {
            "at most one `.` (schema.name)"
        } else {
            "a table name has no `.`"
        });
    }
    for part in parts {
        if part.is_empty() {
            return bad("empty name part");
        }
        if !part.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            return bad("only letters, digits and `_` are allowed");
        }
    }
    Ok(())
}

#[cfg(feature = "http")]
fn http_transport(base: &str, timeout: Duration) -> Result<Arc<dyn Transport>, Error> {
    Ok(Arc::new(super::http::HttpTransport::with_timeout(
        base, timeout,
    )?))
}

#[cfg(not(feature = "http"))]
fn http_transport(_base: &str, _timeout: Duration) -> Result<Arc<dyn Transport>, Error> {
    Err(Error::Config(
        "this build has no HTTPS transport (enable feature `http`) and no transport was given"
            .into(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for ok in ["GetClients", "dbo.Get_Clients2"] {
            assert!(validate_name(ok, true).is_ok(), "{ok}");
        }
        for bad in [
            "", "a.b.c", "../x", "a b", "x;drop", "dbo.", ".x", "é", "a/b", "a%2F",
        ] {
            assert!(validate_name(bad, true).is_err(), "{bad}");
        }
        assert!(validate_name("dbo.x", false).is_err());
    }
}
