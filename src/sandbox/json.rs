//! Stored values as CTAPI's JSON shows them.

use serde_json::{Map, Value as Json};

use super::catalog::ColType;
use super::data::Value;
use super::date::sql_to_json;

/// One value as JSON: numbers bare, datetimes as `YYYY-MM-DDTHH:MM:SS`.
pub fn to_json(v: &Value, ty: ColType) -> Json {
    match (v, ty) {
        (Value::Null, _) => Json::Null,
        (Value::Int(i), _) => Json::from(*i),
        (Value::Real(f), _) => serde_json::Number::from_f64(*f).map_or(Json::Null, Json::Number),
        (Value::Text(s), ColType::DateTime) => Json::String(sql_to_json(s)),
        (Value::Text(s), _) => Json::String(s.clone()),
    }
}

/// A row as a JSON object, columns in order.
pub fn row_object<'a>(
    names: impl IntoIterator<Item = (&'a str, ColType)>,
    row: &[Value],
) -> Map<String, Json> {
    names
        .into_iter()
        .zip(row)
        .map(|((name, ty), v)| (name.to_owned(), to_json(v, ty)))
        .collect()
}
