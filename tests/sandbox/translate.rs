//! The AST → SQLite translation: values are bound, never pasted; names map to the
//! schema's spelling; what SQL Server would refuse is refused with its message.
#![cfg(feature = "sandbox")]

use crate::support::ast_kit;

use ast_kit::*;
use crql::ast::{BinaryOp, Expr, JoinKind};
use crql::sandbox::{Database, Dataset, DatasetSpec, Scope, Sql, Value, translate};

fn small_db() -> Database {
    Database::in_memory(&Dataset::generate(DatasetSpec {
        seed: 3,
        clients: 200,
        orgs: 3,
    }))
    .unwrap()
}

#[test]
fn values_are_bound_and_never_pasted() {
    let evil = "x' OR 1=1 --";
    let q = with_where(
        select(table("cmClient", None), vec![Expr::column("ClientID")]),
        cmp(Expr::column("LastName"), BinaryOp::Eq, Expr::string(evil)),
    );
    let sql = translate(&q, &Scope::Orgs(vec![2, 3])).unwrap();
    assert!(!sql.text.contains("OR 1=1"), "{}", sql.text);
    assert_eq!(
        sql.text,
        r#"SELECT "t0"."ClientID" FROM (SELECT * FROM "cmClient" WHERE "OrgID" IN (?1, ?2)) AS "t0" WHERE ("t0"."LastName" = ?3)"#
    );
    assert_eq!(
        sql.params,
        vec![Value::Int(2), Value::Int(3), Value::Text(evil.into())]
    );
    let rows = small_db().query(&sql).unwrap();
    assert!(rows.is_empty());
}

#[test]
fn names_ignore_case_and_results_use_the_schema_spelling() {
    let q = with_top(
        with_where(
            select(
                table("CMCLIENT", None),
                vec![Expr::column("clientid"), Expr::column("FIRSTNAME")],
            ),
            cmp(Expr::column("ClientID"), BinaryOp::Gt, Expr::integer(0)),
        ),
        5,
    );
    let sql = translate(&q, &Scope::All).unwrap();
    let names: Vec<&str> = sql.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["ClientID", "FirstName"]);
    assert!(sql.text.ends_with("LIMIT ?2"), "{}", sql.text);
    let rows = small_db().query(&sql).unwrap();
    assert_eq!(rows.len(), 5);
}

#[test]
fn date_literals_compare_with_stored_datetimes() {
    let db = small_db();
    // Midnight of the day: '2015-01-01' means 2015-01-01 00:00:00, the template row's date.
    let q = with_where(
        select(table("cmClient", None), vec![Expr::column("ClientID")]),
        cmp(
            Expr::column("UpdatedDate"),
            BinaryOp::Eq,
            Expr::string("2015-01-01"),
        ),
    );
    let sql = translate(&q, &Scope::All).unwrap();
    assert_eq!(sql.params, vec![Value::Text("2015-01-01 00:00:00".into())]);
    let rows = db.query(&sql).unwrap();
    assert_eq!(rows, vec![vec![Value::Int(0)]]);
}

#[test]
fn string_literals_convert_to_the_column_type() {
    let q = with_where(
        select(
            table("VISPDAT", None),
            vec![Expr::column("ScoreTotal"), Expr::column("VulnerabilityID")],
        ),
        in_list(
            Expr::column("VulnerabilityID"),
            vec![Expr::string("101"), Expr::string(" 102")],
            false,
        ),
    );
    let sql = translate(&q, &Scope::All).unwrap();
    assert_eq!(sql.params, vec![Value::Int(101), Value::Int(102)]);
    let rows = small_db().query(&sql).unwrap();
    assert_eq!(rows.len(), 2);
}

#[test]
fn sql_server_errors_for_what_it_refuses() {
    let base = || {
        select(
            table("cmClient", Some("c")),
            vec![Expr::qualified("c", "ClientID")],
        )
    };
    let cases: Vec<(crql::Query<'static>, &str)> = vec![
        (
            select(table("cmClient", None), vec![Expr::column("FirstNme")]),
            "Invalid column name 'FirstNme'.",
        ),
        (
            select(table("cmClients", None), vec![Expr::column("ClientID")]),
            "Invalid object name 'cmClients'.",
        ),
        (
            with_where(
                base(),
                cmp(
                    Expr::column("UpdatedDate"),
                    BinaryOp::Gt,
                    Expr::string("last week"),
                ),
            ),
            "Conversion failed when converting date and/or time from character string.",
        ),
        (
            with_where(
                base(),
                cmp(Expr::column("ClientID"), BinaryOp::Eq, Expr::string("abc")),
            ),
            "Conversion failed when converting the varchar value 'abc' to data type int.",
        ),
        (
            with_join(
                select(table("cmClient", Some("c")), vec![Expr::column("ClientID")]),
                JoinKind::Inner,
                table("Enrollment", Some("e")),
                cmp(
                    Expr::qualified("e", "ClientID"),
                    BinaryOp::Eq,
                    Expr::qualified("c", "ClientID"),
                ),
            ),
            "Ambiguous column name 'ClientID'.",
        ),
        (
            with_where(
                base(),
                cmp(
                    Expr::qualified("x", "ClientID"),
                    BinaryOp::Eq,
                    Expr::integer(1),
                ),
            ),
            "The multi-part identifier \"x.ClientID\" could not be bound.",
        ),
        (
            with_where(
                base(),
                cmp(Expr::column("ClientID"), BinaryOp::Eq, Expr::param("id")),
            ),
            "The parameter :id has no value; bind it before running.",
        ),
    ];
    for (q, want) in cases {
        let got = translate(&q, &Scope::All).map(|s| s.text);
        assert_eq!(got.map_err(|e| e.message), Err(want.to_owned()));
    }
}

#[test]
fn a_file_database_persists_and_is_reused() {
    let dir = std::env::temp_dir().join(format!("crql-sandbox-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("sandbox.db");
    let _ = std::fs::remove_file(&path);
    let spec = DatasetSpec {
        seed: 5,
        clients: 50,
        orgs: 2,
    };
    let first = Database::file(&path, spec).unwrap();
    assert!(!first.info().reused);
    drop(first);
    // A different spec does not regenerate what is there.
    let again = Database::file(
        &path,
        DatasetSpec {
            seed: 6,
            clients: 10,
            orgs: 2,
        },
    )
    .unwrap();
    assert!(again.info().reused);
    assert_eq!(again.info().spec, spec);
    let q = select(table("cmClient", None), vec![Expr::column("ClientID")]);
    let sql = translate(&q, &Scope::All).unwrap();
    assert_eq!(again.query(&sql).unwrap().len(), 51);
    // Read-only connections: a write through the pool fails.
    let delete = Sql {
        text: "DELETE FROM cmClient".into(),
        params: vec![],
        columns: vec![],
    };
    let err = again.query(&delete);
    assert!(err.is_err());
    drop(again);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn queries_are_bounded_in_time_and_rows() {
    use crql::sandbox::{Limits, QueryError};
    let db = small_db();
    // A join on `>=` asks for tens of thousands of rows from 200 clients.
    let q = with_join(
        select(
            table("cmClient", Some("c")),
            vec![Expr::qualified("c", "ClientID")],
        ),
        JoinKind::Inner,
        table("Enrollment", Some("e")),
        cmp(
            Expr::qualified("e", "ClientID"),
            BinaryOp::GtEq,
            Expr::qualified("c", "ClientID"),
        ),
    );
    let sql = translate(&q, &Scope::All).unwrap();
    let run = |limits| db.query_limited(&sql, limits);
    let rows = Limits {
        max_rows: 500,
        ..Limits::default()
    };
    assert_eq!(run(rows), Err(QueryError::TooManyRows(500)));
    let time = Limits {
        timeout: std::time::Duration::ZERO,
        ..Limits::default()
    };
    assert!(matches!(run(time), Err(QueryError::Timeout(_))));
    // The connection is usable afterwards: the interrupt handler is gone.
    assert!(run(Limits::default()).unwrap().len() > 500);
}

#[test]
fn like_escape_must_be_one_character() {
    let with_escape = |esc: &'static str| {
        let mut e = like(Expr::column("LastName"), Expr::string("50!%"), false);
        if let Expr::Like { escape, .. } = &mut e {
            *escape = Some(Box::new(Expr::string(esc)));
        }
        with_where(
            select(table("cmClient", None), vec![Expr::column("ClientID")]),
            e,
        )
    };
    assert!(translate(&with_escape("!"), &Scope::All).is_ok());
    assert_eq!(
        translate(&with_escape("!!"), &Scope::All).map_err(|e| e.message),
        Err("The ESCAPE clause must be a single character.".to_owned())
    );
}
