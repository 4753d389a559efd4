//! The sandbox refuses with 400 what SQL Server (and so CTAPI) refuses, with the
//! linter's own message: the one definition of each check, over real HTTP.

use crate::support;

use crql::diagnostic::{Code, Severity};
use support::sandbox_kit::{As, json, start};

/// A query of each kind the sandbox once answered 200 (or 500), the code that now
/// refuses it, and a near twin it must still answer.
const CASES: &[(&str, Code, &str)] = &[
    (
        "SELECT TOP 5 ClientID FROM cmClient WHERE ClientID",
        Code::E0210,
        "SELECT TOP 5 ClientID FROM cmClient WHERE ClientID <> 0",
    ),
    (
        "SELECT TOP 5 ClientID FROM cmClient WHERE 1",
        Code::E0210,
        "SELECT TOP 5 ClientID FROM cmClient WHERE 1 = 1",
    ),
    (
        "SELECT TOP 5 ClientID FROM cmClient WHERE ClientID > 3 AND LastName",
        Code::E0210,
        "SELECT TOP 5 ClientID FROM cmClient WHERE ClientID > 3 AND LastName IS NOT NULL",
    ),
    (
        "SELECT TOP 5 c.ClientID FROM cmClient c JOIN Enrollment e ON 1",
        Code::E0210,
        "SELECT TOP 5 c.ClientID FROM cmClient c JOIN Enrollment e ON e.ClientID = c.ClientID",
    ),
    (
        "SELECT TOP 5 c.ClientID FROM cmClient c CROSS JOIN Enrollment e",
        Code::E0211,
        "SELECT TOP 5 c.ClientID FROM cmClient c JOIN Enrollment e ON e.ClientID = c.ClientID",
    ),
    (
        "SELECT TOP 5 c.ClientID FROM cmClient c JOIN Enrollment e",
        Code::E0211,
        "SELECT TOP 5 c.ClientID FROM cmClient c LEFT JOIN Enrollment e ON e.ClientID = c.ClientID",
    ),
    (
        "SELECT TOP 5 ClientID FROM cmClient WHERE ClientID < 1e309",
        Code::E0309,
        "SELECT TOP 5 ClientID FROM cmClient WHERE ClientID < 1e308",
    ),
    (
        "SELECT TOP 5 ClientID FROM cmClient WHERE ClientID < 123456789012345678901234567890123456789",
        Code::E0309,
        "SELECT TOP 5 ClientID FROM cmClient WHERE ClientID < 1234567890123456789012345678901234567.8",
    ),
    (
        "SELECT TOP 5 ClientID FROM cmClient WHERE LastName LIKE 'a%' ESCAPE NULL",
        Code::E0308,
        "SELECT TOP 5 ClientID FROM cmClient WHERE LastName LIKE 'a%' ESCAPE '!'",
    ),
    (
        "SELECT TOP 5 ClientID FROM cmClient WHERE LastName LIKE 'a%' ESCAPE FirstName",
        Code::E0308,
        "SELECT TOP 5 ClientID FROM cmClient WHERE LastName LIKE 'a!%' ESCAPE '!'",
    ),
    (
        "SELECT TOP 5 LastName AS __crql_rid, ClientID FROM cmClient",
        Code::E0212,
        "SELECT TOP 5 LastName AS rid, ClientID FROM cmClient",
    ),
    (
        "SELECT TOP 5 ClientID AS __CRQL_RID FROM cmClient",
        Code::E0212,
        "SELECT TOP 5 ClientID AS crql_rid FROM cmClient",
    ),
];

fn messages(body: &serde_json::Value) -> Vec<String> {
    body["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("no errors: {body}"))
        .iter()
        .map(|m| m.as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn what_sql_server_refuses_is_a_400_with_the_linters_words() {
    let sb = start(60);
    for (bad, code, good) in CASES {
        let query = crql::parse(bad).unwrap();
        let findings: Vec<_> = crql::lint::lint(&query, crql::schema::Schema::builtin())
            .into_iter()
            .filter(|d| d.code == *code && d.severity == Severity::Error)
            .collect();
        assert!(!findings.is_empty(), "{code:?} does not flag {bad}");

        let r = sb.crql(As::Admin, bad, 1, 25, false);
        assert_eq!(r.status, 400, "{bad}: {}", String::from_utf8_lossy(&r.body));
        let said = messages(&json(&r));
        for f in &findings {
            assert!(
                said.contains(&f.message),
                "{bad}: {said:?} lacks {}",
                f.message
            );
        }

        let r = sb.crql(As::Admin, good, 1, 25, true);
        assert_eq!(
            r.status,
            200,
            "{good}: {}",
            String::from_utf8_lossy(&r.body)
        );
    }
}

#[test]
fn a_querys_fault_is_never_a_500() {
    let sb = start(30);
    let odd = [
        "SELECT TOP 5 ClientID FROM cmClient WHERE LastName LIKE 'a%' ESCAPE ''",
        "SELECT TOP 5 ClientID FROM cmClient WHERE LastName LIKE 'a%' ESCAPE 'ab'",
        "SELECT TOP 5 ClientID FROM cmClient WHERE LastName LIKE 'a%' ESCAPE 1",
        "SELECT TOP 5 ClientID FROM cmClient WHERE NOT ClientID",
        "SELECT TOP 5 ClientID FROM cmClient WHERE ClientID OR 1 = 1",
        "SELECT TOP 5 ClientID FROM cmClient WHERE ClientID > -1e400",
        "SELECT TOP 5 c.ClientID FROM cmClient c CROSS JOIN Enrollment e ON e.ClientID = c.ClientID",
        "SELECT TOP 99999999999999999999 ClientID FROM cmClient",
        "SELECT TOP 5 ClientID FROM cmClient WHERE ClientID = 'x'",
        "SELECT TOP 5 ClientID FROM cmClient WHERE UpdatedDate > '2024-13-45'",
    ];
    for q in odd {
        let r = sb.crql(As::Admin, q, 1, 25, false);
        assert_eq!(r.status, 400, "{q}: {}", String::from_utf8_lossy(&r.body));
    }
}
