//! Round trip of the query productions: canonical text prints back unchanged
//! (`verified`), other spellings print canonically (`parses_to`).

use crate::support::canonical::{error_of, parses_to, verified};

use crql::ast::{JoinKind, SelectItem, SetOperator, SortDirection, TableRef};

#[test]
fn canonical_queries_print_back_unchanged() {
    let cases = [
        // select list
        "SELECT ClientID FROM cmClient",
        "SELECT ClientID, FirstName, LastName FROM cmClient",
        "SELECT * FROM cmClient",
        "SELECT c.* FROM cmClient c",
        "SELECT *, c.*, ClientID FROM cmClient c",
        "SELECT ClientID AS id FROM cmClient",
        "SELECT ClientID AS [Client ID] FROM cmClient",
        "SELECT FirstName + ' ' + LastName AS FullName FROM cmClient",
        "SELECT 1 FROM cmClient",
        "SELECT 'x' AS label, NULL AS nothing FROM cmClient",
        "SELECT :p FROM cmClient",
        "SELECT COUNT(*) FROM cmClient",
        "SELECT COUNT(DISTINCT ClientID) FROM Enrollment",
        "SELECT UPPER(LastName), LEFT(FirstName, 1), RIGHT(ZipCode, 4) FROM cmClient",
        "SELECT GETDATE() FROM cmClient",
        "SELECT [select], [From], [order] FROM [Order]",
        "SELECT [a]]b] FROM t",
        "SELECT Rows, Next, First, Only, Ties FROM t",
        "SELECT -1, +2, - -3 FROM t",
        "SELECT (SELECT MAX(EnrollID) FROM Enrollment) AS latest FROM cmClient",
        // DISTINCT and TOP
        "SELECT DISTINCT ClientID FROM Enrollment",
        "SELECT TOP 200 ClientID FROM cmClient",
        "SELECT DISTINCT TOP 10 ClientID FROM Enrollment",
        "SELECT TOP (:n) ClientID FROM cmClient",
        "SELECT TOP (10 + 5) ClientID FROM cmClient",
        "SELECT TOP 10 PERCENT ClientID FROM cmClient",
        "SELECT TOP 10 WITH TIES ClientID FROM cmClient ORDER BY ClientID",
        "SELECT TOP 10 PERCENT WITH TIES ClientID FROM cmClient ORDER BY ClientID",
        // FROM
        "SELECT ClientID FROM dbo.cmClient",
        "SELECT c.ClientID FROM dbo.cmClient c",
        "SELECT ClientID FROM [dbo].[cm Client]",
        "SELECT x.ClientID FROM (SELECT ClientID FROM cmClient) x",
        "SELECT ClientID FROM (SELECT ClientID FROM cmClient)",
        "SELECT ClientID FROM cmClient [c c]",
        // joins
        "SELECT c.ClientID FROM cmClient c INNER JOIN Enrollment e ON e.ClientID = c.ClientID",
        "SELECT c.ClientID FROM cmClient c LEFT JOIN Enrollment e ON e.ClientID = c.ClientID",
        "SELECT c.ClientID FROM cmClient c RIGHT JOIN Enrollment e ON e.ClientID = c.ClientID",
        "SELECT c.ClientID FROM cmClient c FULL JOIN Enrollment e ON e.ClientID = c.ClientID",
        "SELECT c.ClientID FROM cmClient c CROSS JOIN Program p",
        "SELECT c.ClientID FROM cmClient c INNER JOIN Enrollment e ON e.ClientID = c.ClientID LEFT JOIN Program p ON p.ProgramID = e.ProgramID",
        "SELECT a FROM t INNER JOIN u ON u.a = t.a AND u.b = t.b",
        "SELECT a FROM t INNER JOIN (SELECT a FROM u) x ON x.a = t.a",
        "SELECT a FROM t INNER JOIN u",
        // WHERE
        "SELECT ClientID FROM cmClient WHERE ClientID > 0",
        "SELECT ClientID FROM cmClient WHERE ActiveStatus = 1 AND ClientID <> 0",
        "SELECT ClientID FROM cmClient WHERE UpdatedDate > '2024-01-01 00:00:00'",
        "SELECT ClientID FROM cmClient WHERE ClientID IN (1, 2, 3)",
        "SELECT ClientID FROM cmClient WHERE ClientID NOT IN (1, 2, 3)",
        "SELECT ClientID FROM cmClient WHERE ClientID IN (SELECT ClientID FROM Enrollment)",
        "SELECT ClientID FROM cmClient WHERE ClientID NOT IN (SELECT ClientID FROM Enrollment)",
        "SELECT ClientID FROM cmClient WHERE UpdatedDate BETWEEN '2024-01-01' AND '2024-12-31'",
        "SELECT ClientID FROM cmClient WHERE UpdatedDate NOT BETWEEN '2024-01-01' AND '2024-12-31'",
        "SELECT ClientID FROM cmClient WHERE LastName LIKE 'Sm%'",
        "SELECT ClientID FROM cmClient WHERE LastName NOT LIKE 'Sm%'",
        "SELECT ClientID FROM cmClient WHERE LastName LIKE 'a!%' ESCAPE '!'",
        "SELECT ClientID FROM cmClient WHERE ExitDate IS NULL",
        "SELECT ClientID FROM cmClient WHERE ExitDate IS NOT NULL",
        "SELECT ClientID FROM cmClient WHERE NOT ActiveStatus = 1",
        "SELECT ClientID FROM cmClient WHERE EXISTS (SELECT 1 FROM Enrollment e WHERE e.ClientID = cmClient.ClientID)",
        "SELECT ClientID FROM cmClient WHERE NOT EXISTS (SELECT 1 FROM Enrollment)",
        "SELECT ClientID FROM cmClient WHERE ClientID = :id",
        "SELECT ClientID FROM cmClient WHERE (ActiveStatus = 1 OR ActiveStatus = 2) AND ClientID > 0",
        "SELECT ClientID FROM cmClient WHERE LastName = 'O''Brien'",
        "SELECT ClientID FROM cmClient WHERE LastName = N'Zoë'",
        // GROUP BY / HAVING
        "SELECT ClientID, COUNT(*) FROM Enrollment GROUP BY ClientID",
        "SELECT ClientID, ProgramID, COUNT(*) FROM Enrollment GROUP BY ClientID, ProgramID",
        "SELECT ClientID FROM Enrollment GROUP BY ClientID HAVING COUNT(*) > 1",
        "SELECT ClientID FROM Enrollment WHERE ProgramID = 3 GROUP BY ClientID HAVING COUNT(*) > 1",
        // set operators
        "SELECT ClientID FROM cmClient UNION SELECT ClientID FROM Enrollment",
        "SELECT ClientID FROM cmClient UNION ALL SELECT ClientID FROM Enrollment",
        "SELECT ClientID FROM cmClient EXCEPT SELECT ClientID FROM Enrollment",
        "SELECT ClientID FROM cmClient INTERSECT SELECT ClientID FROM Enrollment",
        "SELECT a FROM t UNION SELECT a FROM u UNION ALL SELECT a FROM v ORDER BY a",
        // ORDER BY and paging
        "SELECT ClientID FROM cmClient ORDER BY ClientID",
        "SELECT ClientID FROM cmClient ORDER BY ClientID ASC",
        "SELECT ClientID FROM cmClient ORDER BY ClientID DESC",
        "SELECT ClientID FROM cmClient ORDER BY LastName, FirstName DESC, ClientID ASC",
        "SELECT ClientID FROM cmClient ORDER BY UPPER(LastName)",
        "SELECT ClientID FROM cmClient LIMIT 10",
        "SELECT ClientID FROM cmClient ORDER BY ClientID LIMIT 10",
        "SELECT ClientID FROM cmClient ORDER BY ClientID OFFSET 20 ROWS",
        "SELECT ClientID FROM cmClient ORDER BY ClientID OFFSET 20 ROWS FETCH NEXT 10 ROWS ONLY",
        "SELECT ClientID FROM cmClient ORDER BY ClientID FETCH NEXT 10 ROWS ONLY",
        "SELECT ClientID FROM cmClient LIMIT 10 OFFSET 5 ROWS",
        "SELECT ClientID FROM cmClient OFFSET :skip ROWS FETCH NEXT :take ROWS ONLY",
        // everything at once
        "SELECT DISTINCT TOP 10 c.ClientID, e.EnrollID AS enroll FROM dbo.cmClient c LEFT JOIN Enrollment e ON e.ClientID = c.ClientID WHERE e.ExitDate IS NULL AND c.ClientID IN (1, 2) GROUP BY c.ClientID, e.EnrollID HAVING COUNT(*) >= 1 UNION SELECT 1, 2 FROM t ORDER BY 1 DESC OFFSET 0 ROWS FETCH NEXT 5 ROWS ONLY",
    ];
    for sql in cases {
        verified(sql);
    }
    assert!(cases.len() >= 80);
}

#[test]
fn other_spellings_print_canonically() {
    let cases = [
        (
            "select ClientID from cmClient",
            "SELECT ClientID FROM cmClient",
        ),
        (
            "SeLeCt ClientID FrOm cmClient WhErE ClientID>0",
            "SELECT ClientID FROM cmClient WHERE ClientID > 0",
        ),
        (
            "SELECT   ClientID ,FirstName\n\tFROM\ncmClient",
            "SELECT ClientID, FirstName FROM cmClient",
        ),
        (
            "SELECT ClientID id FROM cmClient",
            "SELECT ClientID AS id FROM cmClient",
        ),
        (
            "SELECT ClientID FROM cmClient AS c",
            "SELECT ClientID FROM cmClient c",
        ),
        (
            "SELECT x.a FROM (SELECT a FROM t) AS x",
            "SELECT x.a FROM (SELECT a FROM t) x",
        ),
        ("SELECT top 5 a FROM t", "SELECT TOP 5 a FROM t"),
        ("SELECT TOP (5) a FROM t", "SELECT TOP 5 a FROM t"),
        ("SELECT TOP(5)a FROM t", "SELECT TOP 5 a FROM t"),
        (
            "SELECT a FROM t JOIN u ON u.a = t.a",
            "SELECT a FROM t INNER JOIN u ON u.a = t.a",
        ),
        (
            "SELECT a FROM t LEFT OUTER JOIN u ON u.a = t.a",
            "SELECT a FROM t LEFT JOIN u ON u.a = t.a",
        ),
        (
            "SELECT a FROM t RIGHT OUTER JOIN u ON u.a = t.a",
            "SELECT a FROM t RIGHT JOIN u ON u.a = t.a",
        ),
        (
            "SELECT a FROM t FULL OUTER JOIN u ON u.a = t.a",
            "SELECT a FROM t FULL JOIN u ON u.a = t.a",
        ),
        (
            "select a from t inner join u on u.a=t.a",
            "SELECT a FROM t INNER JOIN u ON u.a = t.a",
        ),
        (
            "SELECT a FROM t WHERE a != 1",
            "SELECT a FROM t WHERE a <> 1",
        ),
        ("SELECT a FROM t WHERE a<>1", "SELECT a FROM t WHERE a <> 1"),
        (
            "SELECT a FROM t WHERE a in(1,2,3)",
            "SELECT a FROM t WHERE a IN (1, 2, 3)",
        ),
        (
            "SELECT a FROM t WHERE a not in (1)",
            "SELECT a FROM t WHERE a NOT IN (1)",
        ),
        (
            "SELECT a FROM t WHERE a is not null",
            "SELECT a FROM t WHERE a IS NOT NULL",
        ),
        (
            "SELECT a FROM t WHERE a between 1 and 2",
            "SELECT a FROM t WHERE a BETWEEN 1 AND 2",
        ),
        (
            "SELECT a FROM t WHERE a like 'x%' escape '\\'",
            "SELECT a FROM t WHERE a LIKE 'x%' ESCAPE '\\'",
        ),
        (
            "SELECT a FROM t WHERE not exists(select 1 from u)",
            "SELECT a FROM t WHERE NOT EXISTS (SELECT 1 FROM u)",
        ),
        (
            "SELECT a FROM t WHERE a = n'x'",
            "SELECT a FROM t WHERE a = N'x'",
        ),
        (
            "SELECT a FROM t ORDER BY a asc, b desc",
            "SELECT a FROM t ORDER BY a ASC, b DESC",
        ),
        (
            "SELECT a FROM t ORDER BY a OFFSET 1 ROW",
            "SELECT a FROM t ORDER BY a OFFSET 1 ROWS",
        ),
        (
            "SELECT a FROM t ORDER BY a OFFSET 1",
            "SELECT a FROM t ORDER BY a OFFSET 1 ROWS",
        ),
        (
            "SELECT a FROM t ORDER BY a OFFSET 0 ROWS FETCH FIRST 1 ROW ONLY",
            "SELECT a FROM t ORDER BY a OFFSET 0 ROWS FETCH NEXT 1 ROWS ONLY",
        ),
        (
            "SELECT a FROM t union all SELECT a FROM u",
            "SELECT a FROM t UNION ALL SELECT a FROM u",
        ),
        ("SELECT count( * ) FROM t", "SELECT count(*) FROM t"),
        (
            "SELECT count(distinct a) FROM t",
            "SELECT count(DISTINCT a) FROM t",
        ),
        ("SELECT a FROM t;", "SELECT a FROM t"),
        ("  SELECT a FROM t ;  ", "SELECT a FROM t"),
        ("SELECT a FROM t -- trailing comment", "SELECT a FROM t"),
        ("/* leading */ SELECT a FROM t", "SELECT a FROM t"),
        ("SELECT/**/a/**/FROM/**/t", "SELECT a FROM t"),
        ("SELECT a -- one\n, b -- two\nFROM t", "SELECT a, b FROM t"),
        (
            "SELECT [ClientID] FROM [cmClient]",
            "SELECT [ClientID] FROM [cmClient]",
        ),
        (
            "SELECT a FROM t WHERE ((a = 1))",
            "SELECT a FROM t WHERE ((a = 1))",
        ),
        ("SELECT a FROM t WHERE a=-1", "SELECT a FROM t WHERE a = -1"),
        (
            "SELECT a FROM t WHERE a = - 1",
            "SELECT a FROM t WHERE a = -1",
        ),
        (
            "SELECT a FROM t WHERE a = 1.50",
            "SELECT a FROM t WHERE a = 1.50",
        ),
        (
            "SELECT DISTINCT\ttop 3 a FROM t",
            "SELECT DISTINCT TOP 3 a FROM t",
        ),
        (
            "SELECT a FROM t WHERE a IN ( SELECT b FROM u )",
            "SELECT a FROM t WHERE a IN (SELECT b FROM u)",
        ),
        (
            "SELECT a FROM t GROUP BY a HAVING count(*)>1",
            "SELECT a FROM t GROUP BY a HAVING count(*) > 1",
        ),
        ("SELECT a FROM t limit 5", "SELECT a FROM t LIMIT 5"),
        (
            "SELECT a\r\nFROM t\r\nWHERE a = 1",
            "SELECT a FROM t WHERE a = 1",
        ),
        (
            "SELECT a FROM t CROSS JOIN u ON 1 = 1",
            "SELECT a FROM t CROSS JOIN u ON 1 = 1",
        ),
        ("SELECT t . a FROM t", "SELECT t.a FROM t"),
        ("SELECT t . * FROM t", "SELECT t.* FROM t"),
        ("SELECT a FROM dbo . t", "SELECT a FROM dbo.t"),
    ];
    for (sql, canonical) in cases {
        parses_to(sql, canonical);
    }
    assert!(cases.len() >= 45);
}

#[test]
fn the_tree_holds_what_was_written() {
    let q = verified(
        "SELECT DISTINCT TOP 10 PERCENT c.*, a AS b FROM dbo.t c LEFT JOIN u ON u.a = c.a CROSS JOIN v UNION ALL SELECT a FROM w ORDER BY a DESC LIMIT 3",
    );
    assert!(q.select.distinct.is_some());
    let top = q.select.top.as_ref().expect("top");
    assert!(top.percent && !top.with_ties);
    assert!(matches!(
        q.select.items[0],
        SelectItem::QualifiedWildcard { .. }
    ));
    match &q.select.from {
        TableRef::Table { name, alias, .. } => {
            assert_eq!(name.schema.as_ref().map(|s| s.value.as_ref()), Some("dbo"));
            assert_eq!(name.name.value, "t");
            assert_eq!(alias.as_ref().map(|a| a.value.as_ref()), Some("c"));
        }
        other => panic!("{other:?}"),
    }
    let kinds: Vec<_> = q.select.joins.iter().map(|j| j.kind).collect();
    assert_eq!(kinds, [JoinKind::Left, JoinKind::Cross]);
    assert!(q.select.joins[1].on.is_none());
    assert_eq!(q.set_ops[0].op, SetOperator::Union);
    assert!(q.set_ops[0].all);
    assert_eq!(q.order_by[0].direction, Some(SortDirection::Desc));
    assert!(q.limit.is_some());
}

#[test]
fn spans_point_into_the_source() {
    let sql = "select a, [b c] from t x where a = 'it''s'";
    let q = crql::parse(sql).expect("parse");
    assert_eq!(&sql[q.span.range()], sql);
    assert_eq!(&sql[q.select.items[1].span().range()], "[b c]");
    assert_eq!(&sql[q.select.from.span().range()], "t x");
    let w = q.select.selection.as_ref().expect("where");
    assert_eq!(&sql[w.span().range()], "a = 'it''s'");
    let q = crql::parse("  SELECT a FROM t  ;").expect("parse");
    assert_eq!((q.span.start, q.span.end), (2, 17));
}

#[test]
fn fragments_parse_alone() {
    let e = crql::parse_expr("ClientID IN (1, 2) AND ExitDate IS NULL").expect("expr");
    assert_eq!(e.to_string(), "ClientID IN (1, 2) AND ExitDate IS NULL");
    let w = crql::parse_where("where ClientID > 0").expect("where");
    assert_eq!(w.to_string(), "ClientID > 0");
    let w = crql::parse_where("ClientID > 0").expect("bare condition");
    assert_eq!(w.to_string(), "ClientID > 0");
    assert_eq!(crql::parse_expr("a = ").unwrap_err().code(), "E0001");
    assert_eq!(crql::parse_where("WHERE").unwrap_err().code(), "E0001");
}

#[test]
fn scripts_keep_statements_spans_and_comments() {
    let text =
        "-- first\nSELECT a FROM t; /* second */ select b from u;\nDELETE FROM t WHERE a = ';';\n;";
    let s = crql::parse_script(text).expect("script");
    assert_eq!(s.statements.len(), 3);
    assert_eq!(&text[s.statements[0].span().range()], "SELECT a FROM t");
    assert_eq!(&text[s.statements[1].span().range()], "select b from u");
    assert_eq!(
        &text[s.statements[2].span().range()],
        "DELETE FROM t WHERE a = ';'"
    );
    match &s.statements[2] {
        crql::ast::Statement::Unsupported { verb, .. } => assert_eq!(verb.value, "DELETE"),
        other => panic!("{other:?}"),
    }
    let comments: Vec<_> = s.comments.iter().map(|c| c.text.as_ref()).collect();
    assert_eq!(comments, ["-- first", "/* second */"]);
    assert_eq!(s.to_string(), "SELECT a FROM t;\nSELECT b FROM u;\nDELETE;");
    assert!(crql::parse_script("").expect("empty").statements.is_empty());
    assert!(
        crql::parse_script(" -- nothing\n")
            .expect("only a comment")
            .statements
            .is_empty()
    );
    let e = crql::parse_script("SELECT a FROM t SELECT b FROM u").unwrap_err();
    assert_eq!(e.code(), "E0001");
}

#[test]
fn unsupported_statements_are_e0206_for_parse() {
    for sql in [
        "DELETE FROM cmClient WHERE ClientID = 1",
        "update cmClient set FirstName = 'x'",
        "INSERT INTO cmClient (FirstName) VALUES ('x')",
        "EXEC dbo.DoThings 1",
        "DROP TABLE cmClient",
        "TRUNCATE TABLE cmClient",
        "MERGE cmClient USING x ON 1 = 1",
        "CREATE TABLE x (a int)",
        "ALTER TABLE x ADD b int",
    ] {
        let e = error_of(sql);
        assert_eq!(e.code(), "E0206", "{sql}");
        assert_eq!(e.span().start, 0);
        let help = e.diagnostic().help.clone().unwrap_or_default();
        assert!(
            help.contains("CTObjects") && help.contains("stored procedure"),
            "{help}"
        );
    }
}

#[test]
fn parsed_queries_outlive_their_text_with_into_owned() {
    let owned: crql::Query<'static> = {
        let text = String::from("SELECT [a]]b], c FROM t WHERE d = 'x''y' AND e = 'plain'");
        crql::parse(&text).expect("parse").into_owned()
    };
    assert_eq!(
        owned.to_string(),
        "SELECT [a]]b], c FROM t WHERE d = 'x''y' AND e = 'plain'"
    );
}

#[test]
fn names_and_strings_without_escapes_are_borrowed() {
    use std::borrow::Cow;
    let q = crql::parse("SELECT [a b], c FROM t WHERE d = 'plain' AND e = 'it''s'").expect("parse");
    let SelectItem::Expr {
        expr: crql::ast::Expr::Column(c),
        ..
    } = &q.select.items[0]
    else {
        panic!()
    };
    assert!(matches!(c.name.value, Cow::Borrowed("a b")));
    let json = serde_json::to_value(&q).expect("json");
    assert!(json.to_string().contains("it's"));
    let w = q.select.selection.as_ref().expect("where").to_string();
    assert_eq!(w, "d = 'plain' AND e = 'it''s'");
    let crql::ast::Expr::Binary { left, right, .. } = q.select.selection.as_ref().unwrap() else {
        panic!()
    };
    let lit = |e: &crql::ast::Expr<'_>| match e {
        crql::ast::Expr::Binary { right, .. } => match right.as_ref() {
            crql::ast::Expr::Literal(crql::ast::Literal::String { value, .. }) => {
                matches!(value, Cow::Borrowed(_))
            }
            _ => panic!(),
        },
        _ => panic!(),
    };
    assert!(lit(left), "'plain' is borrowed");
    assert!(!lit(right), "'it''s' had to be unescaped");
}
