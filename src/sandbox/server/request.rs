//! One HTTP request through the emulator: keys checked before the body is read, the
//! body read within its caps, the query run on a blocking thread that stops when the
//! client hangs up.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::header::{CONTENT_LENGTH, HeaderName, HeaderValue};

use crate::exec::{Method, Request, Response};
use crate::sandbox::db;

use super::Shared;

type HttpResponse = hyper::Response<Full<Bytes>>;

/// Answers `req`. Only a caller whose keys pass has its body read or its query run.
pub(super) async fn handle(req: hyper::Request<Incoming>, shared: &Shared) -> HttpResponse {
    let (head, body) = req.into_parts();
    let Some(mut request) = to_request(&head) else {
        return to_http(not_found());
    };
    if !admitted(&request, shared) {
        // The emulator gives the refusal (401 or 404) CTAPI gives, without the body.
        let emu = shared.emu.clone();
        return to_http(emu.handle(&request));
    }
    if request.method == Method::Post {
        request.body = match read_body(&head, body, shared).await {
            Ok(b) => Some(b),
            Err(refusal) => return to_http(refusal),
        };
    }
    // Queries wait here for a permit, not on a thread; a client that hangs up while
    // waiting is dropped with its future.
    let Ok(permit) = shared.queries.clone().acquire_owned().await else {
        return to_http(errors(503, "The server is stopping."));
    };
    let cancel = Arc::new(AtomicBool::new(false));
    // Dropped with this future when hyper sees the client go: the query stops.
    let _hang_up = CancelOnDrop(cancel.clone());
    let emu = shared.emu.clone();
    // The permit goes with the work: it is free again only once the query has
    // really stopped, not when its client leaves.
    let work = tokio::task::spawn_blocking(move || {
        let out = db::interruptible(&cancel, || emu.handle(&request));
        drop(permit);
        out
    });
    match work.await {
        Ok(response) => to_http(response),
        Err(_) => to_http(errors(500, "The request failed in the sandbox.")),
    }
}

/// Sets the flag when dropped: the query of a request whose client left is interrupted.
struct CancelOnDrop(Arc<AtomicBool>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// Whether the request's keys are accepted (and its route exists): the check done
/// before anything that costs in proportion to what the peer sends.
fn admitted(req: &Request, shared: &Shared) -> bool {
    let header = |name: &str| {
        req.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    };
    let subscription = header("Ocp-Apim-Subscription-Key").or_else(|| {
        req.query
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("subscription-key"))
            .map(|(_, v)| v.as_str())
    });
    shared
        .emu
        .access()
        .authenticate(subscription, header("Authorization"))
        .is_ok()
}

/// The body, within [`super::ServerLimits::max_body_bytes`] and `body_timeout`: a
/// declared length over the cap is refused before a byte is read.
async fn read_body(
    head: &hyper::http::request::Parts,
    body: Incoming,
    shared: &Shared,
) -> Result<Vec<u8>, Response> {
    let cap = shared.limits.max_body_bytes;
    let too_large = || {
        errors(
            413,
            &format!("The request body is larger than the sandbox accepts ({cap} bytes)."),
        )
    };
    let declared = head
        .headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > cap as u64) {
        return Err(too_large());
    }
    let read = Limited::new(body, cap).collect();
    match tokio::time::timeout(shared.limits.body_timeout, read).await {
        Err(_) => Err(errors(408, "The request body did not arrive in time.")),
        Ok(Ok(collected)) => Ok(collected.to_bytes().to_vec()),
        Ok(Err(e)) if e.is::<http_body_util::LengthLimitError>() => Err(too_large()),
        Ok(Err(_)) => Err(errors(400, "The request body could not be read.")),
    }
}

fn errors(status: u16, message: &str) -> Response {
    Response {
        status,
        headers: vec![(
            "Content-Type".into(),
            "application/json; charset=utf-8".into(),
        )],
        body: serde_json::json!({ "errors": [message] })
            .to_string()
            .into_bytes(),
    }
}

fn not_found() -> Response {
    Response {
        status: 404,
        headers: vec![(
            "Content-Type".into(),
            "application/json; charset=utf-8".into(),
        )],
        body: br#"{"statusCode":404,"message":"Resource not found"}"#.to_vec(),
    }
}

fn to_http(r: Response) -> HttpResponse {
    let mut out = hyper::Response::new(Full::new(Bytes::from(r.body)));
    *out.status_mut() =
        hyper::StatusCode::from_u16(r.status).unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
    for (k, v) in &r.headers {
        if let (Ok(k), Ok(v)) = (
            HeaderName::from_bytes(k.as_bytes()),
            HeaderValue::from_str(v),
        ) {
            out.headers_mut().append(k, v);
        }
    }
    out
}

/// The HTTP request head as an exec [`Request`] (no body yet); `None` for a method
/// CTAPI does not have.
fn to_request(head: &hyper::http::request::Parts) -> Option<Request> {
    let method = match head.method {
        hyper::Method::GET => Method::Get,
        hyper::Method::POST => Method::Post,
        _ => return None,
    };
    let path = percent_decode(head.uri.path(), false);
    let query = head
        .uri
        .query()
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k, true), percent_decode(v, true))
        })
        .collect();
    let headers = head
        .headers
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_owned(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    Some(Request {
        method,
        path,
        query,
        headers,
        body: None,
        timeout: Duration::from_secs(30),
    })
}

/// `%XX` decoding (and `+` as space in query strings); invalid escapes stay as written.
fn percent_decode(s: &str, plus_is_space: bool) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if i + 2 < b.len() => {
                let hex = std::str::from_utf8(&b[i + 1..i + 3]).ok();
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(v) => {
                        out.push(v);
                        i += 3;
                        continue;
                    }
                    None => out.push(b'%'),
                }
            }
            b'+' if plus_is_space => out.push(b' '),
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::percent_decode;

    #[test]
    fn decodes_query_strings() {
        assert_eq!(percent_decode("a+b%20c%27%3D", true), "a b c'=");
        assert_eq!(percent_decode("a+b", false), "a+b");
        assert_eq!(percent_decode("100%", true), "100%");
        assert_eq!(percent_decode("%zz%4", true), "%zz%4");
        assert_eq!(percent_decode("%C3%A9", true), "é");
    }
}
