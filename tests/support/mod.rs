//! Code shared by the integration tests (and, by path, by fuzz targets and benches):
//! `mod support;` in a test file brings it in.

#![allow(dead_code)] // each test binary uses a different part of the support code

pub mod arb;
pub mod server;
