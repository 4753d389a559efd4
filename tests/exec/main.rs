//! The executor over real HTTP on loopback: against a fault-injecting server (every
//! envelope shape, retries, 401s) and against the real sandbox.

#[path = "../support/mod.rs"]
mod support;

mod http;
mod sandbox;
mod untrusted;
