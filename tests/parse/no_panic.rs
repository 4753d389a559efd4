//! No input makes the parser panic: any string gives a tree or an error whose
//! span lies within the input; and whatever parses prints to text that parses to
//! the same tree.

use proptest::prelude::*;

fn check(text: &str) {
    for result in [
        crql::parse(text).map(|q| q.to_string()),
        crql::parse_expr(text).map(|e| e.to_string()),
        crql::parse_where(text).map(|e| e.to_string()),
        crql::parse_script(text).map(|s| s.to_string()),
    ] {
        match result {
            Ok(_) => {}
            Err(e) => {
                let span = e.span();
                assert!(
                    span.start <= span.end && span.end <= text.len(),
                    "{span:?} in {text:?}"
                );
                assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
                use crql::diagnostic::Code;
                assert!(matches!(e.code(), Code::E0001 | Code::E0002 | Code::E0206));
                let rendered = crql::diagnostic::render(&e, 80);
                assert!(rendered.contains(e.code().as_str()), "{rendered}");
            }
        }
    }
    if let Ok(q) = crql::parse(text) {
        let printed = q.to_string();
        let again = crql::parse(&printed).unwrap_or_else(|e| panic!("{printed:?}: {e}"));
        assert_eq!(again, q, "{text:?} printed as {printed:?}");
        assert_eq!(again.to_string(), printed);
    }
}

/// Fragments of CRQL, so that random strings often get deep into the grammar.
pub(crate) fn pieces() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "SELECT ",
        "select ",
        "FROM ",
        "WHERE ",
        "TOP ",
        "DISTINCT ",
        "JOIN ",
        "LEFT ",
        "ON ",
        "AND ",
        "OR ",
        "NOT ",
        "IN ",
        "IS ",
        "NULL ",
        "LIKE ",
        "BETWEEN ",
        "ESCAPE ",
        "EXISTS ",
        "ORDER BY ",
        "GROUP BY ",
        "HAVING ",
        "UNION ",
        "ALL ",
        "OFFSET ",
        "ROWS ",
        "FETCH ",
        "NEXT ",
        "ONLY ",
        "LIMIT ",
        "AS ",
        "a",
        "b ",
        "t ",
        "c.",
        "*",
        "(",
        ")",
        ",",
        ";",
        "=",
        "<>",
        "!=",
        "<",
        ">=",
        "+",
        "-",
        "/",
        "%",
        "'x'",
        "'",
        "''",
        "N'",
        "[",
        "]",
        "]]",
        "[a b]",
        "\"",
        "1",
        "2.5",
        ".",
        "e",
        ":p",
        ":",
        "--",
        "/*",
        "*/",
        "\n",
        " ",
        "é",
        "\u{a0}",
        "DELETE ",
        "COUNT(",
        "f(",
    ]);
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_strings_never_panic(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn crql_shaped_strings_never_panic_and_round_trip(text in pieces()) {
        check(&text);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        check(&String::from_utf8_lossy(&bytes));
    }
}
