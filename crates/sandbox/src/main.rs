//! `paylater-sandbox`: serves the sandbox API on loopback.
//!
//! ```text
//! paylater-sandbox [--port 8787] [--host 127.0.0.1] [--allow-origin URL]... [--now RFC3339]
//!                  [--quote-ttl-seconds 600] [--authorization-ttl-seconds 604800]
//!                  [--merchant-key sk_test_…] [--webhook-url URL] [--webhook-secret whsec_…]
//!                  [--webhook-retry-base-ms 1000] [--fee-rate PLAN=RATE]... [--quiet]
//!                  [--allow-any-origin]
//! paylater-sandbox keygen
//! ```

use std::net::{IpAddr, SocketAddr};

use paylater_core::sandbox::merchant::{MAX_URL, valid_webhook_url};
use paylater_sandbox::{Config, app, serve};

/// `--help`: the flags, then the demo shoppers as the seed makes them.
fn usage() -> String {
    let shoppers: String = paylater_core::sandbox::seed::DEMO_SHOPPERS
        .iter()
        .map(|(token, who)| format!("  {token:<16} {who}\n"))
        .collect();
    format!(
        "{USAGE_FLAGS}\n\nServes the Pay Later sandbox API (see openapi/openapi.yaml) with the demo shoppers\n(Authorization: Bearer <token>; <token>+<anything> is a private copy, made on first use):\n{shoppers}{USAGE_REST}"
    )
}

const USAGE_FLAGS: &str =
    "usage: paylater-sandbox [--port 8787] [--host 127.0.0.1] [--allow-origin URL]... [--now RFC3339]
         [--quote-ttl-seconds 600] [--authorization-ttl-seconds 604800]
         [--merchant-key sk_test_…] [--webhook-url URL] [--webhook-secret whsec_…]
         [--webhook-retry-base-ms 1000] [--fee-rate PLAN=RATE]... [--quiet] [--allow-any-origin]
       paylater-sandbox keygen      (prints a new secret key and webhook secret to pass with the flags above)";

const USAGE_REST: &str = "and the demo merchant M-DEMO-SHOP, whose server calls /v1/merchant/… with its secret key
(Authorization: Bearer sk_test_…; the published demo key unless --merchant-key gives another).
--fee-rate sets an installment plan's total fee rate, one flag per plan, e.g. --fee-rate installments_12=0.06
(defaults: installments_3=0.025, installments_6=0.045, installments_12=0.088): a provider whose prices are not
the defaults, for the offer, eligibility's plans and every order.
--port 0 picks a free port. The first line printed is `listening on http://HOST:PORT`.
Faults per request: header X-Sandbox-Fault or query sandbox_fault = 500 | 401 | delay=MS | drop | malformed;
or armed ahead with POST /sandbox/faults {\"method\",\"path\",\"fault\",\"times\"}.";

/// `sk_test_` or `whsec_` and 32 random hex digits.
fn random_secret(prefix: &str) -> Result<String, String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| format!("no randomness available: {e}"))?;
    Ok(format!("{prefix}{}", bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()))
}

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
            args.get(i).cloned().ok_or_else(|| format!("{flag} needs a value\n\n{}", usage()))
        };
        match flag {
            "--port" => port = value()?.parse().map_err(|_| "--port takes a number from 0 to 65535".to_owned())?,
            "--host" => host = value()?.parse().map_err(|_| "--host takes an IP address, e.g. 127.0.0.1".to_owned())?,
            "--allow-origin" => custom_origins.push(value()?),
            "--now" => {
                let text = value()?;
                let now = paylater_core::rfc3339::parse(&text).map_err(|e| {
                    format!("--now {text:?} is not an RFC 3339 time such as 2026-11-23T10:00:00+08:00: {e}")
                })?;
                config.frozen_now = Some(now);
            }
            "--quote-ttl-seconds" => {
                config.policy.quote_ttl_seconds =
                    value()?.parse().map_err(|_| "--quote-ttl-seconds takes a whole number of seconds".to_owned())?
            }
            "--authorization-ttl-seconds" => {
                config.policy.authorization_ttl_seconds = value()?
                    .parse()
                    .map_err(|_| "--authorization-ttl-seconds takes a whole number of seconds".to_owned())?
            }
            "--webhook-retry-base-ms" => {
                config.policy.webhook_retry_base_ms = value()?
                    .parse()
                    .map_err(|_| "--webhook-retry-base-ms takes a whole number of milliseconds".to_owned())?
            }
            "--merchant-key" => {
                let key = value()?;
                if !key.starts_with("sk_test_") || key.len() < 16 || !key.bytes().all(|b| b.is_ascii_graphic()) {
                    return Err("--merchant-key takes a key such as `paylater-sandbox keygen` prints: sk_test_ and at least 8 more visible characters".to_owned());
                }
                config.merchant_key = key;
            }
            "--webhook-url" => {
                let url = value()?;
                if !valid_webhook_url(&url) {
                    return Err(format!(
                        "--webhook-url {url:?}: give an http(s) URL with a host name or IPv4 address, an optional port and a path without spaces, at most {MAX_URL} characters, e.g. http://127.0.0.1:8090/webhooks/paylater"
                    ));
                }
                config.webhook_url = Some(url);
            }
            "--webhook-secret" => config.webhook_secret = value()?,
            "--fee-rate" => {
                let text = value()?;
                let (plan, rate) = text
                    .split_once('=')
                    .ok_or_else(|| format!("--fee-rate takes PLAN=RATE, e.g. installments_12=0.06, not {text}"))?;
                let plan: paylater_core::api::PlanKind = plan.trim().parse().map_err(|e| format!("--fee-rate: {e}"))?;
                let rate: paylater_core::Decimal = rate
                    .trim()
                    .parse()
                    .map_err(|_| format!("--fee-rate {text}: the rate is a decimal fraction such as 0.06 for 6 %"))?;
                config.policy.set_fee_rate(plan, rate).map_err(|e| format!("--fee-rate {text}: {e}"))?;
            }
            "--quiet" => config.log_requests = false,
            "--allow-any-origin" => config.allow_any_origin = true,
            "-h" | "--help" => return Err(usage()),
            other => return Err(format!("unknown option {other:?}\n\n{}", usage())),
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
    // Asked for, the usage is the answer (stdout, success); after a mistake it is an error.
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{}", usage());
        return;
    }
    if args.first().map(String::as_str) == Some("keygen") {
        match (random_secret("sk_test_"), random_secret("whsec_")) {
            (Ok(key), Ok(secret)) => {
                println!("--merchant-key {key} --webhook-secret {secret}");
                return;
            }
            (Err(e), _) | (_, Err(e)) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        }
    }
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
    let published = config.merchant_key == paylater_core::sandbox::seed::DEMO_SECRET_KEY;
    eprintln!(
        "merchant M-DEMO-SHOP: secret key {}{}; webhooks to {}",
        if published { config.merchant_key.as_str() } else { "(given with --merchant-key)" },
        if published { " (the published demo key)" } else { "" },
        config.webhook_url.as_deref().unwrap_or("nowhere yet (PUT /v1/merchant/webhook or --webhook-url)"),
    );
    if let Err(e) = serve(listener, app(&config)).await {
        eprintln!("the sandbox stopped: {e}");
        std::process::exit(1);
    }
}
