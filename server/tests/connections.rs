//! The listener's limits over real TCP: a client that sends its request head too slowly, or keeps
//! a connection idle, is cut off after the header timeout; a connection over the limit is answered
//! 503 with Retry-After at once; and other clients are served throughout.

use std::{net::SocketAddr, time::Duration};

use endpoint_admin_model::organization::MdmAuthority;
use endpoint_admin_server::{
    AppState, app,
    pipeline::PipelineHandle,
    seed::{DemoTenant, seed_demo_tenant_if_empty},
    serve::{ConnectionLimits, serve},
    store::Store,
};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::{TcpListener, TcpStream},
    time::{Instant, sleep, timeout},
};

/// A server with a small demo tenant on an ephemeral port.
async fn start(limits: ConnectionLimits) -> SocketAddr {
    let store = Store::connect("sqlite::memory:").await.unwrap();
    let tenant = DemoTenant {
        device_count: 10,
        mdm_authority: MdmAuthority::Intune,
        password: "demo".to_string(),
    };
    seed_demo_tenant_if_empty(&store, &tenant).await.unwrap();
    let state = AppState {
        store,
        dist: std::env::temp_dir().join("ea-no-dist"),
        pipeline: PipelineHandle::without_worker(Duration::from_millis(10)),
        public_url: None,
    };
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(serve(listener, app(state), limits, std::future::pending()));
    address
}

/// One `GET /healthz` on a connection of its own: the answer's status line and the whole answer.
async fn health(address: SocketAddr) -> String {
    let mut stream = TcpStream::connect(address).await.unwrap();
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nhost: test\r\nconnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut answer = Vec::new();
    timeout(Duration::from_secs(5), stream.read_to_end(&mut answer))
        .await
        .expect("an answer within 5 s, never a hang")
        .unwrap();
    String::from_utf8_lossy(&answer).into_owned()
}

/// Reads until the server closes the connection; how long that took.
async fn closed_by_server(mut stream: TcpStream, within: Duration) -> Duration {
    let started = Instant::now();
    let mut buffer = [0u8; 1024];
    loop {
        match timeout(within, stream.read(&mut buffer)).await {
            Ok(Ok(0) | Err(_)) => return started.elapsed(),
            Ok(Ok(_)) => {}
            Err(_) => panic!("the server kept the connection open for {within:?}"),
        }
    }
}

#[tokio::test]
async fn a_client_sending_its_head_a_byte_at_a_time_is_cut_off_while_others_are_served() {
    let address = start(ConnectionLimits {
        max_connections: 64,
        header_read_timeout: Duration::from_secs(1),
    })
    .await;
    let mut slow = Vec::new();
    for _ in 0..20 {
        let mut stream = TcpStream::connect(address).await.unwrap();
        stream
            .write_all(b"GET /healthz HTTP/1.1\r\nhost: test\r\n")
            .await
            .unwrap();
        slow.push(stream);
    }
    let trickle = tokio::spawn(async move {
        // One header byte per 200 ms each: never a whole head.
        for _ in 0..20 {
            for stream in &mut slow {
                let _ = stream.write_all(b"x").await;
            }
            sleep(Duration::from_millis(200)).await;
        }
        slow
    });
    sleep(Duration::from_millis(300)).await;
    assert!(health(address).await.starts_with("HTTP/1.1 200"));
    let slow = trickle.await.unwrap();
    for stream in slow {
        // Cut off already (the trickle lasted 4 s), or about to be.
        closed_by_server(stream, Duration::from_secs(3)).await;
    }
    assert!(health(address).await.starts_with("HTTP/1.1 200"));
}

#[tokio::test]
async fn an_idle_kept_alive_connection_is_closed_after_the_header_timeout() {
    let address = start(ConnectionLimits {
        max_connections: 64,
        header_read_timeout: Duration::from_secs(1),
    })
    .await;
    let mut stream = TcpStream::connect(address).await.unwrap();
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nhost: test\r\n\r\n")
        .await
        .unwrap();
    let mut answer = Vec::new();
    while !answer.ends_with(b"ok") {
        let mut buffer = [0u8; 1024];
        let read = stream.read(&mut buffer).await.unwrap();
        assert!(read > 0, "closed before answering");
        answer.extend_from_slice(&buffer[..read]);
    }
    let idle = closed_by_server(stream, Duration::from_secs(4)).await;
    assert!(idle >= Duration::from_millis(900), "{idle:?}");
}

#[tokio::test]
async fn a_connection_over_the_limit_is_answered_503_with_retry_after_at_once() {
    let address = start(ConnectionLimits {
        max_connections: 4,
        header_read_timeout: Duration::from_secs(30),
    })
    .await;
    let mut held = Vec::new();
    for _ in 0..4 {
        held.push(TcpStream::connect(address).await.unwrap());
    }
    sleep(Duration::from_millis(100)).await;
    let busy = health(address).await;
    assert!(busy.starts_with("HTTP/1.1 503"), "{busy}");
    assert!(busy.contains("retry-after: 5"), "{busy}");
    assert!(busy.contains("\"code\":\"serviceNotAvailable\""), "{busy}");
    drop(held);
    // The server notices the closed connections and serves again.
    let started = Instant::now();
    loop {
        if health(address).await.starts_with("HTTP/1.1 200") {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "never served again"
        );
        sleep(Duration::from_millis(50)).await;
    }
}
