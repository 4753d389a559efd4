//! Configuring a [`Client`]: the builder, the environment, endpoint rules.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use super::client::{Client, Event};
use super::error::Error;
use super::retry::RetryPolicy;
use super::secret::Secret;
use super::transport::Transport;

/// CTAPI's production base URL.
pub const PRODUCTION_ENDPOINT: &str = "https://api.clienttrack.net";
/// Page size when none is set (CTAPI's own default).
pub const DEFAULT_PAGE_SIZE: u32 = crate::ctapi::DEFAULT_PAGE_SIZE;
/// The largest page CTAPI serves (observed). A larger request would come back
/// short, and a short page means "last page": rows would be lost.
pub const MAX_PAGE_SIZE: u32 = crate::ctapi::MAX_PAGE_SIZE;
/// Timeout of one exchange when none is set. CTAPI itself aborts at about 30 s.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(45);

/// The environment variable [`ClientBuilder::from_env`] reads the endpoint from.
pub const ENV_ENDPOINT: &str = "CRQL_ENDPOINT";
/// The environment variable [`ClientBuilder::from_env`] reads the subscription key from.
pub const ENV_SUBSCRIPTION_KEY: &str = "CRQL_SUBSCRIPTION_KEY";
/// The environment variable [`ClientBuilder::from_env`] reads the ApiKey from.
pub const ENV_API_KEY: &str = "CRQL_API_KEY";
/// The environment variable [`ClientBuilder::from_env`] reads the `OrgId` header from.
pub const ENV_ORG_ID: &str = "CRQL_ORG_ID";

/// Where the subscription key travels.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum KeyPlacement {
    /// `Ocp-Apim-Subscription-Key: KEY` (default: headers are not logged by proxies).
    #[default]
    Header,
    /// `?subscription-key=KEY`.
    QueryParameter,
}

/// When to ask CTAPI to snapshot the result set (`shouldCache`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CacheMode {
    /// On when the pull may take more than one page, off for a single page.
    #[default]
    Auto,
    /// Always `shouldCache=true`.
    Always,
    /// Always `shouldCache=false`.
    Never,
}

pub(crate) type EventHook = Arc<dyn Fn(&Event) + Send + Sync>;

/// Builds a [`Client`].
///
/// ```
/// # #[cfg(feature = "http")] {
/// let client = crql::exec::Client::builder()
///     .endpoint("https://api.clienttrack.net")
///     .subscription_key("sub-key")
///     .api_key("api-key")
///     .page_size(200)
///     .build()
///     .unwrap();
/// assert!(!format!("{client:?}").contains("api-key"));
/// # }
/// ```
#[derive(Clone, Default)]
pub struct ClientBuilder {
    pub(crate) endpoint: Option<String>,
    pub(crate) subscription_key: Option<Secret>,
    pub(crate) key_placement: KeyPlacement,
    pub(crate) api_key: Option<Secret>,
    pub(crate) org_id: Option<u64>,
    pub(crate) timeout: Option<Duration>,
    pub(crate) page_size: Option<u32>,
    pub(crate) cache: CacheMode,
    pub(crate) schema: Option<Arc<crate::schema::Schema>>,
    pub(crate) retry: RetryPolicy,
    pub(crate) transport: Option<Arc<dyn Transport>>,
    pub(crate) on_event: Option<EventHook>,
    pub(crate) env_error: Option<String>,
}

impl ClientBuilder {
    /// An empty builder: no endpoint, no keys, defaults everywhere.
    pub fn new() -> Self {
        ClientBuilder::default()
    }

    /// A builder primed from `CRQL_ENDPOINT`, `CRQL_SUBSCRIPTION_KEY`, `CRQL_API_KEY`
    /// and `CRQL_ORG_ID` (each optional; later builder calls override them).
    pub fn from_env() -> Self {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Like [`ClientBuilder::from_env`] with another source of variables.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Self {
        let get = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());
        let mut b = ClientBuilder::new();
        b.endpoint = get(ENV_ENDPOINT);
        b.subscription_key = get(ENV_SUBSCRIPTION_KEY).map(Secret::from);
        b.api_key = get(ENV_API_KEY).map(Secret::from);
        if let Some(org) = get(ENV_ORG_ID) {
            match org.trim().parse() {
                Ok(n) => b.org_id = Some(n),
                Err(_) => b.env_error = Some(format!("{ENV_ORG_ID} is not a number")),
            }
        }
        b
    }

    /// Applies a project's `crql.toml` and schema cache (see [`crate::config`]): its
    /// `[run] endpoint` when no endpoint is set yet (so `CRQL_ENDPOINT`, read by
    /// [`ClientBuilder::from_env`], and an earlier [`ClientBuilder::endpoint`] win,
    /// as they do for `crql run`), and the project's schema — the built-in one, the
    /// `[lint] schema` sources and the tables cached in `.crql/schema/` — which the
    /// client lints every query against before sending it. Keys never come from
    /// the file. A schema source that cannot be read is [`Error::Config`].
    ///
    /// ```no_run
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use crql::config::Config;
    /// use crql::exec::ClientBuilder;
    ///
    /// let project = Config::discover(std::path::Path::new("."))?;
    /// let client = ClientBuilder::from_env().with_config(&project)?.build()?;
    /// // Refused here, before sending, if the cached description of cmClient lacks
    /// // BirthDate; sent (the built-in schema's W0102 is only a warning) otherwise.
    /// let q = crql::parse("SELECT TOP 5 ClientID, BirthDate FROM cmClient")?;
    /// let rows = client.fetch_all(&q)?;
    /// # let _ = rows; Ok(()) }
    /// ```
    pub fn with_config(self, config: &crate::config::Config) -> Result<Self, Error> {
        let schema = config
            .schema()
            .map_err(|e| Error::Config(format!("project schema: {e}")))?;
        Ok(self.project_endpoint(config).schema(schema))
    }

    /// The project's `[run] endpoint`, when no endpoint is set yet.
    pub fn project_endpoint(mut self, config: &crate::config::Config) -> Self {
        if self.endpoint.is_none() {
            self.endpoint.clone_from(&config.run.endpoint);
        }
        self
    }

    /// The base URL, e.g. `https://api.clienttrack.net`. HTTPS is required; plain
    /// `http://` is accepted only for loopback hosts (127.0.0.0/8, `::1`, `localhost`).
    pub fn endpoint(mut self, url: impl Into<String>) -> Self {
        self.endpoint = Some(url.into());
        self
    }

    /// The endpoint set so far (by [`ClientBuilder::from_env`] or
    /// [`ClientBuilder::endpoint`]), not yet validated; `None` when there is none, so
    /// that a caller can pick its own default.
    pub fn configured_endpoint(&self) -> Option<&str> {
        self.endpoint.as_deref()
    }

    /// The API Management subscription key.
    pub fn subscription_key(mut self, key: impl Into<Secret>) -> Self {
        self.subscription_key = Some(key.into());
        self
    }

    /// Header (default) or query parameter for the subscription key.
    pub fn key_placement(mut self, placement: KeyPlacement) -> Self {
        self.key_placement = placement;
        self
    }

    /// The key sent as `Authorization: ApiKey KEY`.
    pub fn api_key(mut self, key: impl Into<Secret>) -> Self {
        self.api_key = Some(key.into());
        self
    }

    /// Sends `OrgId: N`, limiting a user key to one organisation.
    pub fn org_id(mut self, org: u64) -> Self {
        self.org_id = Some(org);
        self
    }

    /// Timeout of one exchange (each attempt of each page).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Rows per page, 1 to 500 (default 25).
    pub fn page_size(mut self, rows: u32) -> Self {
        self.page_size = Some(rows);
        self
    }

    /// When to send `shouldCache=true`.
    pub fn cache(mut self, mode: CacheMode) -> Self {
        self.cache = mode;
        self
    }

    /// The schema queries are linted against before they are sent (default: the
    /// built-in ClientTrack schema). Use a pulled schema (`crql schema pull`) for
    /// tables the built-in one does not know.
    pub fn schema(mut self, schema: crate::schema::Schema) -> Self {
        self.schema = Some(Arc::new(schema));
        self
    }

    /// The retry policy (default: 4 attempts, 250 ms doubling to 8 s, with jitter).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Uses `transport` instead of HTTPS (the sandbox, a scripted transport). The
    /// endpoint is then only used to print URLs.
    pub fn transport(mut self, transport: impl Transport + 'static) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }

    /// Like [`ClientBuilder::transport`], for a shared transport.
    pub fn shared_transport(mut self, transport: Arc<dyn Transport>) -> Self {
        self.transport = Some(transport);
        self
    }

    /// Calls `hook` for every request, retry and page: the client's log. Lines never
    /// contain a key.
    pub fn on_event(mut self, hook: impl Fn(&Event) + Send + Sync + 'static) -> Self {
        self.on_event = Some(Arc::new(hook));
        self
    }

    /// Validates the configuration and makes the client.
    pub fn build(self) -> Result<Client, Error> {
        Client::from_builder(self)
    }
}

/// Starts the `Debug` of a [`ClientBuilder`] or a client's settings, which share these
/// field names: one list, so a setting added to both cannot be shown by one and
/// forgotten by the other. The keys must be [`Secret`]s (checked at compile time),
/// whose `Debug` never shows the value.
macro_rules! debug_settings {
    ($f:expr, $name:literal, $s:expr) => {{
        let s = $s;
        let _: [&Option<$crate::exec::Secret>; 2] = [&s.subscription_key, &s.api_key];
        let mut d = $f.debug_struct($name);
        d.field("endpoint", &s.endpoint)
            .field("subscription_key", &s.subscription_key)
            .field("key_placement", &s.key_placement)
            .field("api_key", &s.api_key)
            .field("org_id", &s.org_id)
            .field("timeout", &s.timeout)
            .field("page_size", &s.page_size)
            .field("cache", &s.cache)
            .field("custom_schema", &s.schema.is_some())
            .field("retry", &s.retry);
        d
    }};
}
pub(super) use debug_settings;

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        debug_settings!(f, "ClientBuilder", self)
            .field("custom_transport", &self.transport.is_some())
            .finish()
    }
}

/// Checks an endpoint and returns it without a trailing `/`.
pub fn validate_endpoint(url: &str) -> Result<String, Error> {
    let bad = |why: &str| Err(Error::Config(format!("endpoint `{url}` {why}")));
    let url = url.trim();
    let (scheme, rest) = match url.split_once("://") {
        Some((s, r)) => (s.to_ascii_lowercase(), r),
        None => return bad("is not an absolute URL (expected https://host)"),
    };
    if rest.contains(['?', '#']) {
        return bad("must not have a query or fragment");
    }
    let authority = rest.split('/').next().unwrap_or("");
    if authority.contains('@') {
        return bad("must not carry credentials; use the key settings");
    }
    let host = host_of(authority);
    if host.is_empty() {
        return bad("has no host");
    }
    match scheme.as_str() {
        "https" => {}
        "http" if is_loopback(host) => {}
        "http" => {
            return bad(
                "uses plain HTTP, which CTAPI refuses; use https:// (plain http is only for loopback)",
            );
        }
        _ => return bad("must use https://"),
    }
    Ok(url.trim_end_matches('/').to_owned())
}

fn host_of(authority: &str) -> &str {
    if let Some(rest) = authority.strip_prefix('[') {
        return rest.split(']').next().unwrap_or("");
    }
    authority.split(':').next().unwrap_or("")
}

fn is_loopback(host: &str) -> bool {
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    match host.parse::<std::net::IpAddr>() {
        Ok(ip) => ip.is_loopback(),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints() {
        assert_eq!(
            validate_endpoint("https://api.clienttrack.net/").unwrap(),
            "https://api.clienttrack.net"
        );
        for ok in [
            "http://127.0.0.1:8080",
            "http://127.9.9.9",
            "http://[::1]:9/x",
            "http://localhost:1",
            "HTTPS://h/base",
        ] {
            assert!(validate_endpoint(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://api.clienttrack.net",
            "http://10.0.0.1",
            "http://localhost.evil.com",
            "http://127.0.0.1.nip.io",
            "ftp://x",
            "api.clienttrack.net",
            "https://user:pw@h",
            "https://h/?q=1",
            "https://",
        ] {
            assert!(validate_endpoint(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn env_is_read_and_org_checked() {
        let b = ClientBuilder::from_lookup(|n| match n {
            ENV_ENDPOINT => Some("https://e".into()),
            ENV_API_KEY => Some("api".into()),
            ENV_ORG_ID => Some("12".into()),
            _ => None,
        });
        assert_eq!(b.configured_endpoint(), Some("https://e"));
        assert_eq!(b.org_id, Some(12));
        assert!(b.subscription_key.is_none());
        let b = ClientBuilder::from_lookup(|n| (n == ENV_ORG_ID).then(|| "x".into()));
        assert!(b.env_error.is_some());
        assert_eq!(b.configured_endpoint(), None);
    }
}
