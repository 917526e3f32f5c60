//! `paylater-sandbox`: serves the sandbox API on loopback.
//!
//! ```text
//! paylater-sandbox [--port 8787] [--host 127.0.0.1] [--allow-origin URL]... [--now RFC3339]
//!                  [--quote-ttl-seconds 600] [--quiet] [--allow-any-origin]
//! ```

use std::net::{IpAddr, SocketAddr};

use paylater_sandbox::{Config, app, serve};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

const USAGE: &str = "usage: paylater-sandbox [--port 8787] [--host 127.0.0.1] [--allow-origin URL]... [--now RFC3339] [--quote-ttl-seconds 600] [--quiet] [--allow-any-origin]

Serves the Pay Later sandbox API (see openapi/openapi.yaml) with the demo shoppers:
  demo-good, demo-new, demo-low-score, demo-low-limit, demo-no-funds  (Authorization: Bearer <token>)
--port 0 picks a free port. The first line printed is `listening on http://HOST:PORT`.
Faults per request: header X-Sandbox-Fault or query sandbox_fault = 500 | 401 | delay=MS | drop | malformed";

fn parse(args: &[String]) -> Result<Config, String> {
    let mut config = Config::default();
    let mut host: IpAddr = config.address.ip();
    let mut port = config.address.port();
    let mut custom_origins = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let flag = args[i].as_str();
        let mut value = || {
            i += 1;
            args.get(i).cloned().ok_or_else(|| format!("{flag} needs a value\n\n{USAGE}"))
        };
        match flag {
            "--port" => port = value()?.parse().map_err(|_| "--port takes a number from 0 to 65535".to_owned())?,
            "--host" => host = value()?.parse().map_err(|_| "--host takes an IP address, e.g. 127.0.0.1".to_owned())?,
            "--allow-origin" => custom_origins.push(value()?),
            "--now" => {
                let text = value()?;
                let now = OffsetDateTime::parse(&text, &Rfc3339).map_err(|e| {
                    format!("--now {text:?} is not an RFC 3339 time such as 2026-11-23T10:00:00+08:00: {e}")
                })?;
                config.frozen_now = Some(now);
            }
            "--quote-ttl-seconds" => {
                config.policy.quote_ttl_seconds =
                    value()?.parse().map_err(|_| "--quote-ttl-seconds takes a whole number of seconds".to_owned())?
            }
            "--quiet" => config.log_requests = false,
            "--allow-any-origin" => config.allow_any_origin = true,
            "-h" | "--help" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown option {other:?}\n\n{USAGE}")),
        }
        i += 1;
    }
    if !custom_origins.is_empty() {
        config.allowed_origins = custom_origins;
    }
    config.address = SocketAddr::new(host, port);
    Ok(config)
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let config = match parse(&args) {
        Ok(config) => config,
        Err(message) => {
            eprintln!("{message}");
            std::process::exit(2);
        }
    };
    let listener = match tokio::net::TcpListener::bind(config.address).await {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("cannot listen on {}: {e} (is another sandbox running? try --port 0)", config.address);
            std::process::exit(1);
        }
    };
    let address = listener.local_addr().unwrap_or(config.address);
    println!("listening on http://{address}");
    if config.allow_any_origin {
        eprintln!("allowed origins: any (test mode)");
    } else {
        eprintln!("allowed origins: {}", config.allowed_origins.join(", "));
    }
    if let Err(e) = serve(listener, app(&config)).await {
        eprintln!("the sandbox stopped: {e}");
        std::process::exit(1);
    }
}
