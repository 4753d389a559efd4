//! A small fault-injecting HTTP/1.1 server on loopback, for the executor's tests and
//! bench. A handler maps each request to a [`Reply`]: an answer, or a fault (dropped
//! connection, truncated body, slow answer). Bounded: loopback only, at most
//! `MAX_CONNECTIONS` at once, every socket with a read timeout; stops when dropped.

#![allow(dead_code)] // each test binary uses a different part

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

const MAX_CONNECTIONS: usize = 64;
const MAX_HEAD_BYTES: usize = 64 * 1024;

/// A request as the server saw it (query decoded).
#[derive(Clone, Debug)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub headers: HashMap<String, String>,
    pub body: Vec<u8>,
    /// The raw request target, as sent.
    pub target: String,
}

impl Seen {
    pub fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .get(&name.to_ascii_lowercase())
            .map(String::as_str)
    }
}

/// What to do with one request.
#[derive(Clone, Debug)]
pub enum Reply {
    /// A complete answer.
    Answer {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// Close the connection without answering.
    Drop,
    /// Announce the whole body, send only `keep` bytes of it, close.
    Truncate {
        status: u16,
        body: Vec<u8>,
        keep: usize,
    },
    /// Wait, then do the inner reply (the client may have given up).
    Delay(Duration, Box<Reply>),
}

impl Reply {
    pub fn json(status: u16, body: &serde_json::Value) -> Reply {
        Reply::Answer {
            status,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.to_string().into_bytes(),
        }
    }

    pub fn status(status: u16, body: &str) -> Reply {
        Reply::Answer {
            status,
            headers: vec![],
            body: body.as_bytes().to_vec(),
        }
    }

    pub fn with_header(self, name: &str, value: &str) -> Reply {
        match self {
            Reply::Answer {
                status,
                mut headers,
                body,
            } => {
                headers.push((name.into(), value.into()));
                Reply::Answer {
                    status,
                    headers,
                    body,
                }
            }
            other => other,
        }
    }
}

type Handler = dyn Fn(&Seen) -> Reply + Send + Sync;

/// The running server.
pub struct TestServer {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    seen: Arc<Mutex<Vec<Seen>>>,
    accepted: Arc<AtomicUsize>,
    accept: Option<JoinHandle<()>>,
}

impl TestServer {
    pub fn start(handler: impl Fn(&Seen) -> Reply + Send + Sync + 'static) -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        listener.set_nonblocking(true).expect("nonblocking");
        let addr = listener.local_addr().expect("addr");
        let stop = Arc::new(AtomicBool::new(false));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let handler: Arc<Handler> = Arc::new(handler);
        let open = Arc::new(AtomicUsize::new(0));
        let accepted = Arc::new(AtomicUsize::new(0));
        let accept = {
            let accepted = accepted.clone();
            let stop = stop.clone();
            let seen = seen.clone();
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    match listener.accept() {
                        Ok((stream, _)) => {
                            accepted.fetch_add(1, Ordering::Relaxed);
                            if open.load(Ordering::Relaxed) >= MAX_CONNECTIONS {
                                continue; // dropped: bounded
                            }
                            open.fetch_add(1, Ordering::Relaxed);
                            let (handler, seen, open, stop) =
                                (handler.clone(), seen.clone(), open.clone(), stop.clone());
                            std::thread::spawn(move || {
                                let _ = serve(stream, &*handler, &seen, &stop);
                                open.fetch_sub(1, Ordering::Relaxed);
                            });
                        }
                        Err(_) => std::thread::sleep(Duration::from_millis(2)),
                    }
                }
            })
        };
        TestServer {
            addr,
            stop,
            seen,
            accepted,
            accept: Some(accept),
        }
    }

    /// `http://127.0.0.1:PORT`
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Connections accepted so far.
    pub fn connections(&self) -> usize {
        self.accepted.load(Ordering::Relaxed)
    }

    /// Every request so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.accept.take() {
            let _ = h.join();
        }
    }
}

fn serve(
    stream: TcpStream,
    handler: &Handler,
    seen: &Mutex<Vec<Seen>>,
    stop: &AtomicBool,
) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    stream.set_nodelay(true)?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut out = stream;
    while !stop.load(Ordering::Relaxed) {
        let Some(req) = read_request(&mut reader)? else {
            return Ok(());
        };
        seen.lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(req.clone());
        let mut reply = handler(&req);
        while let Reply::Delay(d, inner) = reply {
            std::thread::sleep(d);
            reply = *inner;
        }
        match reply {
            Reply::Answer {
                status,
                headers,
                body,
            } => {
                let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
                for (k, v) in headers {
                    head.push_str(&format!("{k}: {v}\r\n"));
                }
                head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
                out.write_all(head.as_bytes())?;
                out.write_all(&body)?;
                out.flush()?;
            }
            Reply::Truncate { status, body, keep } => {
                let head = format!(
                    "HTTP/1.1 {status} {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
                    reason(status),
                    body.len()
                );
                out.write_all(head.as_bytes())?;
                out.write_all(&body[..keep.min(body.len())])?;
                out.flush()?;
                return Ok(());
            }
            Reply::Drop => return Ok(()),
            Reply::Delay(..) => unreachable!("unwrapped above"),
        }
    }
    Ok(())
}

fn read_request(reader: &mut BufReader<TcpStream>) -> std::io::Result<Option<Seen>> {
    let mut line = String::new();
    if reader.read_line(&mut line)? == 0 {
        return Ok(None);
    }
    let mut parts = line.split_whitespace();
    let (Some(method), Some(target)) = (parts.next(), parts.next()) else {
        return Ok(None);
    };
    let (method, target) = (method.to_owned(), target.to_owned());
    let mut headers = HashMap::new();
    let mut total = line.len();
    loop {
        let mut h = String::new();
        let n = reader.read_line(&mut h)?;
        total += n;
        if n == 0 || total > MAX_HEAD_BYTES {
            return Ok(None);
        }
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_owned());
        }
    }
    let len: usize = headers
        .get("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
        .min(1 << 20);
    let mut body = vec![0; len];
    reader.read_exact(&mut body)?;
    let (path, qs) = target.split_once('?').unwrap_or((&target, ""));
    let query = qs
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect();
    Ok(Some(Seen {
        method,
        path: decode(path),
        query,
        headers,
        body,
        target: target.clone(),
    }))
}

/// Percent-decoding (no `+` for space: the client never sends form encoding).
pub fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let Some(v) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    }
}

/// A CTAPI rows envelope for `rows`, or the bare `{}` when there are none.
pub fn envelope(rows: &[serde_json::Value], record_count: u64) -> serde_json::Value {
    crql::exec::testing::rows_envelope(rows, record_count)
}

/// A `/crql` handler over `total` synthetic cmClient rows, paged by pageNo/pageSize,
/// with a `recordCount` that lies (as observed).
pub fn pages(total: u64) -> impl Fn(&Seen) -> Reply + Send + Sync + 'static {
    move |req| page_reply(req, total)
}

pub fn page_reply(req: &Seen, total: u64) -> Reply {
    let page: u64 = req
        .param("pageNo")
        .and_then(|p| p.parse().ok())
        .unwrap_or(1);
    let size: u64 = req
        .param("pageSize")
        .and_then(|p| p.parse().ok())
        .unwrap_or(25);
    let start = (page.saturating_sub(1) * size).min(total);
    let end = (start + size).min(total);
    let rows: Vec<serde_json::Value> = (start..end)
        .map(|id| serde_json::json!({"ClientID": id, "FirstName": format!("Name{id}"), "LastName": "Doe", "ActiveStatus": 1}))
        .collect();
    Reply::json(200, &envelope(&rows, total / 2 + 1))
}
