//! A small LSP client for the tests: it starts the real `crql lsp` binary and speaks
//! JSON-RPC to it over stdio with `Content-Length` framing. Every wait has a
//! deadline, so a server that hangs fails the test instead of hanging it.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// How long any one answer may take (generous: the CI machine is shared).
pub const TIMEOUT: Duration = Duration::from_secs(60);

/// A running `crql lsp` and what it has sent that no one has read yet.
pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    rx: Receiver<Value>,
    pending: Vec<Value>,
    next_id: i64,
    /// What the server wrote on stderr (its panic reports, if any).
    pub stderr: Arc<Mutex<String>>,
}

fn read_frame(r: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            length = v.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    r.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

impl Client {
    /// Starts `crql lsp` with `args`, in `dir` (the working directory).
    pub fn start_in(dir: &Path, args: &[&str]) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_crql"))
            .arg("lsp")
            .args(args)
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("crql lsp starts");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Some(v) = read_frame(&mut r) {
                if tx.send(v).is_err() {
                    return;
                }
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut err = child.stderr.take().expect("stderr");
        let sink = stderr.clone();
        std::thread::spawn(move || {
            let mut s = String::new();
            let _ = err.read_to_string(&mut s);
            sink.lock().unwrap().push_str(&s);
        });
        Client {
            stdin: child.stdin.take(),
            child,
            rx,
            pending: Vec::new(),
            next_id: 0,
            stderr,
        }
    }

    /// Starts `crql lsp` with `args` in the system's temporary directory.
    pub fn start(args: &[&str]) -> Client {
        Client::start_in(&std::env::temp_dir(), args)
    }

    /// Starts it and initializes it with `options` as `initializationOptions`.
    pub fn initialized(args: &[&str], options: Value) -> Client {
        let mut c = Client::start(args);
        c.initialize(options);
        c
    }

    /// `initialize` then `initialized`; returns the server's capabilities.
    pub fn initialize(&mut self, options: Value) -> Value {
        let r = self.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": {}, "initializationOptions": options}),
        );
        self.notify("initialized", json!({}));
        r["result"]["capabilities"].clone()
    }

    /// Writes raw bytes to the server.
    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).expect("write to the server");
        stdin.flush().expect("flush");
    }

    /// Sends one JSON-RPC message.
    pub fn send(&mut self, msg: &Value) {
        let text = msg.to_string();
        self.send_raw(format!("Content-Length: {}\r\n\r\n{text}", text.len()).as_bytes());
    }

    /// Sends a request and waits for its response (the whole message).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait_for(|m| m["id"] == id && m.get("method").is_none())
    }

    /// The `result` of a request, which must not fail.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        let r = self.request(method, params);
        assert!(r.get("error").is_none(), "{method} failed: {r}");
        r["result"].clone()
    }

    /// Sends a notification.
    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The first message (received or still to come) that `pred` accepts, taken out
    /// of the queue. Panics after [`TIMEOUT`].
    pub fn wait_for(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.pending.iter().position(&pred) {
            return self.pending.remove(i);
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(m) if pred(&m) => return m,
                Ok(m) => self.pending.push(m),
                Err(RecvTimeoutError::Timeout) => panic!(
                    "no awaited message within {TIMEOUT:?}; received meanwhile: {:?}",
                    self.pending
                ),
                Err(RecvTimeoutError::Disconnected) => panic!(
                    "the server closed its output; received: {:?}; stderr: {}",
                    self.pending,
                    self.stderr.lock().unwrap()
                ),
            }
        }
    }

    /// The diagnostics published for `uri` at `version`.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let m = self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
        m["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// Opens `uri` with `text` (version 1) and returns its diagnostics.
    pub fn open(&mut self, uri: &str, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "crql", "version": 1, "text": text}}),
        );
        self.diagnostics(uri, 1)
    }

    /// Every message received so far that no one has taken, and what comes within
    /// `wait`.
    pub fn drain(&mut self, wait: Duration) -> Vec<Value> {
        let deadline = Instant::now() + wait;
        while let Ok(m) = self
            .rx
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            self.pending.push(m);
        }
        std::mem::take(&mut self.pending)
    }

    /// Closes the server's stdin (and keeps the process).
    pub fn close_stdin(&mut self) {
        self.stdin = None;
    }

    /// Waits for the process to end; its exit code. Panics after [`TIMEOUT`].
    pub fn exit_code(&mut self) -> i32 {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status.code().expect("exited, not killed");
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// `shutdown` then `exit`; the exit code.
    pub fn shutdown(mut self) -> i32 {
        let r = self.request("shutdown", Value::Null);
        assert_eq!(r["result"], Value::Null, "{r}");
        self.notify("exit", Value::Null);
        self.exit_code()
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A temporary project directory, removed when dropped.
pub struct Project {
    /// Its path.
    pub dir: PathBuf,
}

impl Project {
    /// A new empty directory named after the test.
    pub fn new(name: &str) -> Project {
        let dir = std::env::temp_dir().join(format!("crql-lsp-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        Project { dir }
    }

    /// Writes `text` to `name` in the project; returns its `file:` URI.
    pub fn write(&self, name: &str, text: &str) -> String {
        let path = self.dir.join(name);
        if let Some(p) = path.parent() {
            std::fs::create_dir_all(p).expect("dir");
        }
        std::fs::write(&path, text).expect("write");
        file_uri(&path)
    }
}

impl Drop for Project {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The `file:` URI of an absolute path (test paths need no escaping but spaces).
pub fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display().to_string().replace(' ', "%20"))
}

/// The byte offset of a UTF-16 position in `text` (the inverse of what an editor
/// sends), to check ranges independently of the server's own conversion.
pub fn utf16_position(text: &str, offset: usize) -> (u32, u32) {
    let before = &text[..offset];
    let line = before.matches('\n').count() as u32;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..offset].encode_utf16().count() as u32)
}

/// Applies LSP text edits to `text` (positions in UTF-16 units).
pub fn apply_edits(text: &str, edits: &[Value]) -> String {
    let offset = |pos: &Value| -> usize {
        let (line, ch) = (
            pos["line"].as_u64().unwrap() as usize,
            pos["character"].as_u64().unwrap() as usize,
        );
        let mut start = 0;
        for _ in 0..line {
            start += text[start..]
                .find('\n')
                .map_or(text.len() - start, |i| i + 1);
        }
        let mut units = 0;
        for (i, c) in text[start..].char_indices() {
            if units >= ch || c == '\n' {
                return start + i;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (s, e, t) in spans {
        out.replace_range(s..e, &t);
    }
    out
}

/// Runs the `crql` binary with `args` and `stdin`; its stdout.
pub fn crql(args: &[&str], stdin: &str, dir: &Path) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_crql"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("crql starts");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .expect("stdin");
    let out = child.wait_with_output().expect("crql runs");
    String::from_utf8(out.stdout).expect("utf-8")
}
