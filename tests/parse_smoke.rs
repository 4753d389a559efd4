mod common;
use common::*;

#[test]
fn smoke() {
    verified("SELECT TOP 200 ClientID, FirstName, LastName, ActiveStatus FROM cmClient");
    parses_to(
        "select a from t where a in (1,2) and b like 'x%' or not c is null",
        "SELECT a FROM t WHERE a IN (1, 2) AND b LIKE 'x%' OR NOT c IS NULL",
    );
    verified(
        "SELECT c.* FROM cmClient c INNER JOIN Enrollment e ON e.ClientID = c.ClientID WHERE e.ExitDate IS NULL ORDER BY c.ClientID DESC OFFSET 5 ROWS FETCH NEXT 10 ROWS ONLY",
    );
    verified(
        "SELECT COUNT(*), COUNT(DISTINCT a), LEFT(b, 3) AS x FROM [my table] t WHERE EXISTS (SELECT 1 FROM u) AND a IN (SELECT b FROM c) AND -5 < a - -1",
    );
    for s in [
        "SELECT a WHERE x = 1",
        "SELECT a, FROM t",
        "SELECT a b c FROM t",
        "SELECT a FROM t WHERE (a = 1",
        "SELECT \"a\" FROM t",
        "SELECT 'abc FROM t",
        "DELETE FROM t",
    ] {
        let e = error_of(s);
        let want = if s.starts_with("DELETE") {
            "E0206"
        } else {
            "E0001"
        };
        assert_eq!(e.code(), want, "{s}");
    }
}
