//! Transports for tests: a script of answers and faults, and a closure.
//!
//! Public on purpose: the crate's own tests and fuzz targets use them, and so can
//! tests of code built on [`Client`](super::Client). Nothing here talks to a network.
//!
//! Use these to test code that calls a [`Client`](super::Client) without a server,
//! or to inject faults a real server will not produce on demand.

use std::collections::VecDeque;
use std::sync::Mutex;

use serde_json::Value;

use super::transport::{Request, Response, Transport, TransportError};

/// One scripted step: an answer or a fault.
#[derive(Clone, Debug)]
pub enum Step {
    /// Answer with this response.
    Respond(Response),
    /// Fail below HTTP.
    Fail(TransportError),
}

/// Answers requests from a queue, in order, and records every request.
///
/// When the queue runs dry it fails with `TransportError::Other("script exhausted")`,
/// so an unexpected extra request shows up as an error, not a hang.
#[derive(Debug, Default)]
pub struct ScriptedTransport {
    steps: Mutex<VecDeque<Step>>,
    seen: Mutex<Vec<Request>>,
}

impl ScriptedTransport {
    /// An empty script.
    pub fn new() -> Self {
        ScriptedTransport::default()
    }

    /// Appends a step.
    pub fn push(self, step: Step) -> Self {
        lock(&self.steps).push_back(step);
        self
    }

    /// Appends a `status` answer with a JSON body.
    pub fn json(self, status: u16, body: Value) -> Self {
        self.push(Step::Respond(json_response(status, &body)))
    }

    /// Appends a `status` answer with a raw body and headers.
    pub fn raw(self, status: u16, headers: &[(&str, &str)], body: &[u8]) -> Self {
        self.push(Step::Respond(Response {
            status,
            headers: headers
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            body: body.to_vec(),
        }))
    }

    /// Appends a transport fault.
    pub fn fail(self, error: TransportError) -> Self {
        self.push(Step::Fail(error))
    }

    /// Every request received so far.
    pub fn requests(&self) -> Vec<Request> {
        lock(&self.seen).clone()
    }

    /// Steps not yet used.
    pub fn remaining(&self) -> usize {
        lock(&self.steps).len()
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A test that panicked while holding the lock already failed; keep going.
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Transport for ScriptedTransport {
    fn send(&self, request: &Request) -> Result<Response, TransportError> {
        lock(&self.seen).push(request.clone());
        match lock(&self.steps).pop_front() {
            Some(Step::Respond(r)) => Ok(r),
            Some(Step::Fail(e)) => Err(e),
            None => Err(TransportError::Other("script exhausted".into())),
        }
    }
}

impl<T: Transport + ?Sized> Transport for std::sync::Arc<T> {
    fn send(&self, request: &Request) -> Result<Response, TransportError> {
        (**self).send(request)
    }
}

/// A transport that calls a closure: for answers computed from the request
/// (a page per `pageNo`, say).
pub struct FnTransport<F>(pub F);

impl<F> Transport for FnTransport<F>
where
    F: Fn(&Request) -> Result<Response, TransportError> + Send + Sync,
{
    fn send(&self, request: &Request) -> Result<Response, TransportError> {
        (self.0)(request)
    }
}

/// A response with a JSON body.
pub fn json_response(status: u16, body: &Value) -> Response {
    Response {
        status,
        headers: vec![("Content-Type".into(), "application/json".into())],
        body: body.to_string().into_bytes(),
    }
}

/// The value of query parameter `name` in `request`.
pub fn query_param<'r>(request: &'r Request, name: &str) -> Option<&'r str> {
    request
        .query
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// A CTAPI rows envelope holding `rows` (with `__crql_rid` numbered from 1), or the
/// bare `{}` when `rows` is empty, exactly as CTAPI answers.
pub fn rows_envelope(rows: &[Value], record_count: u64) -> Value {
    if rows.is_empty() {
        return Value::Object(Default::default());
    }
    let table: Vec<Value> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut r = r.clone();
            if let Value::Object(m) = &mut r {
                m.insert(envelope_rid(), Value::from(i + 1));
            }
            r
        })
        .collect();
    serde_json::json!({
        "recordCount": record_count,
        "cacheExpirationDate": "2030-01-01T00:00:00",
        "data": { "Table1": table },
    })
}

fn envelope_rid() -> String {
    super::envelope::ROW_ID_COLUMN.to_owned()
}
