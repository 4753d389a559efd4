//! The emulator over HTTP: hyper's HTTP/1 on a tokio runtime of its own, with every
//! bound a server exposed to untrusted peers needs ([`ServerLimits`]).
//!
//! The runtime drives sockets only; each query runs on a blocking thread with its own
//! read-only SQLite connection, at most [`ServerLimits::max_queries`] at once, and is
//! interrupted when its client hangs up. [`Server::stop`] (or dropping the server)
//! stops accepting, lets the requests in hand finish (a few seconds at most) and
//! joins every thread.

mod io;
mod limits;
mod request;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, watch};

use super::emulator::Emulator;

pub use limits::ServerLimits;

/// How long [`Server::stop`] lets requests in hand finish before it drops them.
const GRACE: Duration = Duration::from_secs(5);

/// A running HTTP server.
pub struct Server {
    addr: SocketAddr,
    stop: watch::Sender<bool>,
    runtime: Option<tokio::runtime::Runtime>,
    accept: Option<tokio::task::JoinHandle<()>>,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server").field("addr", &self.addr).finish()
    }
}

/// What every connection shares.
struct Shared {
    emu: Arc<Emulator>,
    limits: ServerLimits,
    queries: Arc<Semaphore>,
}

impl Server {
    /// Serves `emulator` on `addr` (`127.0.0.1:0` picks a free port) with the default
    /// [`ServerLimits`] and up to `threads` queries at once.
    pub fn start(emulator: Arc<Emulator>, addr: &str, threads: usize) -> std::io::Result<Server> {
        let limits = ServerLimits {
            max_queries: threads.max(1),
            ..ServerLimits::default()
        };
        Server::start_with(emulator, addr, limits)
    }

    /// Serves `emulator` on `addr` within `limits`.
    pub fn start_with(
        emulator: Arc<Emulator>,
        addr: &str,
        limits: ServerLimits,
    ) -> std::io::Result<Server> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(limits.io_threads.max(1))
            // Queries wait for a permit before they take a blocking thread, so this
            // bounds nothing a peer controls; it is a ceiling on idle threads.
            .max_blocking_threads(limits.max_queries.max(1) + 4)
            .thread_name("crql-serve")
            .enable_io()
            .enable_time()
            .build()?;
        // Bound synchronously, so that a taken port is an error of `start`.
        let std_listener = std::net::TcpListener::bind(addr)?;
        std_listener.set_nonblocking(true)?;
        let addr = std_listener.local_addr()?;
        let listener = {
            let _entered = runtime.enter();
            TcpListener::from_std(std_listener)?
        };
        let (stop, stopped) = watch::channel(false);
        let shared = Arc::new(Shared {
            emu: emulator,
            limits,
            queries: Arc::new(Semaphore::new(limits.max_queries.max(1))),
        });
        let accept = runtime.spawn(accept_loop(listener, shared, stopped));
        Ok(Server {
            addr,
            stop,
            runtime: Some(runtime),
            accept: Some(accept),
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

    /// Stops accepting, lets the requests in hand finish, and joins every thread.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        let _ = self.stop.send(true);
        if let (Some(rt), Some(accept)) = (self.runtime.take(), self.accept.take()) {
            // The accept loop returns once every connection has closed or GRACE passed.
            let _ = rt.block_on(accept);
            rt.shutdown_timeout(Duration::from_secs(1));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// Accepts until told to stop. An accept error never ends it: running out of file
/// descriptors (EMFILE) or kernel memory is waited out with a growing pause (1 ms to
/// 1 s), since a connection that closes frees what the next accept needs.
async fn accept_loop(
    listener: TcpListener,
    shared: Arc<Shared>,
    mut stopped: watch::Receiver<bool>,
) {
    let connections = Arc::new(Semaphore::new(shared.limits.max_connections.max(1)));
    let mut pause = Duration::from_millis(1);
    loop {
        // At the connection cap, further peers wait in the kernel's backlog.
        let permit = tokio::select! {
            p = connections.clone().acquire_owned() => match p {
                Ok(p) => p,
                Err(_) => break,
            },
            _ = stopped.changed() => break,
        };
        let stream = tokio::select! {
            r = listener.accept() => r,
            _ = stopped.changed() => break,
        };
        match stream {
            Ok((stream, _)) => {
                pause = Duration::from_millis(1);
                let _ = stream.set_nodelay(true);
                let (shared, stopped) = (shared.clone(), stopped.clone());
                tokio::spawn(async move {
                    serve_connection(stream, shared, stopped).await;
                    drop(permit);
                });
            }
            Err(e) if per_connection(&e) => {}
            Err(_) => {
                drop(permit);
                tokio::select! {
                    _ = tokio::time::sleep(pause) => {}
                    _ = stopped.changed() => break,
                }
                pause = (pause * 2).min(Duration::from_secs(1));
            }
        }
    }
    drop(listener);
    // Graceful: every connection got the stop signal; wait until they have all given
    // their permits back, for GRACE at most.
    let all = shared.limits.max_connections.max(1) as u32;
    let _ = tokio::time::timeout(GRACE, connections.acquire_many(all)).await;
}

/// Errors that concern the one connection being accepted, not the listener.
fn per_connection(e: &std::io::Error) -> bool {
    use std::io::ErrorKind::*;
    matches!(e.kind(), ConnectionAborted | ConnectionReset | Interrupted)
}

async fn serve_connection(
    stream: tokio::net::TcpStream,
    shared: Arc<Shared>,
    mut stopped: watch::Receiver<bool>,
) {
    let limits = shared.limits;
    let io = TokioIo::new(io::WriteDeadline::new(stream, limits.write_timeout));
    let service = {
        let shared = shared.clone();
        hyper::service::service_fn(move |req| {
            let shared = shared.clone();
            async move { Ok::<_, std::convert::Infallible>(request::handle(req, &shared).await) }
        })
    };
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .max_headers(limits.max_headers)
        .max_header_size(limits.max_header_bytes)
        .keep_alive(true);
    let conn = builder.serve_connection(io, service);
    tokio::pin!(conn);
    tokio::select! {
        _ = conn.as_mut() => {}
        _ = stopped.changed() => {
            conn.as_mut().graceful_shutdown();
            let _ = tokio::time::timeout(GRACE, conn).await;
        }
    }
}
