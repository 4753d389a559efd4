//! Whatever parses must print (canonically and pretty) to text that parses back to
//! the same tree, and printing must be idempotent.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(query) = crql::parse(text) else {
        return;
    };

    let canonical = query.to_string();
    let again = crql::parse(&canonical)
        .unwrap_or_else(|e| panic!("canonical form does not parse: {canonical:?}: {e}"));
    assert_eq!(
        query, again,
        "canonical form changes the tree: {canonical:?}"
    );
    assert_eq!(
        again.to_string(),
        canonical,
        "canonical printing is not idempotent"
    );

    let pretty = format!("{query:#}");
    let again = crql::parse(&pretty)
        .unwrap_or_else(|e| panic!("pretty form does not parse: {pretty:?}: {e}"));
    assert_eq!(query, again, "pretty form changes the tree: {pretty:?}");
    assert_eq!(
        format!("{again:#}"),
        pretty,
        "pretty printing is not idempotent"
    );
});
