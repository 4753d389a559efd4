//! The real production queries quoted in the CRQL reference parse and print back
//! canonically.

use crate::support::canonical::parses_to;

#[test]
fn production_queries_parse_and_print_canonically() {
    let cases = [
        (
            "select VulnerabilityID, ClientID, CreatedBy, UpdatedDate from VulnerabilityIndex where UpdatedDate > '2024-01-01 00:00:00'",
            "SELECT VulnerabilityID, ClientID, CreatedBy, UpdatedDate FROM VulnerabilityIndex WHERE UpdatedDate > '2024-01-01 00:00:00'",
        ),
        (
            "SELECT ScoreTotal, VulnerabilityID FROM VISPDAT where VulnerabilityID in ('101', '102')",
            "SELECT ScoreTotal, VulnerabilityID FROM VISPDAT WHERE VulnerabilityID IN ('101', '102')",
        ),
        (
            "select ClientID, EnrollID, ClntCaseID from Enrollment where EnrollID in (7, 8) and UpdatedDate > '2024-01-01 00:00:00'",
            "SELECT ClientID, EnrollID, ClntCaseID FROM Enrollment WHERE EnrollID IN (7, 8) AND UpdatedDate > '2024-01-01 00:00:00'",
        ),
        (
            "SELECT TOP 200 ClientID, FirstName, LastName, ActiveStatus FROM cmClient",
            "SELECT TOP 200 ClientID, FirstName, LastName, ActiveStatus FROM cmClient",
        ),
    ];
    for (sql, canonical) in cases {
        let q = parses_to(sql, canonical);
        assert_eq!(q.span.end, sql.len());
    }
}
