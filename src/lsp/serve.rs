//! The main loop over stdin and stdout: a reader thread frames the peer's
//! messages, the calling thread answers them in order.

use std::io::Write;

use lsp_server::Message;

use super::{Options, Server, transport};

/// Runs the server over stdin and stdout until `exit` (or the end of stdin);
/// returns the exit status: 0 after `shutdown` and `exit`, 1 otherwise.
pub fn serve_stdio(options: Options) -> i32 {
    let (tx, rx) = std::sync::mpsc::sync_channel::<transport::Incoming>(64);
    let max = options.max_message_bytes;
    // The reader thread is not joined: at `exit` the process ends with it blocked
    // on stdin, which is what ending the process is for.
    let spawned = std::thread::Builder::new()
        .name("crql-lsp-reader".into())
        .spawn(move || {
            let stdin = std::io::stdin();
            let mut input = stdin.lock();
            loop {
                let m = transport::read(&mut input, max);
                let end = matches!(
                    &m,
                    transport::Incoming::Eof
                ) || matches!(&m, transport::Incoming::Message(Message::Notification(n)) if n.method == "exit");
                if tx.send(m).is_err() || end {
                    return;
                }
            }
        });
    if let Err(e) = spawned {
        eprintln!("crql lsp: cannot start the reader thread: {e}");
        return 1;
    }
    let mut server = Server::new(options);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let send = |out: &mut std::io::BufWriter<std::io::StdoutLock<'_>>, msgs: Vec<Message>| {
        for m in msgs {
            if transport::write(out, &m).is_err() {
                return false;
            }
        }
        out.flush().is_ok()
    };
    loop {
        let Ok(first) = rx.recv() else {
            return server.eof_code();
        };
        let mut next = Some(first);
        // Handle everything pending, then publish diagnostics once for the batch.
        while let Some(incoming) = next.take() {
            match incoming {
                transport::Incoming::Eof => return server.eof_code(),
                transport::Incoming::Malformed(v) => {
                    if transport::write_raw(&mut out, &v).is_err() {
                        return 1;
                    }
                }
                transport::Incoming::Message(m) => {
                    let answers = server.handle(m);
                    if !send(&mut out, answers) {
                        return 1;
                    }
                    if let Some(code) = server.exit_code() {
                        return code;
                    }
                }
            }
            next = rx.try_recv().ok();
        }
        let diags = server.flush();
        if !send(&mut out, diags) {
            return 1;
        }
    }
}
