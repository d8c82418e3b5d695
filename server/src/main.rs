//! `server`: start NexaCRM with the configuration from the environment.

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

async fn run() -> Result<(), String> {
    let config = Config::from_env()?;
    let leptos = leptos::config::get_configuration(Some("Leptos.toml")).map_err(|e| format!("Leptos.toml: {e}"))?;
    let options = leptos.leptos_options;
    let addr = options.site_addr;
    let db = Db::connect(&config.database_url).await.map_err(|e| format!("database: {e}"))?;
    let state = AppState::new(db, config, options);
    server::jobs::spawn(state.clone());
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let shown = listener.local_addr().map_err(|e| e.to_string())?;
    println!("NexaCRM is running at http://{shown} (database: {})", state.db.dialect_name());
    serve(listener, state).await.map_err(|e| e.to_string())
}
