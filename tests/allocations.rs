//! Heap allocations per parsed query, counted by a counting global allocator.
//!
//! Names and strings borrow from the text (`Cow`), so a parse should allocate only
//! for the tree's own shape: the field list, the boxes of the `WHERE` tree, an `IN`
//! list. The common query must stay within [`HANDFUL`] allocations.
//!
//! `cargo test --test allocations -- --nocapture` prints the table (the counts do
//! not depend on the build profile).
//!
//! A binary of its own: it replaces the global allocator, which in an area's binary
//! would count, and slow, every other test.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Counting;

thread_local! {
    // Per thread, so that tests running in parallel do not count each other.
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
}

fn bump() {
    // `try_with`: the allocator also runs while a thread's locals are torn down.
    let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
}

// SAFETY: every call is forwarded unchanged to the system allocator; the counter is
// a const-initialised thread-local `Cell` without a destructor, which neither
// allocates nor re-enters the allocator.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        bump();
        // SAFETY: same contract as ours.
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        bump();
        // SAFETY: same contract as ours.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // A growing `Vec` pays for each realloc: count it as an allocation.
        bump();
        // SAFETY: same contract as ours.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as ours.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn count<T>(f: impl FnOnce() -> T) -> (u64, T) {
    let before = ALLOCATIONS.with(Cell::get);
    let out = f();
    let after = ALLOCATIONS.with(Cell::get);
    (after - before, out)
}

/// Allocations (including reallocations) made by one `crql::parse` of `text`; the
/// tree is dropped outside the count.
fn allocations_of(text: &str) -> u64 {
    let (n, result) = count(|| crql::parse(text));
    assert!(result.is_ok(), "does not parse: {text}");
    n
}

/// The most allocations the common query may take.
const HANDFUL: u64 = 5;

/// The common query: the shape of the production queries in
/// shared/crql-reference.md (a field list, one table, one comparison).
const COMMON: &str = "select VulnerabilityID, ClientID, CreatedBy, UpdatedDate from VulnerabilityIndex where UpdatedDate > '2024-01-01 00:00:00'";

const SHAPES: &[(&str, &str)] = &[
    ("common: fields + one comparison", COMMON),
    (
        "TOP, no WHERE",
        "SELECT TOP 200 ClientID, FirstName, LastName, ActiveStatus FROM cmClient",
    ),
    (
        "IN list of strings",
        "SELECT ScoreTotal, VulnerabilityID FROM VISPDAT where VulnerabilityID in ('101', '102')",
    ),
    (
        "IN list AND comparison",
        "select ClientID, EnrollID, ClntCaseID from Enrollment where EnrollID in (7, 8) and UpdatedDate > '2024-01-01 00:00:00'",
    ),
    (
        "JOIN with aliases",
        "SELECT TOP 50 c.ClientID, e.EnrollID FROM cmClient c JOIN Enrollment e ON e.ClientID = c.ClientID WHERE e.ExitDate IS NULL",
    ),
    (
        "escaped string (owned copy)",
        "SELECT TOP 5 ClientID FROM cmClient WHERE LastName = 'O''Brien'",
    ),
];

#[test]
fn allocations_per_query_shape() {
    // Warm up anything lazily initialised, so that it is not billed to the first shape.
    let _ = allocations_of(COMMON);
    eprintln!("allocations per crql::parse");
    for (name, text) in SHAPES {
        eprintln!("{:>4}  {name}", allocations_of(text));
    }
    let common = allocations_of(COMMON);
    assert!(
        common <= HANDFUL,
        "the common query takes {common} allocations, more than a handful ({HANDFUL})"
    );
}

#[test]
fn allocations_across_the_bench_corpus() {
    let corpus = include_str!("../benches/corpus/queries.crql");
    let queries: Vec<&str> = corpus
        .split(';')
        .map(str::trim)
        .filter(|q| !q.is_empty())
        .collect();
    let mut total = 0;
    let mut max = 0;
    for q in &queries {
        let n = allocations_of(q);
        total += n;
        max = max.max(n);
    }
    let mean = total as f64 / queries.len() as f64;
    eprintln!(
        "bench corpus: {} queries, {mean:.1} allocations per query on average, {max} at most",
        queries.len()
    );
    // Every corpus query is one SELECT with at most a few dozen nodes: a parse that
    // allocates per token or per character would blow far past this.
    assert!(mean < 40.0, "{mean:.1} allocations per corpus query");
}
