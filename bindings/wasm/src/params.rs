//! `bind`'s parameters: a plain JavaScript object, as JSON.

use crql::build::{Dec, ParamValue, Value as Literal};
use serde_json::Value;

use crate::Failure;

/// The named values of `params`: strings, numbers, booleans and null, or arrays of
/// them (for `IN (:list)`). The JavaScript side has already refused `NaN`, the
/// infinities and `undefined`, which JSON cannot carry.
pub fn from_json(params: &Value) -> Result<Vec<(String, ParamValue)>, Failure> {
    let Value::Object(map) = params else {
        return Err(Failure::Type("bind: params must be a plain object".into()));
    };
    map.iter()
        .map(|(name, v)| {
            let value = match v {
                Value::Array(items) => ParamValue::List(
                    items
                        .iter()
                        .map(|i| scalar(name, i))
                        .collect::<Result<_, _>>()?,
                ),
                v => ParamValue::Scalar(scalar(name, v)?),
            };
            Ok((name.clone(), value))
        })
        .collect()
}

fn scalar(name: &str, v: &Value) -> Result<Literal, Failure> {
    Ok(match v {
        Value::Null => Literal::Null,
        Value::Bool(b) => Literal::Bool(*b),
        Value::String(s) => Literal::Text(s.clone()),
        Value::Number(n) => {
            match (n.as_i64(), n.as_u64()) {
                (Some(i), _) => Literal::from(i),
                (None, Some(u)) => Literal::from(u),
                // A float: its shortest decimal spelling (0.1 stays 0.1).
                _ => Literal::Decimal(n.as_f64().and_then(|f| Dec::try_from(f).ok()).ok_or_else(
                    || Failure::Range(format!("bind: :{name} is not a finite number")),
                )?),
            }
        }
        Value::Array(_) | Value::Object(_) => {
            return Err(Failure::Type(format!(
                "bind: :{name} must be a string, number, boolean, null, or an array of those"
            )));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_kind_of_value_becomes_a_literal() {
        let p = from_json(
            &json!({"s": "O'Brien", "i": -3, "f": 2.5, "b": true, "n": null, "l": [1, "x"]}),
        )
        .unwrap();
        let q = crql::bind(
            "SELECT TOP 1 A FROM T WHERE A = :s AND B = :i AND C = :f AND D = :b AND E = :n AND F IN (:l)",
            p,
        )
        .unwrap();
        assert_eq!(
            q.to_string(),
            "SELECT TOP 1 A FROM T WHERE A = 'O''Brien' AND B = -3 AND C = 2.5 AND D = 1 AND E = NULL AND F IN (1, 'x')"
        );
    }

    #[test]
    fn nested_values_are_refused() {
        assert!(matches!(
            from_json(&json!({"a": [[1]]})),
            Err(Failure::Type(_))
        ));
        assert!(matches!(
            from_json(&json!({"a": {"b": 1}})),
            Err(Failure::Type(_))
        ));
        assert!(matches!(from_json(&json!([1])), Err(Failure::Type(_))));
    }
}
