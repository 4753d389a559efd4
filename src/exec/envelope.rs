//! Reading CTAPI's answers: each envelope shape, and the status codes around them.
//!
//! Shapes (from the reference):
//! - rows: `{"recordCount": N, "data": {"Table1": [{..., "__crql_rid": 1}]}}`
//! - no rows: a bare `{}` — never treated as an error, never confused with one
//! - errors: `{"errors": ["message", ...]}` (API Management answers
//!   `{"statusCode": 401, "message": "..."}` for subscription-key failures)
//! - stored procedure: `{"output": [...], "result": {"table1": [...], "table2": ...}}`
//! - description: `{"metadata": [{"attributeName": "Col", ...}, ...]}`
//! - auth test: `{"message": "Hello ... from the NAME ClientTrack environment."}`

use serde_json::{Map, Value};

use super::error::Error;
use super::transport::Response;

/// One row: column name to value, in the order the server sent them.
pub type Row = Map<String, Value>;

/// The per-response sequence number CTAPI adds to every row; not data.
pub const ROW_ID_COLUMN: &str = crate::ctapi::ROW_ID_COLUMN;

/// Characters of a body an error shows.
pub(crate) const EXCERPT_CHARS: usize = 120;
/// Characters of a server message an error shows.
pub(crate) const MESSAGE_CHARS: usize = 1_000;
/// Characters of a body an error holds until the client has scrubbed it: more than
/// it shows, so that a key across the [`EXCERPT_CHARS`] cut is scrubbed whole
/// before the cut (see `Redactor::shown`).
const RAW_EXCERPT_CHARS: usize = 4_096;

/// The start of a body, for error messages: raw and longer than shown; the
/// client's scrubber escapes it and cuts it to [`EXCERPT_CHARS`].
pub(crate) fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(RAW_EXCERPT_CHARS * 4)]);
    let mut out = super::shown::cut(&text, RAW_EXCERPT_CHARS);
    if body.len() > RAW_EXCERPT_CHARS * 4 && !out.ends_with('…') {
        out.push('…');
    }
    if out.is_empty() {
        out.push_str("(empty body)");
    }
    out
}

fn malformed(reason: impl Into<String>, body: &[u8]) -> Error {
    Error::Envelope {
        reason: reason.into(),
        excerpt: excerpt(body),
    }
}

fn object(body: &[u8]) -> Result<Map<String, Value>, Error> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(malformed("expected a JSON object", body)),
        Err(e) => Err(malformed(format!("invalid JSON ({e})"), body)),
    }
}

/// The rows of one `/crql` page. `{}` is a page without rows.
pub(crate) fn crql_page(body: &[u8]) -> Result<(Vec<Row>, Option<u64>), Error> {
    let mut map = object(body)?;
    let record_count = map.get("recordCount").and_then(Value::as_u64);
    let Some(data) = map.remove("data") else {
        if map.contains_key("errors") {
            return Err(malformed("a success status carried errors", body));
        }
        return match record_count {
            None | Some(0) => Ok((Vec::new(), record_count)),
            Some(n) => Err(malformed(
                format!("recordCount is {n} but there is no data"),
                body,
            )),
        };
    };
    let Value::Object(mut tables) = data else {
        return Err(malformed("`data` is not an object", body));
    };
    let table = match tables.remove("Table1") {
        Some(t) => t,
        None if tables.is_empty() => return Ok((Vec::new(), record_count)),
        None => {
            let keys: Vec<&str> = tables.keys().map(String::as_str).collect();
            return Err(malformed(
                format!("`data` has no `Table1` (found {})", keys.join(", ")),
                body,
            ));
        }
    };
    Ok((rows(table, "data.Table1", body)?, record_count))
}

fn rows(table: Value, at: &str, body: &[u8]) -> Result<Vec<Row>, Error> {
    let Value::Array(items) = table else {
        return Err(malformed(format!("`{at}` is not an array"), body));
    };
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| match item {
            Value::Object(mut row) => {
                row.shift_remove(ROW_ID_COLUMN);
                Ok(row)
            }
            _ => Err(malformed(format!("`{at}[{i}]` is not an object"), body)),
        })
        .collect()
}

/// Everything a stored procedure answered.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProcedureResult {
    /// Output parameters, as sent.
    pub output: Vec<Value>,
    /// Result sets in order (`table1`, `table2`, ... `table10`), with their names.
    pub result_sets: Vec<(String, Vec<Row>)>,
}

impl ProcedureResult {
    /// The rows of the first result set (empty when there is none).
    pub fn rows(&self) -> &[Row] {
        self.result_sets.first().map_or(&[], |(_, r)| r.as_slice())
    }
}

pub(crate) fn procedure(body: &[u8]) -> Result<ProcedureResult, Error> {
    let mut map = object(body)?;
    let output = match map.remove("output") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(a)) => a,
        Some(_) => return Err(malformed("`output` is not an array", body)),
    };
    let mut result_sets = match map.remove("result") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Object(tables)) => tables
            .into_iter()
            .map(|(name, t)| {
                let at = format!("result.{name}");
                rows(t, &at, body).map(|r| (name, r))
            })
            .collect::<Result<Vec<_>, _>>()?,
        Some(_) => return Err(malformed("`result` is not an object", body)),
    };
    // `table10` sorts after `table9`, whatever order the object had.
    result_sets.sort_by_key(|(name, _)| table_number(name));
    Ok(ProcedureResult {
        output,
        result_sets,
    })
}

fn table_number(name: &str) -> (u64, String) {
    let digits = name.trim_start_matches(|c: char| !c.is_ascii_digit());
    (digits.parse().unwrap_or(u64::MAX), name.to_owned())
}

/// Checks a `cto/{table}/description` answer and returns its column names.
pub(crate) fn description(body: &[u8]) -> Result<Vec<String>, Error> {
    let mut map = object(body)?;
    let Some(Value::Array(items)) = map.remove("metadata") else {
        return Err(malformed("expected a `metadata` array", body));
    };
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| match item.get("attributeName") {
            Some(Value::String(name)) if !name.is_empty() => Ok(name.clone()),
            _ => Err(malformed(
                format!("`metadata[{i}]` has no `attributeName`"),
                body,
            )),
        })
        .collect()
}

/// One record of `cto/{table}/{id}`.
pub(crate) fn record(body: &[u8]) -> Result<Row, Error> {
    let mut row = object(body)?;
    row.shift_remove(ROW_ID_COLUMN);
    Ok(row)
}

/// What `/auth/test` said.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthInfo {
    /// `NAME` of "... from the NAME ClientTrack environment.", when the message has it.
    pub environment: Option<String>,
    /// The whole message.
    pub message: String,
}

pub(crate) fn auth(body: &[u8]) -> Result<AuthInfo, Error> {
    let map = object(body)?;
    let Some(Value::String(message)) = map.get("message") else {
        return Err(malformed("expected a `message` string", body));
    };
    Ok(AuthInfo {
        environment: environment_name(message),
        message: message.clone(),
    })
}

fn environment_name(message: &str) -> Option<String> {
    let start = message.find(" from the ")? + " from the ".len();
    let rest = &message[start..];
    let end = rest.find(" ClientTrack environment")?;
    let name = rest[..end].trim();
    (!name.is_empty()).then(|| name.to_owned())
}

/// The server's own words from an error body: `errors[]` joined, or APIM's `message`,
/// or a short excerpt of whatever came.
pub(crate) fn server_message(body: &[u8]) -> String {
    if let Ok(Value::Object(map)) = serde_json::from_slice::<Value>(body) {
        if let Some(Value::Array(errors)) = map.get("errors") {
            let parts: Vec<String> = errors
                .iter()
                .map(|e| match e {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect();
            if !parts.is_empty() {
                return parts.join("; ");
            }
        }
        if let Some(Value::String(m)) = map.get("message") {
            return m.clone();
        }
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        "(empty body)".into()
    } else {
        excerpt(body)
    }
}

/// Turns a non-success response into the matching error.
///
/// The three 401s differ only in their text: API Management's subscription-key
/// message, the procedure "is not available" message, and the ApiKey message.
pub(crate) fn status_error(response: &Response, path: &str) -> Error {
    let message = server_message(&response.body);
    let lower = message.to_ascii_lowercase();
    match response.status {
        401 if lower.contains("subscription key") || lower.contains("subscription-key") => {
            Error::SubscriptionKey { message }
        }
        401 if lower.contains("not available") => Error::ProcedureUnavailable { message },
        401 if lower.contains("apikey") || lower.contains("api key") => Error::ApiKey { message },
        401 => Error::Unauthorized { message },
        404 => Error::NotFound {
            path: path.to_owned(),
        },
        status => Error::Http { status, message },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_object_is_no_rows() {
        assert_eq!(crql_page(b"{}").unwrap().0, Vec::<Row>::new());
    }

    #[test]
    fn rows_lose_the_rid_and_keep_order() {
        let (rows, count) = crql_page(
            br#"{"recordCount": 99, "data": {"Table1": [{"B": 1, "A": "x", "__crql_rid": 1}]}}"#,
        )
        .unwrap();
        assert_eq!(count, Some(99));
        let keys: Vec<&String> = rows[0].keys().collect();
        assert_eq!(keys, ["B", "A"]);
    }

    #[test]
    fn wrong_table_name_is_not_silently_empty() {
        let e = crql_page(br#"{"data": {"table1": [{"A": 1}]}}"#).unwrap_err();
        assert!(e.to_string().contains("no `Table1` (found table1)"), "{e}");
    }

    #[test]
    fn count_without_data_is_an_error() {
        assert!(crql_page(br#"{"recordCount": 3}"#).is_err());
    }

    #[test]
    fn truncated_json_has_an_excerpt() {
        let e = crql_page(br#"{"data": {"Table1": [{"A": 1"#).unwrap_err();
        assert!(
            e.to_string().contains(r#"body starts: {"data": {"Table1""#),
            "{e}"
        );
    }

    #[test]
    fn procedure_sets_in_numeric_order() {
        let r = procedure(
            br#"{"output": [{"n": 1}], "result": {"table10": [], "table2": [{"b": 2}], "table1": [{"a": 1}]}}"#,
        )
        .unwrap();
        let names: Vec<&str> = r.result_sets.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["table1", "table2", "table10"]);
        assert_eq!(r.rows()[0]["a"], 1);
        assert_eq!(r.output.len(), 1);
    }

    #[test]
    fn environment_from_message() {
        let a = auth(br#"{"message": "Hello Jo from the Demo Agency ClientTrack environment."}"#)
            .unwrap();
        assert_eq!(a.environment.as_deref(), Some("Demo Agency"));
    }

    #[test]
    fn three_kinds_of_401() {
        let r = |body: &str| Response {
            status: 401,
            headers: vec![],
            body: body.as_bytes().to_vec(),
        };
        let kinds = [
            r(
                r#"{"statusCode": 401, "message": "Access denied due to invalid subscription key."}"#,
            ),
            r(r#"{"errors": ["Missing or incorrect ApiKey"]}"#),
            r(r#"{"errors": ["Procedure dbo.X is not available at this time"]}"#),
        ];
        let got: Vec<&str> = kinds
            .iter()
            .map(|k| match status_error(k, "/x") {
                Error::SubscriptionKey { .. } => "sub",
                Error::ApiKey { .. } => "api",
                Error::ProcedureUnavailable { .. } => "proc",
                _ => "other",
            })
            .collect();
        assert_eq!(got, ["sub", "api", "proc"]);
    }
}
