//! The builder: typed and dynamic queries, parameter binding, IN-list splitting and
//! codegen, their properties over generated input, and (ignored by default, run by
//! `.ci/run` in its own step) what the typed builder must refuse to compile.

#[path = "../support/mod.rs"]
mod support;

mod compile_fail;
mod end_to_end;
mod props;
