//! Limits are diagnostics (E0002), never a stack overflow: these run in the
//! default test thread (2 MiB stack) of a debug build.

use crql::parser::{MAX_DEPTH, MAX_INPUT_BYTES, MAX_OPERATORS};

fn code(text: &str) -> &'static str {
    match crql::parse_script(text) {
        Ok(_) => "ok",
        Err(e) => {
            assert!(
                e.span().end <= text.len(),
                "span {:?} out of input",
                e.span()
            );
            e.code().as_str()
        }
    }
}

fn query(cond: &str) -> String {
    format!("SELECT a FROM t WHERE {cond}")
}

#[test]
fn a_megabyte_of_plus_chains_is_e0002() {
    let chain = "1+".repeat((MAX_INPUT_BYTES - 64) / 2) + "1";
    assert_eq!(code(&query(&chain)), "E0002");
}

#[test]
fn long_or_chains_are_e0002() {
    let chain = vec!["a=1"; 20_000].join(" OR ");
    assert_eq!(code(&query(&chain)), "E0002");
    let chain = vec!["a IS NULL"; 5_000].join(" AND ");
    assert_eq!(code(&query(&chain)), "E0002");
}

#[test]
fn a_hundred_thousand_parentheses_are_e0002() {
    assert_eq!(code(&query(&"(".repeat(100_000))), "E0002");
    let balanced = format!("{}1{}", "(".repeat(100_000), ")".repeat(100_000));
    assert_eq!(code(&query(&balanced)), "E0002");
    assert_eq!(code(&"(".repeat(100_000)), "E0001");
}

#[test]
fn a_hundred_thousand_prefix_operators_are_e0002() {
    assert_eq!(code(&query(&"NOT ".repeat(100_000))), "E0002");
    assert_eq!(code(&query(&("- ".repeat(100_000) + "1"))), "E0002");
    assert_eq!(code(&query(&("+".repeat(100_000) + "1"))), "E0002");
}

#[test]
fn deep_subqueries_and_calls_are_e0002() {
    let n = 10_000;
    let sub = "a IN (SELECT a FROM t WHERE ".repeat(n) + "1 = 1" + &")".repeat(n);
    assert_eq!(code(&query(&sub)), "E0002");
    let calls = "f(".repeat(n) + "1" + &")".repeat(n);
    assert_eq!(code(&query(&calls)), "E0002");
    let derived = "SELECT a FROM (".repeat(n) + "SELECT a FROM t" + &")".repeat(n);
    assert_eq!(code(&derived), "E0002");
}

#[test]
fn input_over_the_size_limit_is_e0002() {
    let text = format!(
        "SELECT a FROM t WHERE a = '{}'",
        "x".repeat(MAX_INPUT_BYTES)
    );
    let e = crql::parse(&text).unwrap_err();
    assert_eq!(e.code(), "E0002");
}

#[test]
fn the_largest_accepted_trees_can_be_printed_compared_and_dropped() {
    // Just under both limits: the deepest tree the parser will ever build.
    let chain = vec!["1"; MAX_OPERATORS - 1].join("+");
    let text = query(&format!(
        "{}{chain}{}",
        "(".repeat(MAX_DEPTH - 2),
        ")".repeat(MAX_DEPTH - 2)
    ));
    let q = crql::parse(&text).expect("within limits");
    let printed = q.to_string();
    let again = crql::parse(&printed).expect("reparse");
    assert_eq!(again, q.clone());
    drop(q);
    let one_more = query(&vec!["1"; MAX_OPERATORS + 2].join("+"));
    assert_eq!(code(&one_more), "E0002");
}

#[test]
fn the_largest_accepted_tree_serialises() {
    // serde_json's derived serialisation takes about 3.5 KiB of stack per tree level
    // in a debug build (a tenth of that optimised), so this walk gets a larger stack.
    let chain = vec!["1"; MAX_OPERATORS - 1].join("+");
    let text = query(&chain);
    let json = std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || serde_json::to_string(&crql::parse(&text).expect("parse")).expect("json"))
        .expect("spawn")
        .join()
        .expect("no overflow");
    assert!(json.contains("Binary"));
}

#[test]
fn deep_nesting_through_every_precedence_level_is_e0002() {
    let level = "a OR b AND NOT c = d + e * -(";
    assert_eq!(code(&query(&level.repeat(10_000))), "E0002");
    let mut ok = level.repeat(MAX_DEPTH / 3) + "1";
    ok += &")".repeat(MAX_DEPTH / 3);
    assert_eq!(code(&query(&ok)), "ok");
}

#[test]
fn deep_nesting_through_right_operands_is_e0002() {
    let level = "a OR b AND c = d + e * (";
    assert_eq!(code(&query(&level.repeat(10_000))), "E0002");
    let ok = level.repeat(MAX_DEPTH - 2) + "1" + &")".repeat(MAX_DEPTH - 2);
    assert_eq!(code(&query(&ok)), "ok");
}

#[test]
fn the_deepest_accepted_subqueries_parse() {
    let n = MAX_DEPTH / crql::parser::SUBQUERY_DEPTH - 1;
    let sub = "a IN (SELECT a FROM t WHERE ".repeat(n) + "1 = 1" + &")".repeat(n);
    assert_eq!(code(&query(&sub)), "ok");
}
