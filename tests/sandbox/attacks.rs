//! The attacks of issue 14, each against the real `crql serve` binary on loopback
//! (127.0.0.1 only), each bounded in time and in count, asserting the bound that now
//! holds. Memory is the child's resident set, read from `/proc/PID/status` (VmRSS),
//! so these run on Linux only. The server runs with short timeouts (1-3 s) so that
//! the suite takes seconds; the defaults are longer but the mechanisms the same.
//! Each test prints what it measured (`--nocapture` to see it).
#![cfg(all(feature = "cli", target_os = "linux"))]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const SUB: &str = "attack-sub";
const ADMIN: &str = "attack-admin";

/// A `crql serve` child, killed when dropped.
struct Serve {
    child: Child,
    addr: SocketAddr,
}

impl Drop for Serve {
    fn drop(&mut self) {
        // Ctrl-C first, so that the server deletes its temporary database; killed
        // only if it has not stopped within 5 s.
        let _ = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status();
        for _ in 0..50 {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Serve {
    /// `crql serve` with `extra` flags, under `ulimit -n` = `fds` when given.
    // The child is waited for by `Drop`.
    #[allow(clippy::zombie_processes)]
    fn start(clients: usize, fds: Option<u32>, extra: &[&str]) -> Serve {
        let bin = env!("CARGO_BIN_EXE_crql");
        let mut args: Vec<String> = [
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--clients",
            &clients.to_string(),
            "--subscription-key",
            SUB,
            "--admin-key",
            ADMIN,
            "--header-timeout",
            "1",
            "--body-timeout",
            "1",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        args.extend(extra.iter().map(|s| s.to_string()));
        let mut cmd = match fds {
            // The shell lowers the limit, then becomes the server.
            Some(n) => {
                let mut c = Command::new("sh");
                c.arg("-c")
                    .arg(format!("ulimit -n {n} && exec \"$0\" \"$@\""))
                    .arg(bin)
                    .args(&args);
                c
            }
            None => {
                let mut c = Command::new(bin);
                c.args(&args);
                c
            }
        };
        let mut child = cmd
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("spawn crql serve");
        let mut reader = BufReader::new(child.stderr.take().unwrap());
        let mut seen = Vec::new();
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                let _ = child.kill();
                let _ = child.wait();
                panic!("crql serve ended early: {seen:?}");
            }
            if let Some(rest) = line.split("listening on http://").nth(1) {
                let addr = rest.split_whitespace().next().unwrap().parse().unwrap();
                std::thread::spawn(move || for _ in reader.lines() {});
                return Serve { child, addr };
            }
            seen.push(line);
        }
    }

    /// Resident memory of the server, in bytes.
    fn rss(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .expect("the server is alive");
        let kb: u64 = status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .expect("VmRSS");
        kb * 1024
    }

    fn connect(&self) -> TcpStream {
        let s = TcpStream::connect_timeout(&self.addr, Duration::from_secs(5)).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        s.set_write_timeout(Some(Duration::from_secs(5))).unwrap();
        s
    }

    /// One request on its own connection; the status and body.
    fn send(&self, raw: &str) -> std::io::Result<(u16, String)> {
        send_to(self.addr, raw)
    }

    /// `GET /crql?q=...` with the admin key.
    fn crql(&self, q: &str, extra: &str) -> std::io::Result<(u16, String)> {
        crql_to(self.addr, q, extra)
    }
}

/// One request on its own connection to `addr`; the status and body. Reading ends at
/// the close the server does after `Connection: close`.
fn send_to(addr: SocketAddr, raw: &str) -> std::io::Result<(u16, String)> {
    {
        let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(5))?;
        s.set_read_timeout(Some(Duration::from_secs(30)))?;
        s.write_all(raw.as_bytes())?;
        let mut out = Vec::new();
        s.read_to_end(&mut out)?;
        let text = String::from_utf8_lossy(&out).into_owned();
        let status = text
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let body = text.split("\r\n\r\n").nth(1).unwrap_or("").to_owned();
        Ok((status, body))
    }
}

/// `GET /crql?q=...` to `addr` with the admin key.
fn crql_to(addr: SocketAddr, q: &str, extra: &str) -> std::io::Result<(u16, String)> {
    send_to(
        addr,
        &format!(
            "GET /crql?q={}{extra} HTTP/1.1\r\nHost: x\r\nOcp-Apim-Subscription-Key: {SUB}\r\nAuthorization: ApiKey {ADMIN}\r\nConnection: close\r\n\r\n",
            encode(q)
        ),
    )
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

const MB: u64 = 1024 * 1024;

/// A query that runs for long and returns nothing: every pair of clients and
/// enrollments compared on text (inequalities, which no automatic index serves).
const SLOW: &str = "SELECT c.ClientID FROM cmClient c JOIN Enrollment e ON e.ClientID >= c.ClientID WHERE e.ExitNotes < c.LastName AND e.ExitNotes > c.LastName";
const TOP1: &str = "SELECT TOP 1 ClientID FROM cmClient";

#[test]
fn huge_content_length_without_keys_allocates_nothing() {
    let srv = Serve::start(200, None, &[]);
    let before = srv.rss();
    let t = Instant::now();
    // No keys: refused on its head alone.
    let (status, _) = srv
        .send("POST /crql/storedprocedures/GetCaseload HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\nConnection: close\r\n\r\n")
        .unwrap();
    assert_eq!(status, 401);
    // With keys: a declared length over the cap is 413 before a byte is read.
    let (status, body) = srv
        .send(&format!("POST /crql/storedprocedures/GetCaseload HTTP/1.1\r\nHost: x\r\nOcp-Apim-Subscription-Key: {SUB}\r\nAuthorization: ApiKey {ADMIN}\r\nContent-Length: 99999999999\r\nConnection: close\r\n\r\n"))
        .unwrap();
    assert_eq!(status, 413, "{body}");
    // A body over the cap sent chunked (no length declared) is also 413.
    let chunk = "x".repeat(64 * 1024);
    let mut raw = format!(
        "POST /crql/storedprocedures/GetCaseload HTTP/1.1\r\nHost: x\r\nOcp-Apim-Subscription-Key: {SUB}\r\nAuthorization: ApiKey {ADMIN}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    );
    for _ in 0..20 {
        raw.push_str(&format!("{:x}\r\n{chunk}\r\n", chunk.len()));
    }
    raw.push_str("0\r\n\r\n");
    let (status, body) = srv.send(&raw).unwrap();
    assert_eq!(status, 413, "{body}");
    let grown = srv.rss().saturating_sub(before);
    println!(
        "attack huge Content-Length: 401 without keys, 413 with, in {:.0} ms; RSS +{} KiB",
        t.elapsed().as_secs_f64() * 1e3,
        grown / 1024
    );
    assert!(grown < 16 * MB, "RSS grew by {grown} bytes");
}

#[test]
fn an_endless_header_line_is_cut_at_the_cap() {
    let srv = Serve::start(200, None, &[]);
    let before = srv.rss();
    let mut s = srv.connect();
    s.write_all(b"GET /auth/test HTTP/1.1\r\nX-Endless: ")
        .unwrap();
    let chunk = vec![b'a'; 64 * 1024];
    let mut sent = 0u64;
    // Bounded: at most 256 MiB offered; the server closes long before.
    while sent < 256 * MB {
        match s.write(&chunk) {
            Ok(n) => sent += n as u64,
            Err(_) => break,
        }
    }
    let mut answer = Vec::new();
    let _ = s.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    let grown = srv.rss().saturating_sub(before);
    println!(
        "attack endless header: server stopped reading after {} KiB sent ({}); RSS +{} KiB",
        sent / 1024,
        answer.lines().next().unwrap_or("closed"),
        grown / 1024
    );
    assert!(sent < 64 * MB, "the server took {sent} bytes of one header");
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 431"),
        "{answer}"
    );
    assert!(grown < 16 * MB, "RSS grew by {grown} bytes");
}

#[test]
fn too_many_header_lines_are_431() {
    let srv = Serve::start(200, None, &[]);
    let mut raw = String::from("GET /auth/test HTTP/1.1\r\nHost: x\r\n");
    for i in 0..200 {
        raw.push_str(&format!("X-H{i}: v\r\n"));
    }
    raw.push_str("Connection: close\r\n\r\n");
    let (status, _) = srv.send(&raw).unwrap();
    assert_eq!(status, 431);
    // Within the cap, the same request is answered (401: it carries no keys).
    let (status, _) = srv
        .send("GET /auth/test HTTP/1.1\r\nHost: x\r\nX-A: 1\r\nConnection: close\r\n\r\n")
        .unwrap();
    assert_eq!(status, 401);
}

#[test]
fn slowloris_connections_are_dropped_and_cost_nobody() {
    let srv = Serve::start(200, None, &[]);
    let before = srv.rss();
    // 100 connections that send a byte of header every 200 ms, for ever.
    let mut slow: Vec<TcpStream> = (0..100)
        .map(|_| {
            let mut s = srv.connect();
            s.write_all(b"GET /auth/test HTTP/1.1\r\nX-Slow: ").unwrap();
            s
        })
        .collect();
    let t = Instant::now();
    let mut closed_after = None;
    // Bounded: 10 s at most (the header timeout is 1 s).
    while t.elapsed() < Duration::from_secs(10) {
        slow.retain_mut(|s| s.write_all(b"a").is_ok() && s.flush().is_ok());
        // A dropped peer may take a write or two to notice.
        let alive = slow
            .iter()
            .filter(|s| {
                s.set_nonblocking(true).unwrap();
                let mut b = [0u8; 1];
                // Still open: nothing to read yet. Closed: EOF, an answer, or a reset.
                let gone =
                    !matches!(s.peek(&mut b), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock);
                s.set_nonblocking(false).unwrap();
                !gone
            })
            .count();
        if alive == 0 {
            closed_after = Some(t.elapsed());
            break;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let answered = Instant::now();
    let (status, _) = srv
        .send(&format!("GET /auth/test HTTP/1.1\r\nHost: x\r\nOcp-Apim-Subscription-Key: {SUB}\r\nAuthorization: ApiKey {ADMIN}\r\nConnection: close\r\n\r\n"))
        .unwrap();
    let answered = answered.elapsed();
    let grown = srv.rss().saturating_sub(before);
    println!(
        "attack slowloris: 100 slow peers all dropped after {closed_after:?}; a normal request answered in {:.0} ms; RSS +{} KiB",
        answered.as_secs_f64() * 1e3,
        grown / 1024
    );
    assert_eq!(status, 200);
    let closed_after = closed_after.expect("slow peers still connected after 10 s");
    assert!(closed_after < Duration::from_secs(5), "{closed_after:?}");
    assert!(grown < 32 * MB, "RSS grew by {grown} bytes");
}

#[test]
fn after_descriptor_exhaustion_the_server_accepts_again() {
    // 64 descriptors, more connections allowed than that: accept() meets EMFILE.
    let srv = Serve::start(200, Some(64), &["--max-connections", "1000"]);
    let hold: Vec<TcpStream> = (0..120)
        .filter_map(|_| TcpStream::connect(srv.addr).ok())
        .collect();
    // Let the server run into the limit, and see that it did: every descriptor in use.
    std::thread::sleep(Duration::from_millis(500));
    let open = std::fs::read_dir(format!("/proc/{}/fd", srv.child.id()))
        .map(|d| d.count())
        .unwrap_or(0);
    assert!(open >= 60, "only {open} descriptors open: no exhaustion");
    drop(hold);
    let t = Instant::now();
    let mut ok = 0;
    // Bounded: 20 requests, 10 s.
    for _ in 0..20 {
        if t.elapsed() > Duration::from_secs(10) {
            break;
        }
        if let Ok((200, _)) = srv.crql(TOP1, "") {
            ok += 1;
        }
    }
    println!(
        "attack fd exhaustion (ulimit -n 64, 120 connections, {open} descriptors open): {ok}/20 requests answered afterwards in {:.0} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    assert_eq!(ok, 20, "the server stopped accepting");
}

#[test]
fn a_slow_query_does_not_hold_up_a_top_1() {
    // SLOW takes about 2.7 s over 6,000 clients on an idle 2-core machine (longer
    // under load), so a 1 s limit stops it whatever the machine is doing.
    let srv = Serve::start(6000, None, &["--query-timeout", "1"]);
    let addr = srv.addr;
    let slow = std::thread::spawn(move || {
        let t = Instant::now();
        (crql_to(addr, SLOW, ""), t.elapsed())
    });
    std::thread::sleep(Duration::from_millis(500));
    let t = Instant::now();
    let (status, body) = srv.crql(TOP1, "").unwrap();
    let top1 = t.elapsed();
    let ((slow_status, slow_body), slow_took) = match slow.join().unwrap() {
        (Ok(r), took) => (r, took),
        (Err(e), _) => panic!("{e}"),
    };
    println!(
        "attack slow query: TOP 1 answered in {:.0} ms while a query ran {:.1} s (its answer: {slow_status})",
        top1.as_secs_f64() * 1e3,
        slow_took.as_secs_f64()
    );
    assert_eq!(status, 200, "{body}");
    // The slow query really ran until its limit, and was answered 400, not 500.
    assert_eq!(slow_status, 400, "{slow_body}");
    assert!(
        slow_body.contains("Execution Timeout Expired"),
        "{slow_body}"
    );
    assert!(top1 < Duration::from_secs(2), "TOP 1 took {top1:?}");
}

#[test]
fn a_query_whose_client_left_stops() {
    // One query at a time: the TOP 1 can only run once the abandoned query stopped.
    // Over 20,000 clients SLOW runs about 30 s on an idle machine, so an abandoned
    // query left running would hold the slot until its 20 s limit, far past the 5 s
    // this test allows.
    let srv = Serve::start(
        20_000,
        None,
        &["--query-timeout", "20", "--max-queries", "1"],
    );
    let mut s = srv.connect();
    write!(
        s,
        "GET /crql?q={} HTTP/1.1\r\nHost: x\r\nOcp-Apim-Subscription-Key: {SUB}\r\nAuthorization: ApiKey {ADMIN}\r\n\r\n",
        encode(SLOW)
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(500));
    drop(s);
    let t = Instant::now();
    let (status, body) = srv.crql(TOP1, "").unwrap();
    let took = t.elapsed();
    println!(
        "attack hang-up: with one query slot, TOP 1 answered {:.0} ms after the slow query's client left",
        took.as_secs_f64() * 1e3
    );
    assert_eq!(status, 200, "{body}");
    assert!(
        took < Duration::from_secs(5),
        "the abandoned query ran on ({took:?})"
    );
}

#[test]
fn cached_snapshots_stay_within_their_budget() {
    let srv = Serve::start(
        5000,
        None,
        &[
            "--cache-mib",
            "8",
            "--cache-scope-mib",
            "8",
            "--max-result-mib",
            "4",
        ],
    );
    let before = srv.rss();
    // 40 distinct wide results of about 1.5 MiB each: 60 MiB if all were kept.
    for i in 0..40 {
        let q = format!(
            "SELECT ClientID, FirstName, LastName, Address, City, Email, HomePhone FROM cmClient WHERE ClientID > {i}"
        );
        let (status, body) = srv.crql(&q, "&shouldCache=true&pageSize=1").unwrap();
        assert_eq!(status, 200, "{body}");
    }
    // A result over the result cap is refused with a 400, not kept.
    let (status, body) = srv
        .crql(
            "SELECT c.FirstName, c.LastName, e.Comments FROM cmClient c JOIN Enrollment e ON e.ClientID >= c.ClientID",
            "&shouldCache=true",
        )
        .unwrap();
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("larger than"), "{body}");
    let grown = srv.rss().saturating_sub(before);
    println!(
        "attack snapshots: 40 cached wide results + one over the cap, budget 8 MiB: RSS +{} KiB",
        grown / 1024
    );
    assert!(grown < 48 * MB, "RSS grew by {grown} bytes");
}

#[test]
fn a_peer_that_stops_reading_is_dropped() {
    let srv = Serve::start(2000, None, &["--write-timeout", "1"]);
    let mut s = srv.connect();
    // 100 pipelined requests for pages of 500 wide rows (about 100 KiB each): far more
    // than the socket buffers hold, and never read until the server gave up.
    let q = encode("SELECT ClientID, FirstName, LastName, Address, City, Email FROM cmClient");
    let one = format!(
        "GET /crql?q={q}&pageSize=500&shouldCache=true HTTP/1.1\r\nHost: x\r\nOcp-Apim-Subscription-Key: {SUB}\r\nAuthorization: ApiKey {ADMIN}\r\n\r\n"
    );
    for _ in 0..100 {
        if s.write_all(one.as_bytes()).is_err() {
            break;
        }
    }
    std::thread::sleep(Duration::from_secs(4));
    let mut got = Vec::new();
    // Bounded: the server closed the connection, so this ends at EOF (or a reset).
    let _ = s.read_to_end(&mut got);
    let answers = String::from_utf8_lossy(&got)
        .matches("HTTP/1.1 200")
        .count();
    println!(
        "attack slow reader: {answers}/100 pipelined answers delivered ({} KiB) before the server dropped the peer",
        got.len() / 1024
    );
    assert!(answers < 100, "the server waited for the reader");
}
