//! The `endpoint-admin-server` binary: flags, logging, demo tenant, pipeline, listener, graceful
//! shutdown.

use std::{
    process::ExitCode,
    time::{Duration, Instant},
};

use anyhow::Context;
use clap::Parser;
use endpoint_admin_server::{
    AppState, app,
    config::Config,
    pipeline::{Pipeline, PipelineConfig},
    seed::{DEMO_ACCOUNTS, DemoTenant, seed_demo_tenant_if_empty},
    serve::{ConnectionLimits, serve},
    store::Store,
};
use tracing_subscriber::EnvFilter;

/// mimalloc instead of glibc's malloc: the CSV export allocates devices on its reading thread and
/// frees them on the runtime's, which glibc's per-thread arenas serve with a lock per free.
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
            tracing::error!("{error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(config: Config) -> anyhow::Result<()> {
    let store = Store::connect(&config.database)
        .await
        .context("opening the database")?;
    let started = Instant::now();
    let tenant = DemoTenant {
        device_count: config.demo_devices,
        mdm_authority: config.mdm_authority.into(),
        password: config.demo_password.clone(),
    };
    if seed_demo_tenant_if_empty(&store, &tenant)
        .await
        .context("creating the demo tenant")?
    {
        tracing::info!(
            devices = config.demo_devices,
            seconds = started.elapsed().as_secs_f64(),
            "created the demo tenant"
        );
    }
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("listening on {}", config.listen))?;
    let mut banner = format!(
        "Endpoint Admin is serving http://{}\nDemo accounts (password: {}):\n",
        listener.local_addr()?,
        config.demo_password
    );
    for account in DEMO_ACCOUNTS {
        banner.push_str(&format!(
            "  {:<24} {}\n",
            account.user_principal_name,
            account.description()
        ));
    }
    // Not `print!`: it panics when nobody reads standard output any more, and the server must
    // keep serving then.
    let _ = std::io::Write::write_all(&mut std::io::stdout(), banner.as_bytes());
    let pipeline = Pipeline::start(
        store.clone(),
        PipelineConfig {
            hop_delay: Duration::from_millis(config.pipeline_delay_ms),
            client_churn: true,
        },
    );
    let state = AppState {
        store: store.clone(),
        dist: config.dist,
        pipeline: pipeline.handle(),
        public_url: config.public_url,
    };
    let limits = ConnectionLimits {
        max_connections: config.max_connections,
        header_read_timeout: Duration::from_secs(config.header_read_timeout_seconds),
    };
    serve(listener, app(state), limits, shutdown_signal()).await;
    // Accepted actions are in the database already; the pipeline only has to stop cleanly.
    pipeline.stop().await;
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
