//! Accepting the preview's connections without letting idle ones starve it.
//!
//! A browser keeps a few connections open; a hostile page or a port scanner
//! can open thousands and send nothing. So every connection has a deadline
//! for its request headers and for idling between requests, the number held
//! open is capped, and when the cap is reached the connection that has been
//! idle longest is closed to make room: a new visitor is always answered.
//! A connection serving a request (including the live-reload event stream)
//! is never the one closed.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::Request;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tower_service::Service;

/// Connections held open at once; past it, the longest-idle one is closed.
pub const MAX_CONNECTIONS: usize = 256;
/// Time a client has to send a request's headers.
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// Time a connection may stay open with no request in progress.
const IDLE_TIMEOUT: Duration = Duration::from_secs(60);
/// How often idle connections are looked for.
const SWEEP_EVERY: Duration = Duration::from_secs(1);

/// Marks a connection busy while a request (or the response stream it
/// started) is in progress; handlers that stream keep a clone.
#[derive(Clone)]
pub struct InFlight(#[allow(dead_code)] Arc<BusyGuard>);

/// Serves `router` on `listener` until the process ends.
pub async fn serve(listener: TcpListener, router: Router) {
    let started = Instant::now();
    let open = Connections::default();
    tokio::spawn(sweep(open.clone(), started));
    let mut next_id = 0;
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of file descriptors or a reset before accept: wait, then go on.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
        };
        next_id += 1;
        let state = Arc::new(State::new(started));
        if !open.admit(next_id, &state) {
            drop(stream);
            continue;
        }
        let (open, router, id) = (open.clone(), router.clone(), next_id);
        tokio::spawn(async move {
            serve_connection(stream, router, &state, started).await;
            open.remove(id);
        });
    }
}

async fn serve_connection(
    stream: tokio::net::TcpStream,
    router: Router,
    state: &Arc<State>,
    started: Instant,
) {
    let service_state = Arc::clone(state);
    let service = hyper::service::service_fn(move |mut request: Request<hyper::body::Incoming>| {
        service_state.touch(started);
        let in_flight = InFlight(Arc::new(BusyGuard::new(Arc::clone(&service_state))));
        request.extensions_mut().insert(in_flight.clone());
        let mut router = router.clone();
        async move {
            let response = router.call(request.map(axum::body::Body::new)).await;
            drop(in_flight);
            response
        }
    });
    let connection = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT)
        .serve_connection(TokioIo::new(stream), service);
    tokio::pin!(connection);
    tokio::select! {
        _ = connection.as_mut() => {}
        () = state.close.notified() => {
            connection.as_mut().graceful_shutdown();
            let _ = tokio::time::timeout(HEADER_TIMEOUT, connection).await;
        }
    }
}

/// Closes connections idle for longer than [`IDLE_TIMEOUT`].
async fn sweep(open: Connections, started: Instant) {
    loop {
        tokio::time::sleep(SWEEP_EVERY).await;
        let now = millis(started);
        let limit = u64::try_from(IDLE_TIMEOUT.as_millis()).unwrap_or(u64::MAX);
        for state in open.snapshot() {
            if state.is_idle()
                && now.saturating_sub(state.last_active.load(Ordering::Relaxed)) > limit
            {
                state.close.notify_one();
            }
        }
    }
}

/// One open connection.
struct State {
    /// Milliseconds since the server started, at accept or the last request.
    last_active: AtomicU64,
    /// Requests in progress, response streams included.
    busy: AtomicUsize,
    close: Notify,
}

impl State {
    fn new(started: Instant) -> State {
        State {
            last_active: AtomicU64::new(millis(started)),
            busy: AtomicUsize::new(0),
            close: Notify::new(),
        }
    }

    fn touch(&self, started: Instant) {
        self.last_active.store(millis(started), Ordering::Relaxed);
    }

    fn is_idle(&self) -> bool {
        self.busy.load(Ordering::Relaxed) == 0
    }
}

pub struct BusyGuard(Arc<State>);

impl BusyGuard {
    fn new(state: Arc<State>) -> BusyGuard {
        state.busy.fetch_add(1, Ordering::Relaxed);
        BusyGuard(state)
    }
}

impl Drop for BusyGuard {
    fn drop(&mut self) {
        self.0.busy.fetch_sub(1, Ordering::Relaxed);
    }
}

/// The open connections, by id.
#[derive(Clone, Default)]
struct Connections(Arc<Mutex<HashMap<u64, Arc<State>>>>);

impl Connections {
    /// Registers a new connection, closing the longest-idle one when full.
    /// `false`: every slot is serving a request, so the newcomer is refused.
    fn admit(&self, id: u64, state: &Arc<State>) -> bool {
        let Ok(mut open) = self.0.lock() else {
            return false;
        };
        if open.len() >= MAX_CONNECTIONS {
            let oldest = open
                .iter()
                .filter(|(_, s)| s.is_idle())
                .min_by_key(|(_, s)| s.last_active.load(Ordering::Relaxed))
                .map(|(id, _)| *id);
            let Some(oldest) = oldest.and_then(|id| open.remove(&id)) else {
                return false;
            };
            // Its task ends on its own and finds it already gone from the map.
            oldest.close.notify_one();
        }
        open.insert(id, Arc::clone(state));
        true
    }

    fn remove(&self, id: u64) {
        if let Ok(mut open) = self.0.lock() {
            open.remove(&id);
        }
    }

    fn snapshot(&self) -> Vec<Arc<State>> {
        self.0
            .lock()
            .map(|open| open.values().cloned().collect())
            .unwrap_or_default()
    }
}

fn millis(started: Instant) -> u64 {
    u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX)
}
