//! Building request URLs exactly as they go on the wire.
//!
//! The HTTPS transport sends the string [`request_url`] makes, and `crql url` prints
//! the same string, so what a user inspects is what CTAPI receives. The encoding,
//! and the length limit it is measured against, are [`crate::ctapi`]'s: the linter
//! and the sandbox count with the same code.

use super::transport::Request;
use crate::ctapi::encode_component;

/// `base` + the request's path + its encoded query string.
///
/// `base` has no trailing slash (the client normalises it); the path starts with `/`.
pub fn request_url(base: &str, request: &Request) -> String {
    let mut url = String::with_capacity(base.len() + request.path.len() + 64);
    url.push_str(base);
    url.push_str(&request.path);
    for (i, (k, v)) in request.query.iter().enumerate() {
        url.push(if i == 0 { '?' } else { '&' });
        url.push_str(&encode_component(k));
        url.push('=');
        url.push_str(&encode_component(v));
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_joins_path_and_pairs() {
        let req = Request {
            method: super::super::Method::Get,
            path: "/crql".into(),
            query: vec![
                ("q".into(), "SELECT 1".into()),
                ("pageNo".into(), "1".into()),
            ],
            headers: vec![],
            body: None,
            timeout: std::time::Duration::from_secs(1),
        };
        assert_eq!(
            request_url("https://h", &req),
            "https://h/crql?q=SELECT%201&pageNo=1"
        );
    }
}
