//! What one peer may cost the server: every bound the HTTP layer enforces, in one
//! place, each a flag of `crql serve`.

use std::time::Duration;

/// Bounds of the HTTP layer. Query work has its own ([`crate::sandbox::Limits`]) and
/// so do cached snapshots ([`crate::sandbox::CacheBudget`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ServerLimits {
    /// Connections open at once; further clients wait in the listen backlog.
    pub max_connections: usize,
    /// Bytes of the request line and headers together; more is answered 431.
    pub max_header_bytes: usize,
    /// Header lines per request; more is answered 431.
    pub max_headers: usize,
    /// Bytes of a request body; more is answered 413 without reading it.
    pub max_body_bytes: usize,
    /// Time to send a whole request head, and the longest a kept-alive connection may
    /// sit idle: a slowloris peer or an endless header line is dropped after it.
    pub header_timeout: Duration,
    /// Time to send a whole request body once the head is in.
    pub body_timeout: Duration,
    /// Time to take a whole response once it is ready: a peer that stops reading
    /// does not hold its connection longer.
    pub write_timeout: Duration,
    /// Queries running at once, each on its own read-only SQLite connection; the
    /// others wait (without a thread) until one finishes.
    pub max_queries: usize,
    /// Threads of the async runtime that drives the sockets (queries run on
    /// blocking threads of their own).
    pub io_threads: usize,
}

impl Default for ServerLimits {
    fn default() -> Self {
        ServerLimits {
            max_connections: 512,
            max_header_bytes: 16 * 1024,
            max_headers: 64,
            max_body_bytes: 1024 * 1024,
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(10),
            write_timeout: Duration::from_secs(30),
            max_queries: 8,
            io_threads: 2,
        }
    }
}
