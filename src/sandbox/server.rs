//! The emulator over HTTP on a socket (tiny_http: synchronous, small, no async
//! runtime — a loopback emulator needs threads, not an executor).
//!
//! A fixed pool of worker threads takes requests from tiny_http's queue, so many
//! clients are served at once; [`Server::stop`] (or dropping the server) finishes
//! the requests in hand and joins every thread.

use std::io::Read;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::exec::{Method, Request, Response};

use super::emulator::Emulator;

/// Largest request body read (stored-procedure parameters are small).
const MAX_BODY: u64 = 1 << 20;

/// A running HTTP server.
pub struct Server {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    workers: Vec<JoinHandle<()>>,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server").field("addr", &self.addr).finish()
    }
}

impl Server {
    /// Serves `emulator` on `addr` (`127.0.0.1:0` picks a free port) with `threads`
    /// worker threads.
    pub fn start(emulator: Arc<Emulator>, addr: &str, threads: usize) -> std::io::Result<Server> {
        let http = tiny_http::Server::http(addr).map_err(std::io::Error::other)?;
        let addr = http
            .server_addr()
            .to_ip()
            .ok_or_else(|| std::io::Error::other("not an IP listener"))?;
        let http = Arc::new(http);
        let stop = Arc::new(AtomicBool::new(false));
        let workers = (0..threads.max(1))
            .map(|i| {
                let (http, stop, emu) = (http.clone(), stop.clone(), emulator.clone());
                std::thread::Builder::new()
                    .name(format!("crql-serve-{i}"))
                    .spawn(move || worker(&http, &stop, &emu))
            })
            .collect::<std::io::Result<Vec<_>>>()?;
        Ok(Server {
            addr,
            stop,
            workers,
        })
    }

    /// A server on an ephemeral loopback port: what tests use.
    pub fn start_loopback(emulator: Arc<Emulator>) -> std::io::Result<Server> {
        Server::start(emulator, "127.0.0.1:0", 8)
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://ADDR`, the endpoint to give a client.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting, lets the workers finish what they hold, and joins them.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shutdown();
    }
}

fn worker(http: &tiny_http::Server, stop: &AtomicBool, emu: &Emulator) {
    // Polling with a short timeout is what lets stop() end every worker: tiny_http's
    // unblock() wakes only one waiting thread.
    while !stop.load(Ordering::SeqCst) {
        match http.recv_timeout(Duration::from_millis(50)) {
            Ok(Some(rq)) => serve_one(rq, emu),
            Ok(None) => {}
            // A failed accept concerns one connection, not the server.
            Err(_) => {}
        }
    }
}

fn serve_one(mut rq: tiny_http::Request, emu: &Emulator) {
    let response = match to_request(&mut rq) {
        Some(req) => emu.handle(&req),
        None => Response {
            status: 404,
            headers: vec![(
                "Content-Type".into(),
                "application/json; charset=utf-8".into(),
            )],
            body: br#"{"statusCode":404,"message":"Resource not found"}"#.to_vec(),
        },
    };
    let mut out = tiny_http::Response::from_data(response.body).with_status_code(response.status);
    for (k, v) in &response.headers {
        if let Ok(h) = tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()) {
            out.add_header(h);
        }
    }
    // The client may have gone; nothing to do about it.
    let _ = rq.respond(out);
}

/// The HTTP request as an exec [`Request`]; `None` for a method CTAPI does not have.
fn to_request(rq: &mut tiny_http::Request) -> Option<Request> {
    let method = match rq.method() {
        tiny_http::Method::Get => Method::Get,
        tiny_http::Method::Post => Method::Post,
        _ => return None,
    };
    let url = rq.url().to_owned();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    let path = percent_decode(path, false);
    let query = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k, true), percent_decode(v, true))
        })
        .collect();
    let headers = rq
        .headers()
        .iter()
        .map(|h| {
            (
                h.field.as_str().as_str().to_owned(),
                h.value.as_str().to_owned(),
            )
        })
        .collect();
    let body = if method == Method::Post {
        let mut buf = Vec::new();
        let _ = rq.as_reader().take(MAX_BODY).read_to_end(&mut buf);
        Some(buf)
    } else {
        None
    };
    Some(Request {
        method,
        path,
        query,
        headers,
        body,
        timeout: Duration::from_secs(30),
    })
}

/// `%XX` decoding (and `+` as space in query strings); invalid escapes stay as written.
pub fn percent_decode(s: &str, plus_is_space: bool) -> String {
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
