//! The executor: a CTAPI client over a pluggable [`Transport`].
//!
//! - [`Client`] / [`ClientBuilder`]: endpoint, keys, page size, retries.
//! - [`Rows`]: a query's rows, page after page, never lost or repeated.
//! - [`Error`]: one typed error with miette codes `crql::exec::*`.
//! - [`Transport`]: one HTTP exchange ([`Request`] → [`Response`]); `HttpTransport`
//!   (feature `http`) is HTTPS to CTAPI, and [`request_url`] the exact URL it sends.
//! - [`testing`]: scripted transports for tests.
//! - [`shown`]: server text made safe for a terminal.

mod client;
mod config;
mod envelope;
mod error;
#[cfg(feature = "http")]
mod http;
mod paging;
mod query;
mod retry;
mod secret;
pub mod shown;
pub mod testing;
mod transport;
mod url;

pub use client::{Client, Event, validate_name};
pub use config::{
    CacheMode, ClientBuilder, DEFAULT_PAGE_SIZE, DEFAULT_TIMEOUT, ENV_API_KEY, ENV_ENDPOINT,
    ENV_ORG_ID, ENV_SUBSCRIPTION_KEY, KeyPlacement, MAX_PAGE_SIZE, PRODUCTION_ENDPOINT,
    validate_endpoint,
};
pub use envelope::{AuthInfo, ProcedureResult, ROW_ID_COLUMN, Row};
pub use error::{Error, Result};
#[cfg(feature = "http")]
pub use http::HttpTransport;
pub use paging::{
    DEFAULT_MAX_PAGES, QueryOptions, REPEATED_ROWS_LIMIT, Rows, TypedRows, deserialize_row,
};
pub use retry::{RetryPolicy, Sleeper};
pub use secret::Secret;
pub use transport::{Method, Request, Response, Transport, TransportError};
pub use url::request_url;

#[cfg(test)]
mod tests;
