//! What CRQL forbids must not compile with the typed builder. Each file under
//! `tests/build/ui/` is one such query; its `.stderr` snapshots the compiler's
//! message (regenerate with
//! `TRYBUILD=overwrite cargo test --all-features --test build -- --ignored compile_fail`).
//!
//! trybuild builds its cases as a separate project in `target/tests/trybuild`, which
//! compiles every dependency a second time (about 110 s of both cores here), so the
//! default `cargo test` skips it and `.ci/run` runs it in a step of its own.

#[test]
#[ignore = "rebuilds every dependency (~2 min): .ci/run runs it in its own step"]
fn typed_builder_rejects_what_crql_forbids() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/build/ui/*.rs");
    // And what it allows compiles and runs, for tables declared as codegen writes them.
    t.pass("tests/build/ui-pass/*.rs");
}
