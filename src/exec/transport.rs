//! The seam between the executor and the network: one method, request in, response out.
//!
//! Implementations: the HTTPS transport (feature `http`), the in-process sandbox
//! (feature `sandbox`), and scripted transports in tests.

use std::fmt;
use std::time::Duration;

/// HTTP method. CTAPI reads with GET; stored procedures are POST.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
}

/// One HTTP request, independent of any client crate.
#[derive(Clone)]
pub struct Request {
    /// `GET` or `POST`.
    pub method: Method,
    /// The path below the endpoint, starting with `/`: `/crql`, `/auth/test`.
    pub path: String,
    /// Query-string pairs, not yet encoded.
    pub query: Vec<(String, String)>,
    /// Header pairs. Credentials travel here (or in `query`); `Debug` redacts them.
    pub headers: Vec<(String, String)>,
    /// A JSON body (stored procedures).
    pub body: Option<Vec<u8>>,
    /// How long the whole exchange may take.
    pub timeout: Duration,
}

/// Names whose values are secrets: never printed.
pub(crate) fn is_secret(name: &str) -> bool {
    name.eq_ignore_ascii_case("authorization")
        || name.eq_ignore_ascii_case("ocp-apim-subscription-key")
        || name.eq_ignore_ascii_case("subscription-key")
}

struct Redacted<'a>(&'a [(String, String)]);

impl fmt::Debug for Redacted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.0.iter().map(|(k, v)| {
                let v: &str = if is_secret(k) { "<redacted>" } else { v };
                (k.as_str(), v)
            }))
            .finish()
    }
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &Redacted(&self.query))
            .field("headers", &Redacted(&self.headers))
            .field("body", &self.body.as_ref().map(|b| b.len()))
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// One HTTP response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    /// The HTTP status code.
    pub status: u16,
    /// Header pairs; names as received.
    pub headers: Vec<(String, String)>,
    /// The body, as bytes (JSON from CTAPI).
    pub body: Vec<u8>,
}

impl Response {
    /// The first header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A failure below HTTP: nothing (or nothing complete) came back.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TransportError {
    /// Could not connect, or the connection dropped.
    #[error("connection failed: {0}")]
    Connect(String),
    /// No complete answer within the request's timeout.
    #[error("timed out after {0:?}")]
    Timeout(Duration),
    /// Anything else (TLS, malformed HTTP, ...).
    #[error("transport error: {0}")]
    Other(String),
}

/// Sends one request and returns the response.
///
/// Implementations do not retry and do not interpret the status: the executor does.
pub trait Transport: Send + Sync {
    /// Performs the exchange.
    fn send(&self, request: &Request) -> Result<Response, TransportError>;
}
