//! The server's flags (SPEC §3), each also read from its `EA_…` environment variable.

use std::{net::SocketAddr, path::PathBuf};

use clap::{Parser, ValueEnum};
use endpoint_admin_model::organization::MdmAuthority;

#[derive(Debug, Clone, Parser)]
#[command(
    name = "endpoint-admin-server",
    version,
    about = "Endpoint Admin: API and SPA server"
)]
pub struct Config {
    /// Address to serve on.
    #[arg(long, env = "EA_LISTEN", default_value = "127.0.0.1:3000")]
    pub listen: SocketAddr,

    /// `sqlite://PATH`, `sqlite::memory:` or `postgres://…`.
    #[arg(
        long,
        env = "EA_DATABASE",
        default_value = "sqlite://endpoint-admin.db"
    )]
    pub database: String,

    /// The built SPA to serve.
    #[arg(long, env = "EA_DIST", default_value = "dist")]
    pub dist: PathBuf,

    /// On an empty database, create the demo tenant with this many devices (0: none).
    #[arg(long, env = "EA_DEMO_DEVICES", default_value_t = 2000)]
    pub demo_devices: u64,

    /// The demo tenant's initial MDM authority.
    #[arg(long, env = "EA_MDM_AUTHORITY", value_enum, default_value_t = MdmAuthorityArg::Intune)]
    pub mdm_authority: MdmAuthorityArg,

    /// Simulated time per tenant-attach pipeline hop, in milliseconds.
    #[arg(long, env = "EA_PIPELINE_DELAY_MS", default_value_t = 1500)]
    pub pipeline_delay_ms: u64,

    /// Password of every demo account.
    #[arg(long, env = "EA_DEMO_PASSWORD", default_value = "demo")]
    pub demo_password: String,

    /// Connections served at once; one more is answered 503 with Retry-After. Keep it under the
    /// process's file-descriptor limit (`ulimit -n`), which the database's connections share.
    #[arg(long, env = "EA_MAX_CONNECTIONS", default_value_t = 768)]
    pub max_connections: usize,

    /// Seconds a client may take to send a request's head, or keep a connection idle.
    #[arg(long, env = "EA_HEADER_READ_TIMEOUT_SECONDS", default_value_t = 10)]
    pub header_read_timeout_seconds: u64,

    /// The origin clients reach the API at (e.g. `https://intune.contoso.com`), for the absolute
    /// `@odata.nextLink` and `@odata.context`; by default the request's `Host` over http.
    #[arg(long, env = "EA_PUBLIC_URL", value_parser = public_url)]
    pub public_url: Option<String>,
}

/// An `http://` or `https://` origin, optionally with a path, without a trailing slash.
fn public_url(text: &str) -> Result<String, String> {
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
        .ok_or("must start with http:// or https://")?;
    if rest.is_empty() || rest.contains(['?', '#', ' ', '"']) {
        return Err("must be an origin such as https://intune.contoso.com".to_owned());
    }
    Ok(text.trim_end_matches('/').to_owned())
}

/// `--mdm-authority` values; kept apart from the model so the API type needs no clap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MdmAuthorityArg {
    Unknown,
    Intune,
    Office365,
}

impl From<MdmAuthorityArg> for MdmAuthority {
    fn from(value: MdmAuthorityArg) -> Self {
        match value {
            MdmAuthorityArg::Unknown => MdmAuthority::Unknown,
            MdmAuthorityArg::Intune => MdmAuthority::Intune,
            MdmAuthorityArg::Office365 => MdmAuthority::Office365,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_follow_the_spec() {
        let config = Config::try_parse_from(["endpoint-admin-server"]).unwrap();
        assert_eq!(config.listen.to_string(), "127.0.0.1:3000");
        assert_eq!(config.database, "sqlite://endpoint-admin.db");
        assert_eq!(config.dist, PathBuf::from("dist"));
        assert_eq!(config.demo_devices, 2000);
        assert_eq!(config.mdm_authority, MdmAuthorityArg::Intune);
        assert_eq!(config.pipeline_delay_ms, 1500);
        assert_eq!(config.demo_password, "demo");
        assert_eq!(config.max_connections, 768);
        assert_eq!(config.header_read_timeout_seconds, 10);
        assert_eq!(config.public_url, None);
    }

    #[test]
    fn every_flag_is_accepted() {
        let config = Config::try_parse_from([
            "endpoint-admin-server",
            "--listen",
            "127.0.0.1:4000",
            "--database",
            "sqlite::memory:",
            "--dist",
            "elsewhere",
            "--demo-devices",
            "0",
            "--mdm-authority",
            "office365",
            "--pipeline-delay-ms",
            "10",
        ])
        .unwrap();
        assert_eq!(config.listen.port(), 4000);
        assert_eq!(config.database, "sqlite::memory:");
        assert_eq!(config.demo_devices, 0);
        assert_eq!(
            MdmAuthority::from(config.mdm_authority),
            MdmAuthority::Office365
        );
        assert_eq!(config.pipeline_delay_ms, 10);
    }

    #[test]
    fn the_public_url_is_an_http_origin_kept_without_its_trailing_slash() {
        let parse = |url: &str| {
            Config::try_parse_from(["endpoint-admin-server", "--public-url", url])
                .map(|config| config.public_url)
        };
        assert_eq!(
            parse("https://intune.contoso.com/")
                .ok()
                .flatten()
                .as_deref(),
            Some("https://intune.contoso.com")
        );
        for bad in ["intune.contoso.com", "ftp://x", "https://", "https://x?y=1"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_unknown_mdm_authority_is_refused() {
        assert!(
            Config::try_parse_from(["endpoint-admin-server", "--mdm-authority", "sccm"]).is_err()
        );
    }
}
