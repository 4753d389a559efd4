//! Code shared by every integration-test binary: each area's `main.rs` brings it in
//! with `#[path = "../support/mod.rs"] mod support;`. Fuzz targets and benches include
//! single files of it by path, so each file stands alone (no `super::`).

#![allow(dead_code)] // each test binary uses a different part of the support code

pub mod arb;
pub mod ast_kit;
pub mod canonical;
pub mod norm;
#[cfg(all(feature = "sandbox", feature = "http"))]
pub mod sandbox_kit;
pub mod server;
pub mod where_parts;
