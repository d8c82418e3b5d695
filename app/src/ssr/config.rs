//! Settings read from `NEXACRM_*` variables (and `DATABASE_URL`), each with a working default.

use std::time::Duration;

/// `NEXACRM_ENV`: development (the default) shows the development mailbox; production does not.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Environment {
    #[default]
    Development,
    Production,
}

impl Environment {
    pub fn parse(raw: &str) -> Option<Self> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "development" | "dev" => Some(Environment::Development),
            "production" | "prod" => Some(Environment::Production),
            _ => None,
        }
    }
}

/// A value that must never reach a log (an SMTP URL carries its password): `Debug` hides it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(…)")
    }
}

/// The sender of every email unless `NEXACRM_MAIL_FROM` names another.
pub const DEFAULT_MAIL_FROM: &str = "NexaCRM <no-reply@nexacrm.localhost>";

/// Where export archives are kept unless `NEXACRM_EXPORT_DIR` names another folder.
pub const DEFAULT_EXPORT_DIR: &str = "./data/exports";

/// Everything the server needs to know at start-up.
#[derive(Clone, Debug)]
pub struct Config {
    /// `sqlite://data/nexacrm.db?mode=rwc` by default; `postgres://…` for PostgreSQL.
    pub database_url: String,
    /// The public address of the site, used for links in mail and the Origin check.
    pub base_url: String,
    pub session_idle: Duration,
    pub session_absolute: Duration,
    /// Sign-in and sign-up attempts allowed per client IP per minute.
    pub auth_ip_limit_per_minute: u32,
    /// Failed sign-ins allowed per account per hour.
    pub account_failures_per_hour: u32,
    /// Trust `X-Forwarded-For` for the client IP (only behind a proxy you run).
    pub trust_proxy: bool,
    /// Largest request body accepted, in bytes.
    pub body_limit_bytes: usize,
    /// `NEXACRM_IMPORT_LIMIT_MB`: the largest CSV file an import accepts (the only larger body).
    pub import_limit_bytes: usize,
    /// Development (default) or production: the development mailbox exists only in development.
    pub environment: Environment,
    /// `smtp://user:pass@host:587?tls=required` (lettre's URL form); without it mail is kept in
    /// the outbox and shown by the development mailbox.
    pub smtp_url: Option<Secret>,
    /// The `From` of every email, `Name <address>`.
    pub mail_from: String,
    /// `NEXACRM_OPERATOR_EMAILS`: addresses (lower case) of the platform operators, who answer
    /// support messages at `/operator/support`. Set only here, never by sign-up.
    pub operator_emails: Vec<String>,
    /// `NEXACRM_USAGE_RETENTION_DAYS`: page visits, and the IP addresses of sessions, older than
    /// this many days are purged by the hourly job.
    pub usage_retention_days: u32,
    /// `NEXACRM_EXPORT_DIR`: where data downloads and workspace exports are built and kept until
    /// they expire (created when missing). Several servers must share it.
    pub export_dir: std::path::PathBuf,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            database_url: "sqlite://data/nexacrm.db?mode=rwc".into(),
            base_url: "http://127.0.0.1:3000".into(),
            session_idle: Duration::from_secs(30 * 60),
            session_absolute: Duration::from_secs(12 * 60 * 60),
            auth_ip_limit_per_minute: 30,
            account_failures_per_hour: 100,
            trust_proxy: false,
            body_limit_bytes: 2 * 1024 * 1024,
            import_limit_bytes: 512 * 1024 * 1024,
            environment: Environment::Development,
            smtp_url: None,
            mail_from: DEFAULT_MAIL_FROM.into(),
            operator_emails: Vec::new(),
            usage_retention_days: 90,
            export_dir: std::path::PathBuf::from(DEFAULT_EXPORT_DIR),
        }
    }
}

/// The comma-separated operator addresses, lower-cased; an entry that is not an address is an error.
fn parse_operator_emails(raw: &str) -> Result<Vec<String>, String> {
    raw.split(',')
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .map(|entry| {
            entry
                .parse::<lettre::Address>()
                .map(|_| entry.to_lowercase())
                .map_err(|_| format!("NEXACRM_OPERATOR_EMAILS must be comma-separated email addresses, not {entry:?}"))
        })
        .collect()
}

impl Config {
    /// Reads the environment; an unreadable value is an error naming the variable.
    pub fn from_env() -> Result<Self, String> {
        let mut config = Config::default();
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let number = |name: &str, default: u64| -> Result<u64, String> {
            match var(name) {
                Some(raw) => raw.trim().parse().map_err(|_| format!("{name} must be a whole number, not {raw:?}")),
                None => Ok(default),
            }
        };
        if let Some(url) = var("DATABASE_URL") {
            config.database_url = url;
        }
        if let Some(url) = var("NEXACRM_BASE_URL") {
            config.base_url = url.trim_end_matches('/').to_owned();
        }
        config.session_idle = Duration::from_secs(60 * number("NEXACRM_SESSION_IDLE_MINUTES", 30)?);
        config.session_absolute =
            Duration::from_secs(60 * 60 * number("NEXACRM_SESSION_ABSOLUTE_HOURS", 12)?);
        config.auth_ip_limit_per_minute =
            u32::try_from(number("NEXACRM_AUTH_IP_LIMIT_PER_MINUTE", 30)?).map_err(|e| e.to_string())?;
        config.account_failures_per_hour =
            u32::try_from(number("NEXACRM_ACCOUNT_FAILURES_PER_HOUR", 100)?).map_err(|e| e.to_string())?;
        config.trust_proxy = matches!(var("NEXACRM_TRUST_PROXY").as_deref(), Some("1" | "true" | "yes"));
        config.body_limit_bytes =
            usize::try_from(number("NEXACRM_BODY_LIMIT_BYTES", 2 * 1024 * 1024)?).map_err(|e| e.to_string())?;
        config.import_limit_bytes =
            usize::try_from(number("NEXACRM_IMPORT_LIMIT_MB", 512)?.saturating_mul(1024 * 1024)).map_err(|e| e.to_string())?;
        if let Some(raw) = var("NEXACRM_ENV") {
            config.environment =
                Environment::parse(&raw).ok_or_else(|| format!("NEXACRM_ENV must be development or production, not {raw:?}"))?;
        }
        if let Some(url) = var("NEXACRM_SMTP_URL") {
            // Checked now so a typo stops the start-up; the message never repeats the URL (a password).
            crate::ssr::mail::transport::check_smtp_url(url.trim()).map_err(|e| format!("NEXACRM_SMTP_URL cannot be used: {e}"))?;
            config.smtp_url = Some(Secret::new(url.trim()));
        }
        if let Some(from) = var("NEXACRM_MAIL_FROM") {
            from.trim()
                .parse::<lettre::message::Mailbox>()
                .map_err(|e| format!("NEXACRM_MAIL_FROM must be an address such as {DEFAULT_MAIL_FROM:?}: {e}"))?;
            config.mail_from = from.trim().to_owned();
        }
        if let Some(raw) = var("NEXACRM_OPERATOR_EMAILS") {
            config.operator_emails = parse_operator_emails(&raw)?;
        }
        if let Some(dir) = var("NEXACRM_EXPORT_DIR") {
            config.export_dir = std::path::PathBuf::from(dir.trim());
        }
        config.usage_retention_days =
            u32::try_from(number("NEXACRM_USAGE_RETENTION_DAYS", 90)?).map_err(|e| e.to_string())?;
        if config.usage_retention_days == 0 {
            return Err("NEXACRM_USAGE_RETENTION_DAYS must be at least 1".into());
        }
        if config.auth_ip_limit_per_minute == 0 || config.session_idle.is_zero() || config.session_absolute.is_zero() {
            return Err("limits and session lengths must be greater than zero".into());
        }
        Ok(config)
    }

    /// Whether the site is served over HTTPS (then cookies are `Secure` with the `__Host-` prefix).
    pub fn is_https(&self) -> bool {
        self.base_url.starts_with("https://")
    }

    /// Whether `email` belongs to a platform operator (compared without regard to case).
    pub fn is_operator(&self, email: &str) -> bool {
        let email = email.trim().to_lowercase();
        self.operator_emails.contains(&email)
    }

    /// How long usage data is kept, in milliseconds.
    pub fn usage_retention_ms(&self) -> i64 {
        i64::from(self.usage_retention_days) * 86_400_000
    }

    /// Whether development-only pages (the development mailbox) exist.
    pub fn is_development(&self) -> bool {
        self.environment == Environment::Development
    }
}
