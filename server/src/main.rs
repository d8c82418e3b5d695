//! `server`: start NexaCRM with the configuration from the environment.
//! `server demo [--small | --contacts N]`: fill the configured database with a demo workspace and exit.

use app::ssr::clock::{Clock, SystemClock};
use app::ssr::config::Config;
use app::ssr::db::Db;
use app::ssr::AppState;
use server::serve;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")))
        .init();
    match run().await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            tracing::error!("{message}");
            eprintln!("nexacrm: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}

const USAGE: &str = "usage: server                                 serve NexaCRM
       server demo [--small | --contacts N]   add a demo workspace to DATABASE_URL's database and exit";

async fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        None => serve_app().await,
        Some("demo") => demo(&args[1..]).await,
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command {other:?}\n{USAGE}")),
    }
}

/// `server demo`: the default size (100,000 contacts…), `--small` (200 contacts) or `--contacts N`.
async fn demo(args: &[String]) -> Result<(), String> {
    use server::demo::{generate, DemoSize};
    let size = match args {
        [] => DemoSize::default(),
        [flag] if flag == "--small" => DemoSize::small(),
        [flag, n] if flag == "--contacts" => {
            DemoSize::with_contacts(n.replace(['_', ','], "").parse().map_err(|_| format!("--contacts wants a number, not {n:?}"))?)
        }
        _ => return Err(format!("unknown demo options {args:?}\n{USAGE}")),
    };
    let config = Config::from_env()?;
    let db = Db::connect(&config.database_url).await.map_err(|e| format!("database: {e}"))?;
    println!(
        "Generating a demo workspace on {}: {} companies, {} contacts, {} leads, {} deals, {} activities, {} notes, {} tickets",
        db.dialect_name(), size.companies, size.contacts, size.leads, size.deals, size.activities, size.notes, size.tickets
    );
    let demo = generate(&db, size, SystemClock.now_ms()).await?;
    if !demo.created {
        println!("A demo workspace already exists (/w/{}); nothing was added.", demo.slug);
    }
    println!("Sign in as {} with the password {} (workspace /w/{}).", demo.email, demo.password, demo.slug);
    Ok(())
}

async fn serve_app() -> Result<(), String> {
    let config = Config::from_env()?;
    let leptos = leptos::config::get_configuration(Some("Leptos.toml")).map_err(|e| format!("Leptos.toml: {e}"))?;
    let options = leptos.leptos_options;
    let addr = options.site_addr;
    let db = Db::connect(&config.database_url).await.map_err(|e| format!("database: {e}"))?;
    let mailer = app::ssr::mail::transport::Mailer::from_config(&config)?;
    match (&mailer, config.is_development()) {
        (app::ssr::mail::transport::Mailer::Smtp { .. }, _) => tracing::info!("mail is delivered over SMTP"),
        (_, true) => tracing::info!("no NEXACRM_SMTP_URL: mail is kept in the outbox and shown at /dev/mailbox"),
        (_, false) => tracing::warn!("no NEXACRM_SMTP_URL: mail is kept in the outbox and not delivered"),
    }
    let state = AppState::new(db, config, options);
    server::jobs::spawn(state.clone());
    server::jobs::spawn_mail_worker(state.clone(), mailer);
    server::jobs::spawn_export_worker(state.clone());
    server::jobs::spawn_import_worker(state.clone());
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let shown = listener.local_addr().map_err(|e| e.to_string())?;
    println!("NexaCRM is running at http://{shown} (database: {})", state.db.dialect_name());
    serve(listener, state).await.map_err(|e| e.to_string())
}
