//! The executor: the [`Transport`] seam, request/response envelopes, the client.
//! (Skeleton: the transport seam is fixed; the client is being implemented.)

mod transport;

pub use transport::{Method, Request, Response, Transport, TransportError};
