//! The listener: HTTP/1.1 connections served by hyper, with the limits `axum::serve` does not set.
//! A client must send a request's head within a time (slowloris, and idle keep-alive connections,
//! which hold a file descriptor each), and at most so many connections are served at once: one
//! more is answered 503 with `Retry-After` and closed, instead of waiting unanswered.

use std::{future::Future, pin::pin, sync::Arc, time::Duration};

use axum::{Router, body::Body, extract::ConnectInfo};
use hyper::{body::Incoming, server::conn::http1, service::service_fn};
use hyper_util::{
    rt::{TokioIo, TokioTimer},
    server::graceful::GracefulShutdown,
};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::{TcpListener, TcpStream},
    sync::Semaphore,
};
use tower::ServiceExt;

use crate::error::RETRY_AFTER_SECONDS;

/// What one server holds open at most, and for how long a client may keep it waiting.
#[derive(Debug, Clone, Copy)]
pub struct ConnectionLimits {
    /// Connections served at once.
    pub max_connections: usize,
    /// From the moment a connection awaits a request (a new one, or the next on a kept-alive
    /// connection) until the request's whole head has arrived.
    pub header_read_timeout: Duration,
}

/// Serves `app` on `listener` until `shutdown` resolves, then lets the requests in flight finish.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()>,
) {
    let permits = Arc::new(Semaphore::new(limits.max_connections));
    let graceful = GracefulShutdown::new();
    let mut shutdown = pin!(shutdown);
    loop {
        let (stream, client) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors, say: the next accept may succeed once some close.
                    tracing::warn!(%error, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Ok(permit) = permits.clone().try_acquire_owned() else {
            tokio::spawn(refuse_busy(stream));
            continue;
        };
        let app = app.clone();
        let service = service_fn(move |mut request: hyper::Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(client));
            app.clone().oneshot(request.map(Body::new))
        });
        let connection = http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(limits.header_read_timeout)
            .serve_connection(TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                tracing::debug!(%error, %client, "connection ended");
            }
            drop(permit);
        });
    }
    graceful.shutdown().await;
}

/// Answers a connection over the limit with a 503 in the Graph envelope, and closes it.
async fn refuse_busy(mut stream: TcpStream) {
    // Read what the client sent first, so that closing does not reset the connection before the
    // client has read the answer.
    let mut request = [0u8; 8192];
    let _ = tokio::time::timeout(Duration::from_secs(1), stream.read(&mut request)).await;
    let body = serde_json::json!({
        "error": {
            "code": "serviceNotAvailable",
            "message": "The server is serving as many connections as it can. Try again in a few seconds.",
            "innerError": {
                "request-id": uuid::Uuid::new_v4().to_string(),
                "date": crate::now(),
            }
        }
    })
    .to_string();
    let answer = format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\n\
         retry-after: {RETRY_AFTER_SECONDS}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(answer.as_bytes()).await;
    let _ = stream.shutdown().await;
}
