//! The README's library tour, kept compiling and true.

use crql::ast::{Expr, Statement};

#[test]
fn readme_library_tour() -> Result<(), Box<dyn std::error::Error>> {
    let q = crql::parse("select top 5 ClientID from cmClient where LastName = 'O''Brien'")?;
    assert_eq!(
        q.to_string(),
        "SELECT TOP 5 ClientID FROM cmClient WHERE LastName = 'O''Brien'"
    );
    let owned: crql::Query<'static> = q.into_owned();
    assert_eq!(owned.select.items.len(), 1);

    let cond: Expr = crql::parse_where("WHERE ClientID IN (1, 2) AND ExitDate IS NULL")?;
    assert_eq!(cond.to_string(), "ClientID IN (1, 2) AND ExitDate IS NULL");
    let script = crql::parse_script("SELECT a FROM t; -- note\nDELETE FROM t")?;
    assert!(matches!(
        script.statements[1],
        Statement::Unsupported { .. }
    ));
    assert_eq!(script.comments[0].text, "-- note");

    let err = crql::parse("SELECT a WHERE a = 1").unwrap_err();
    assert_eq!(err.diagnostic().message, "expected FROM, found WHERE");
    let shown = format!(
        "{:?}",
        miette::Report::new(err.with_source_name("query.crql"))
    );
    assert!(shown.contains("query.crql"));
    Ok(())
}
