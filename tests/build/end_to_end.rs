//! The builder end to end: typed and dynamic queries print the expected CRQL and
//! parse back to the same tree; binding keeps values as literals; splitting keeps
//! every value and stays under the limit.

use crate::support::where_parts;

use chrono::NaiveDate;
use crql::ast::Expr;
use crql::build::dynamic::{self, col};
use crql::build::prelude::*;
use crql::build::{encoded_len, split_in_list};
use crql::{Query, bind, params, parse};
use where_parts::{in_values, where_strings};

/// The query prints as `expected`, and that text parses back to the same tree.
#[track_caller]
fn prints(q: &Query<'_>, expected: &str) {
    let text = q.to_string();
    assert_eq!(text, expected);
    let back = parse(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
    assert_eq!(&back, q, "{text}");
}

#[test]
fn typed_query_from_the_reference() {
    let since = NaiveDate::from_ymd_opt(2024, 1, 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap();
    let q = select((
        enrollment::client_id,
        enrollment::enroll_id,
        enrollment::clnt_case_id,
    ))
    .from(Enrollment)
    .filter(
        enrollment::enroll_id
            .in_list([7, 8])
            .and(enrollment::updated_date.gt(since)),
    )
    .build();
    prints(
        &q,
        "SELECT ClientID, EnrollID, ClntCaseID FROM Enrollment WHERE EnrollID IN (7, 8) AND UpdatedDate > '2024-01-01 00:00:00'",
    );
}

#[test]
fn typed_precedence_round_trips() {
    let a = || cm_client::client_id.eq(1);
    let b = || cm_client::city.eq("b");
    let c = || cm_client::last_name.is_null();
    let cases: Vec<(Cond<_>, &str)> = vec![
        (
            a().or(b()).and(c()),
            "(ClientID = 1 OR City = 'b') AND LastName IS NULL",
        ),
        (
            a().and(b().or(c())),
            "ClientID = 1 AND (City = 'b' OR LastName IS NULL)",
        ),
        (
            a().or(b().or(c())),
            "ClientID = 1 OR (City = 'b' OR LastName IS NULL)",
        ),
        (
            a().or(b()).or(c()),
            "ClientID = 1 OR City = 'b' OR LastName IS NULL",
        ),
        (a().and(b()).not(), "NOT (ClientID = 1 AND City = 'b')"),
        (a().not().not(), "NOT NOT ClientID = 1"),
        (!a().and(b()), "NOT (ClientID = 1 AND City = 'b')"),
        ((!a()).and(b()), "NOT ClientID = 1 AND City = 'b'"),
    ];
    for (cond, where_text) in cases {
        let q = select(cm_client::client_id)
            .from(CmClient)
            .filter(cond)
            .build();
        prints(
            &q,
            &format!("SELECT ClientID FROM cmClient WHERE {where_text}"),
        );
    }
}

#[test]
fn typed_join_qualifies_every_column() {
    let q = select((cm_client::first_name, enrollment::enroll_date))
        .top(100)
        .from(CmClient)
        .join(Enrollment)
        .on(enrollment::client_id.eq(cm_client::client_id))
        .filter(enrollment::exit_date.is_null())
        .order_by(cm_client::last_name.desc())
        .build();
    prints(
        &q,
        "SELECT TOP 100 cmClient.FirstName, Enrollment.EnrollDate FROM cmClient \
         INNER JOIN Enrollment ON Enrollment.ClientID = cmClient.ClientID \
         WHERE Enrollment.ExitDate IS NULL ORDER BY cmClient.LastName DESC",
    );
}

#[test]
fn typed_values_print_by_column_type() {
    let dt = NaiveDate::from_ymd_opt(2024, 2, 29)
        .unwrap()
        .and_hms_milli_opt(13, 5, 9, 250)
        .unwrap();
    let q = select(enrollment::enroll_id)
        .from(Enrollment)
        .filter(enrollment::created_date.ge(dt))
        .filter(enrollment::exit_reason_other.eq('x'))
        .filter(enrollment::client_id.ne(i64::MIN))
        .filter(enrollment::enroll_id.lt(u64::MAX))
        .build();
    prints(
        &q,
        &format!(
            "SELECT EnrollID FROM Enrollment WHERE CreatedDate >= '2024-02-29 13:05:09.250' \
             AND ExitReasonOther = 'x' AND ClientID <> -9223372036854775808 AND EnrollID < {}",
            u64::MAX
        ),
    );
}

#[test]
fn typed_empty_in_list_matches_nothing() {
    let q = select(cm_client::client_id)
        .from(CmClient)
        .filter(cm_client::client_id.in_list(Vec::<i64>::new()))
        .build();
    prints(&q, "SELECT ClientID FROM cmClient WHERE 1 = 0");
}

#[test]
fn dynamic_matches_typed() {
    let typed = select((cm_client::client_id, cm_client::last_name))
        .top(5)
        .from(CmClient)
        .filter(
            cm_client::last_name
                .like("O'%")
                .or(cm_client::client_id.between(1, 9)),
        )
        .order_by(cm_client::client_id)
        .build();
    let dynamic = dynamic::select(["ClientID", "LastName"])
        .top(5)
        .from("cmClient")
        .filter(
            col("LastName")
                .like("O'%")
                .or(col("ClientID").between(1, 9)),
        )
        .order_by("ClientID")
        .build()
        .unwrap();
    assert_eq!(typed, dynamic);
    prints(
        &dynamic,
        "SELECT TOP 5 ClientID, LastName FROM cmClient WHERE LastName LIKE 'O''%' OR ClientID BETWEEN 1 AND 9 ORDER BY ClientID",
    );
}

#[test]
fn dynamic_names_that_need_brackets() {
    let q = dynamic::select(["Exit Date", "a]b"])
        .from("my table")
        .filter(col("Exit Date").is_null())
        .build()
        .unwrap();
    let text = q.to_string();
    assert_eq!(parse(&text).unwrap(), q, "{text}");
}

crql::table! {
    /// A table whose names SQL Server reserves.
    reserved_names = "Plan" as PlanTable {
        /// `User`: SQL Server's USER function unless bracketed.
        user = "User": Text,
        /// `Key`.
        key = "Key": Integer,
    }
}

#[test]
fn both_builders_bracket_tsql_reserved_words() {
    let typed = crql::build::select((reserved_names::user, reserved_names::key))
        .top(5)
        .from(PlanTable)
        .filter(reserved_names::key.eq(1))
        .build();
    let text = typed.to_string();
    assert_eq!(
        text,
        "SELECT TOP 5 [User], [Key] FROM [Plan] WHERE [Key] = 1"
    );
    assert_eq!(parse(&text).unwrap(), typed);
    let dynamic = dynamic::select(["User", "Key"])
        .top(5)
        .from("Plan")
        .filter(col("Key").eq(1))
        .build()
        .unwrap();
    assert_eq!(dynamic.to_string(), text);
    // Nothing a builder prints is refused as a reserved word.
    let codes: Vec<_> = crql::lint(&dynamic, crql::Schema::builtin())
        .iter()
        .map(|d| d.code.as_str())
        .collect();
    assert!(!codes.contains(&"E0214"), "{codes:?}");
}

#[test]
fn bind_keeps_hostile_values_as_one_literal() {
    let hostile = [
        "O'Brien",
        "'; DROP TABLE cmClient; --",
        "a\\b\\'c\\",
        "żółw 🐢 名前",
        "nul\0byte",
        "line\nbreak\r\nand\ttab",
        "/* not a comment */ -- nor this",
        ":other",
        "",
    ];
    for value in hostile {
        let q = bind(
            "SELECT ClientID FROM cmClient WHERE LastName = :name AND City = 'x'",
            params! { "name" => value, "other" => "unused?" }
                .into_iter()
                .filter(|(k, _)| *k == "name"),
        )
        .unwrap_or_else(|e| panic!("{value:?}: {e:?}"));
        assert_eq!(where_strings(&q), [value, "x"], "{value:?}");
        let text = q.to_string();
        assert_eq!(parse(&text).unwrap(), q, "{text}");
    }
}

#[test]
fn bind_expands_lists_and_scalars_everywhere() {
    let q = bind(
        "SELECT TOP (:n) ClientID FROM cmClient WHERE ClientID IN (:ids, 99) AND UpdatedDate > :since AND Email IS NOT NULL",
        params! {
            "n" => 25,
            "ids" => vec![1, 2, 3],
            "since" => NaiveDate::from_ymd_opt(2024, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap(),
        },
    )
    .unwrap();
    prints(
        &q,
        "SELECT TOP 25 ClientID FROM cmClient WHERE ClientID IN (1, 2, 3, 99) AND UpdatedDate > '2024-01-01 00:00:00' AND Email IS NOT NULL",
    );
}

#[test]
fn bind_reports_missing_extra_and_misplaced_parameters() {
    let text =
        "SELECT ClientID FROM cmClient WHERE ClientID = :id AND City = :City AND ZipCodeID = :zips";
    let error = bind(
        text,
        params! { "city" => "Provo", "zips" => [1, 2], "unused" => 1 },
    )
    .unwrap_err();
    assert_eq!(error.source_text(), Some(text));
    let err = error.diagnostics();
    let codes: Vec<_> = err.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["E0303", "E0303", "E0305", "E0304", "E0304"]);
    assert_eq!(&text[err[0].span.range()], ":id");
    assert_eq!(&text[err[1].span.range()], ":City");
    assert_eq!(
        err[1].help.as_deref(),
        Some("did you mean `city`? names are case-sensitive")
    );
    assert_eq!(&text[err[2].span.range()], ":zips");
    assert!(err[3].message.contains(":city"));
    assert!(err[4].message.contains(":unused"));
    // One report: every diagnostic, each labelled in the named text.
    let rendered = crql::diagnostic::render(&error.with_source_name("q.crql"), 80);
    assert!(
        rendered.contains("cannot bind the parameters"),
        "{rendered}"
    );
    for code in ["crql::E0303", "crql::E0304", "crql::E0305"] {
        assert!(rendered.contains(code), "{code}: {rendered}");
    }
    assert!(rendered.contains("no value bound"), "{rendered}");
    assert!(rendered.contains("[q.crql:1:48]"), "{rendered}");

    let err = bind(
        "SELECT ClientID FROM cmClient WHERE ClientID IN (:ids)",
        params! { "ids" => Vec::<i64>::new() },
    )
    .unwrap_err();
    assert_eq!(err.diagnostics()[0].code, "E0305");

    let err = bind(
        "SELECT ClientID FROM cmClient WHERE ClientID = :id",
        params! { "id" => 1, "id" => 2 },
    )
    .unwrap_err();
    assert_eq!(err.diagnostics()[0].code, "E0304");

    let err = bind("SELECT FROM WHERE", params! {}).unwrap_err();
    assert_eq!(err.diagnostics()[0].code, "E0001");
}

fn ids_query(ids: impl IntoIterator<Item = i64>) -> Query<'static> {
    select((enrollment::client_id, enrollment::enroll_id))
        .top(500)
        .from(Enrollment)
        .filter(enrollment::active_status.eq(1))
        .filter(enrollment::enroll_id.in_list(ids))
        .build()
}

#[test]
fn split_keeps_every_value_under_the_limit() {
    let q = ids_query(100_000..105_000);
    let parts = split_in_list(&q).unwrap();
    let mut all = Vec::new();
    for p in &parts {
        let n = encoded_len(&p.to_string());
        assert!(n <= 2048, "{n}");
        all.extend(in_values(p));
    }
    assert_eq!(all, in_values(&q));
    // Equal-width values: every piece but the last is full, so no split has fewer.
    let per = in_values(&parts[0]).len();
    assert_eq!(parts.len(), 5000usize.div_ceil(per));
    let mut bigger = parts[0].clone();
    if let Some(Expr::Binary { right, .. }) = &mut bigger.select.selection
        && let Expr::InList { list, .. } = &mut **right
    {
        list.push(Expr::integer(999_999));
    }
    assert!(encoded_len(&bigger.to_string()) > 2048);
}

#[test]
fn split_refuses_what_it_cannot_split() {
    let short = ids_query([1, 2]);
    assert_eq!(split_in_list(&short).unwrap(), vec![short.clone()]);

    let long_value = "x".repeat(3000);
    let q = select(cm_client::client_id)
        .from(CmClient)
        .filter(cm_client::last_name.in_list(["a", long_value.as_str()]))
        .build();
    let err = split_in_list(&q).unwrap_err();
    assert_eq!(err.diagnostics()[0].code, "E0207");
    assert!(err.to_string().contains("alone"), "{err}");

    for text in [
        "SELECT ClientID FROM cmClient WHERE ClientID NOT IN (LIST)",
        "SELECT ClientID FROM cmClient WHERE ClientID IN (LIST) OR City = 'x'",
        "SELECT ClientID FROM cmClient WHERE NOT (ClientID IN (LIST) AND City = 'x')",
    ] {
        let list: Vec<String> = (100_000..100_400).map(|i| i.to_string()).collect();
        let q = parse(&text.replace("LIST", &list.join(", ")))
            .unwrap()
            .into_owned();
        let err = split_in_list(&q).unwrap_err();
        assert_eq!(err.diagnostics()[0].code, "E0207", "{text}");
    }
}

#[test]
fn codegen_cli_writes_the_table_macro_for_a_schema() {
    let dir = std::env::temp_dir().join(format!("crql-codegen-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let schema = dir.join("schema.json");
    std::fs::write(
        &schema,
        r#"{"tables":[{"name":"cmCaseAssign","columns":[{"name":"usrPgmMgrId","type":"integer"},{"name":"CaseMgrName","type":"text"}]}]}"#,
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_crql"))
        .args(["codegen", "--schema"])
        .arg(&schema)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("crql::table! {"), "{text}");
    assert!(
        text.contains("pub cm_case_assign = \"cmCaseAssign\" as CmCaseAssign {"),
        "{text}"
    );
    assert!(
        text.contains("usr_pgm_mgr_id = \"usrPgmMgrId\": Integer,"),
        "{text}"
    );
    assert!(
        text.contains("case_mgr_name = \"CaseMgrName\": Text,"),
        "{text}"
    );

    let missing = std::process::Command::new(env!("CARGO_BIN_EXE_crql"))
        .args(["codegen", "--schema"])
        .arg(dir.join("missing.json"))
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("missing.json"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// The calls `crql explain` shows for the builder's own codes (E0304–E0306), run:
/// the example gets its code, the fix builds. Each call here is the one the code
/// table prints, character for character.
#[test]
fn the_builders_documented_examples_hold() {
    use crql::diagnostic::Code;
    type Built = Result<Query<'static>, crql::build::Error>;
    let examples: [(Code, &str, Built, &str, Built); 3] = [
        (
            Code::E0304,
            r#"crql::bind("SELECT TOP 5 ClientID FROM cmClient WHERE ClientID = :id", crql::params! { "id" => 101, "client" => 7 })"#,
            crql::bind(
                "SELECT TOP 5 ClientID FROM cmClient WHERE ClientID = :id",
                crql::params! { "id" => 101, "client" => 7 },
            ),
            r#"crql::bind("SELECT TOP 5 ClientID FROM cmClient WHERE ClientID = :id", crql::params! { "id" => 101 })"#,
            crql::bind(
                "SELECT TOP 5 ClientID FROM cmClient WHERE ClientID = :id",
                crql::params! { "id" => 101 },
            ),
        ),
        (
            Code::E0305,
            r#"crql::bind("SELECT TOP 5 ClientID FROM cmClient WHERE ClientID = :ids", crql::params! { "ids" => [101, 102] })"#,
            crql::bind(
                "SELECT TOP 5 ClientID FROM cmClient WHERE ClientID = :ids",
                crql::params! { "ids" => [101, 102] },
            ),
            r#"crql::bind("SELECT TOP 5 ClientID FROM cmClient WHERE ClientID IN (:ids)", crql::params! { "ids" => [101, 102] })"#,
            crql::bind(
                "SELECT TOP 5 ClientID FROM cmClient WHERE ClientID IN (:ids)",
                crql::params! { "ids" => [101, 102] },
            ),
        ),
        (
            Code::E0306,
            r#"crql::build::dynamic::select(["*"]).from("cmClient").build()"#,
            crql::build::dynamic::select(["*"]).from("cmClient").build(),
            r#"crql::build::dynamic::select(["ClientID", "FirstName"]).from("cmClient").build()"#,
            crql::build::dynamic::select(["ClientID", "FirstName"])
                .from("cmClient")
                .build(),
        ),
    ];
    for (code, bad_text, bad, good_text, good) in examples {
        let info = code.info();
        assert_eq!(info.bad, bad_text, "{code}");
        assert_eq!(info.good, good_text, "{code}");
        let errors = bad.expect_err(bad_text);
        assert!(
            errors.diagnostics().iter().any(|d| d.code == code),
            "{code}: {errors:?}"
        );
        assert!(good.is_ok(), "{code}: {good:?}");
    }
}
