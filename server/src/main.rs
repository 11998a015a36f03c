//! The `endpoint-admin-server` binary: flags, logging, demo tenant, listener, graceful shutdown.

use std::{process::ExitCode, time::Instant};

use clap::Parser;
use endpoint_admin_server::{
    AppState, app,
    config::Config,
    seed::{DEMO_ACCOUNTS, DemoTenant, seed_demo_tenant_if_empty},
    store::Store,
};
use tracing_subscriber::EnvFilter;

/// mimalloc instead of glibc's malloc: rows are allocated on sqlx's SQLite thread and freed on the
/// async runtime's, which glibc's per-thread arenas serve with a lock per free.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info")),
        )
        .init();
    match run(Config::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!("{error}");
            ExitCode::FAILURE
        }
    }
}

async fn run(config: Config) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let store = Store::connect(&config.database).await?;
    let started = Instant::now();
    let tenant = DemoTenant {
        device_count: config.demo_devices,
        mdm_authority: config.mdm_authority.into(),
        password: config.demo_password.clone(),
    };
    if seed_demo_tenant_if_empty(&store, &tenant).await? {
        tracing::info!(
            devices = config.demo_devices,
            seconds = started.elapsed().as_secs_f64(),
            "created the demo tenant"
        );
    }
    let listener = tokio::net::TcpListener::bind(config.listen).await?;
    println!(
        "Endpoint Admin is serving http://{}",
        listener.local_addr()?
    );
    println!("Demo accounts (password: {}):", config.demo_password);
    for (user_principal_name, _, role) in DEMO_ACCOUNTS {
        println!("  {user_principal_name:<22} {}", role.display_name());
    }
    let state = AppState {
        store: store.clone(),
        dist: config.dist,
    };
    axum::serve(listener, app(state))
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    store.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM, letting in-flight requests finish.
async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
}
