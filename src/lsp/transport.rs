//! JSON-RPC over a byte stream with `Content-Length` framing, bounded.
//!
//! lsp-server's own stdio reader ends the connection on the first malformed
//! message and allocates whatever `Content-Length` a peer claims; an editor's server
//! must do neither. This reader caps each header line, the number of header lines
//! and the body size (an oversized body is read and discarded in small pieces,
//! never held), and turns every malformed message into a JSON-RPC error for the
//! peer instead of an end of the connection. Messages themselves are lsp-server's.

use std::io::{self, BufRead, Read, Write};

use lsp_server::{ErrorCode, Message};
use serde_json::{Value, json};

/// The longest header line read (`Content-Length: ...` is 30 bytes).
const MAX_HEADER_LINE: usize = 1024;
/// The most header lines one message may have.
const MAX_HEADERS: usize = 16;

/// What the reader got from the peer.
#[derive(Debug)]
pub enum Incoming {
    /// A well-formed message.
    Message(Message),
    /// A malformed one: the error response to send (its `id` is the request's when
    /// that could be read, else `null`).
    Malformed(Value),
    /// The end of the stream (or a read error).
    Eof,
}

/// A JSON-RPC error response with `id` (`null` when unknown).
pub fn error_response(id: Value, code: ErrorCode, message: impl Into<String>) -> Value {
    json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": {"code": code as i32, "message": message.into()},
    })
}

/// Reads one header line into `buf`, at most [`MAX_HEADER_LINE`] bytes; a longer
/// line is skipped to its end. `Ok(None)` at the end of the stream.
fn header_line(r: &mut impl BufRead, buf: &mut Vec<u8>) -> io::Result<Option<bool>> {
    buf.clear();
    let n = r
        .by_ref()
        .take(MAX_HEADER_LINE as u64)
        .read_until(b'\n', buf)?;
    if n == 0 {
        return Ok(None);
    }
    if buf.ends_with(b"\n") {
        return Ok(Some(true));
    }
    if n < MAX_HEADER_LINE {
        // The stream ended inside a line.
        return Ok(None);
    }
    // Too long: skip the rest of the line without keeping it.
    loop {
        let chunk = r.fill_buf()?;
        if chunk.is_empty() {
            return Ok(None);
        }
        match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => {
                r.consume(i + 1);
                return Ok(Some(false));
            }
            None => {
                let len = chunk.len();
                r.consume(len);
            }
        }
    }
}

/// Reads the next message from `r`, whose bodies may be at most `max_body` bytes.
pub fn read(r: &mut impl BufRead, max_body: usize) -> Incoming {
    match read_inner(r, max_body) {
        Ok(i) => i,
        Err(_) => Incoming::Eof,
    }
}

fn read_inner(r: &mut impl BufRead, max_body: usize) -> io::Result<Incoming> {
    let mut buf = Vec::new();
    let mut length: Option<Result<usize, String>> = None;
    let mut lines = 0;
    let mut bad_header = None;
    loop {
        let Some(ok) = header_line(r, &mut buf)? else {
            return Ok(Incoming::Eof);
        };
        lines += 1;
        if !ok {
            bad_header.get_or_insert_with(|| format!("a header line over {MAX_HEADER_LINE} bytes"));
            continue;
        }
        let line = String::from_utf8_lossy(&buf);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if lines == 1 {
                // A stray blank line between messages.
                lines = 0;
                continue;
            }
            break;
        }
        if lines > MAX_HEADERS {
            bad_header.get_or_insert_with(|| format!("more than {MAX_HEADERS} header lines"));
            continue;
        }
        match line.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                length = Some(
                    value
                        .trim()
                        .parse::<usize>()
                        .map_err(|_| format!("Content-Length {:?} is not a number", value.trim())),
                );
            }
            Some(_) => {}
            None => {
                bad_header.get_or_insert_with(|| format!("malformed header line {line:?}"));
            }
        }
    }
    if let Some(why) = bad_header {
        // The body's length may be right: skip it so the next message is read whole.
        if let Some(Ok(n)) = length
            && n <= max_body
        {
            io::copy(&mut r.by_ref().take(n as u64), &mut io::sink())?;
        }
        return Ok(Incoming::Malformed(error_response(
            Value::Null,
            ErrorCode::ParseError,
            why,
        )));
    }
    let n = match length {
        None => {
            return Ok(Incoming::Malformed(error_response(
                Value::Null,
                ErrorCode::ParseError,
                "no Content-Length header",
            )));
        }
        Some(Err(why)) => {
            return Ok(Incoming::Malformed(error_response(
                Value::Null,
                ErrorCode::ParseError,
                why,
            )));
        }
        Some(Ok(n)) => n,
    };
    if n > max_body {
        let skipped = io::copy(&mut r.by_ref().take(n as u64), &mut io::sink())?;
        if skipped < n as u64 {
            return Ok(Incoming::Eof);
        }
        return Ok(Incoming::Malformed(error_response(
            Value::Null,
            ErrorCode::InvalidRequest,
            format!("a message of {n} bytes is over the limit of {max_body}"),
        )));
    }
    let mut body = vec![0; n];
    r.read_exact(&mut body)?;
    let value: Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(e) => {
            return Ok(Incoming::Malformed(error_response(
                Value::Null,
                ErrorCode::ParseError,
                format!("malformed JSON: {e}"),
            )));
        }
    };
    let id = value.get("id").cloned().unwrap_or(Value::Null);
    let id = match id {
        Value::Number(_) | Value::String(_) => id,
        _ => Value::Null,
    };
    match serde_json::from_value::<Message>(value) {
        Ok(m) => Ok(Incoming::Message(m)),
        Err(e) => Ok(Incoming::Malformed(error_response(
            id,
            ErrorCode::InvalidRequest,
            format!("not a JSON-RPC request, response or notification: {e}"),
        ))),
    }
}

/// Writes `msg` with its `Content-Length` header.
pub fn write(out: &mut impl Write, msg: &Message) -> io::Result<()> {
    msg.write(out)
}

/// Writes a raw JSON-RPC value with its header (for errors whose `id` is `null`).
pub fn write_raw(out: &mut impl Write, value: &Value) -> io::Result<()> {
    let text = value.to_string();
    write!(out, "Content-Length: {}\r\n\r\n{text}", text.len())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn framed(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    fn all(input: &str, max: usize) -> Vec<Incoming> {
        let mut r = io::BufReader::new(input.as_bytes());
        let mut out = Vec::new();
        loop {
            match read(&mut r, max) {
                Incoming::Eof => return out,
                i => out.push(i),
            }
        }
    }

    fn error_code(i: &Incoming) -> Option<i64> {
        match i {
            Incoming::Malformed(v) => v["error"]["code"].as_i64(),
            _ => None,
        }
    }

    #[test]
    fn malformed_messages_become_errors_and_reading_goes_on() {
        let ok = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;
        let input = [
            framed("{not json"),
            framed(r#"{"jsonrpc":"2.0","id":7,"params":3}"#),
            "X-Nothing\r\n\r\n".to_string(),
            format!("Content-Length: {}\r\n\r\n", "9".repeat(3000)),
            framed(&"x".repeat(70)),
            framed(ok),
        ]
        .concat();
        let got = all(&input, 60);
        let codes: Vec<_> = got.iter().map(error_code).collect();
        assert_eq!(
            codes,
            [
                Some(-32700),
                Some(-32600),
                Some(-32700),
                Some(-32700),
                Some(-32600),
                None
            ]
        );
        assert!(matches!(&got[1], Incoming::Malformed(v) if v["id"] == 7));
        assert!(
            matches!(&got[5], Incoming::Message(Message::Request(r)) if r.method == "shutdown")
        );
    }

    #[test]
    fn a_stream_that_ends_inside_a_message_is_the_end() {
        assert!(all("Content-Length: 10\r\n\r\n{}", 100).is_empty());
        assert!(all("Content-Length: 1000\r\n\r\n{}", 100).is_empty());
    }
}
