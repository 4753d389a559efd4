//! The bench corpus (`benches/corpus/queries.crql`, 1,000+ realistic queries)
//! parses as a script, and every query in it round-trips through the printer.

#[test]
fn the_bench_corpus_parses_and_round_trips() {
    let text = include_str!("../../benches/corpus/queries.crql");
    let script = crql::parse_script(text)
        .unwrap_or_else(|e| panic!("{}", crql::diagnostic::render(&e, 100)));
    let mut queries = 0;
    for st in &script.statements {
        if let crql::ast::Statement::Query(q) = st {
            let printed = q.to_string();
            let again = crql::parse(&printed)
                .unwrap_or_else(|e| panic!("{printed}\n{}", crql::diagnostic::render(&e, 100)));
            assert_eq!(&again, q, "{printed}");
            queries += 1;
        }
    }
    assert!(queries >= 1000, "{queries} queries");
}
