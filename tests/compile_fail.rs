//! What CRQL forbids must not compile with the typed builder. Each file under
//! `tests/ui/` is one such query; its `.stderr` snapshots the compiler's message
//! (regenerate with `TRYBUILD=overwrite cargo test --test compile_fail`).

#[test]
fn typed_builder_rejects_what_crql_forbids() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
    // And what it allows compiles and runs, for tables declared as codegen writes them.
    t.pass("tests/ui-pass/*.rs");
}
