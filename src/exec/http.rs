//! The HTTPS transport, on ureq.
//!
//! ureq because the executor is synchronous (an iterator of rows), and ureq is a
//! small blocking client with rustls: no async runtime, no OpenSSL, few
//! dependencies. Redirects are not followed (CTAPI does not redirect, and a
//! redirect must not carry the keys elsewhere); statuses are returned, not raised.

use std::io::ErrorKind;
use std::time::Duration;

use super::error::Error;
use super::transport::{Method, Request, Response, Transport, TransportError};
use super::url::request_url;

/// Largest body read (a 500-row page of wide rows is a few MB).
const MAX_BODY_BYTES: u64 = 256 << 20;

/// Sends requests to `base` over HTTPS (or HTTP on loopback) with a pooled agent.
#[derive(Debug)]
pub struct HttpTransport {
    base: String,
    agent: ureq::Agent,
    /// The agent's own timeout; a request asking for another one overrides it.
    timeout: Duration,
}

impl HttpTransport {
    /// A transport for `base` (validated: HTTPS, or HTTP on loopback).
    pub fn new(base: &str) -> Result<Self, Error> {
        Self::with_timeout(base, super::config::DEFAULT_TIMEOUT)
    }

    /// A transport whose agent times exchanges out after `timeout`. Requests with
    /// the same timeout (the client's) skip a per-request override, which costs
    /// ureq a configuration copy per call.
    pub fn with_timeout(base: &str, timeout: Duration) -> Result<Self, Error> {
        let base = super::config::validate_endpoint(base)?;
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .max_redirects(0)
            .user_agent(concat!("crql/", env!("CARGO_PKG_VERSION")))
            .build()
            .new_agent();
        Ok(HttpTransport {
            base,
            agent,
            timeout,
        })
    }

    /// The base URL.
    pub fn base(&self) -> &str {
        &self.base
    }
}

impl Transport for HttpTransport {
    fn send(&self, request: &Request) -> Result<Response, TransportError> {
        let url = request_url(&self.base, request);
        let timeout = request.timeout;
        let result = match request.method {
            Method::Get => {
                let mut b = self.agent.get(&url);
                for (k, v) in &request.headers {
                    b = b.header(k, v);
                }
                if timeout == self.timeout {
                    b.call()
                } else {
                    b.config().timeout_global(Some(timeout)).build().call()
                }
            }
            Method::Post => {
                let mut b = self.agent.post(&url);
                for (k, v) in &request.headers {
                    b = b.header(k, v);
                }
                let body = request.body.as_deref().unwrap_or_default();
                if timeout == self.timeout {
                    b.send(body)
                } else {
                    b.config().timeout_global(Some(timeout)).build().send(body)
                }
            }
        };
        let mut response = result.map_err(|e| map_error(e, timeout))?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_owned(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        let body = response
            .body_mut()
            .with_config()
            .limit(MAX_BODY_BYTES)
            .read_to_vec()
            .map_err(|e| map_error(e, timeout))?;
        Ok(Response {
            status,
            headers,
            body,
        })
    }
}

/// Timeouts become `Timeout`, anything that looks like the connection failing or
/// dropping (a body cut short included) becomes `Connect`: both are retried.
fn map_error(e: ureq::Error, timeout: Duration) -> TransportError {
    use ureq::Error as U;
    match e {
        U::Timeout(_) => TransportError::Timeout(timeout),
        U::Io(io) => match io.kind() {
            ErrorKind::TimedOut | ErrorKind::WouldBlock => TransportError::Timeout(timeout),
            _ => TransportError::Connect(io.to_string()),
        },
        U::HostNotFound => TransportError::Connect("host not found".into()),
        U::ConnectionFailed => TransportError::Connect("connection failed".into()),
        U::Protocol(p) => TransportError::Connect(format!("protocol: {p}")),
        U::BodyStalled => TransportError::Timeout(timeout),
        other => TransportError::Other(other.to_string()),
    }
}
