//! Snapshots of the AST as JSON (what `crql parse --json` prints) for a
//! representative set: the shape other parts and tools depend on.

#[test]
fn ast_json_snapshots() {
    let queries = [
        (
            "top_and_list",
            "SELECT TOP 200 ClientID, FirstName FROM cmClient",
        ),
        (
            "join_where_order",
            "select c.ClientID, e.EnrollID as enroll from dbo.cmClient c left join Enrollment e on e.ClientID = c.ClientID where e.ExitDate is null and c.ClientID in (7, 8) order by c.ClientID desc",
        ),
        (
            "precedence",
            "SELECT a FROM t WHERE NOT a = -1 OR b BETWEEN 1 AND 2 AND (c LIKE 'x%' OR d <> :p)",
        ),
        (
            "forbidden_forms",
            "SELECT DISTINCT *, t.*, COUNT(DISTINCT a), (SELECT 1 FROM u) FROM (SELECT a FROM v) t GROUP BY a HAVING COUNT(*) > 1 UNION ALL SELECT a, 1, 2, 3 FROM w OFFSET 5 ROWS FETCH NEXT 5 ROWS ONLY",
        ),
        (
            "escapes",
            "SELECT [a]]b] FROM t WHERE x = N'it''s' AND y = 1.5e3",
        ),
    ];
    for (name, sql) in queries {
        let q = crql::parse(sql).expect("parse");
        insta::assert_json_snapshot!(name, q, sql);
    }
    let script = crql::parse_script(
        "-- clients\nSELECT ClientID FROM cmClient; /* and */ DELETE FROM cmClient;",
    )
    .expect("script");
    insta::assert_json_snapshot!("script", script);
}

#[test]
fn json_round_trips_through_serde() {
    let sql = "SELECT TOP 5 a, b AS c FROM t x INNER JOIN u ON u.a = x.a WHERE a IN (1, 2) AND b IS NOT NULL";
    let q = crql::parse(sql).expect("parse");
    let json = serde_json::to_string(&q).expect("serialise");
    let back: crql::Query<'_> = serde_json::from_str(&json).expect("deserialise");
    assert_eq!(back, q);
    assert_eq!(back.to_string(), sql);
}
