//! The database: one pool for SQLite or PostgreSQL, chosen by the URL, with the same query text
//! for both (`$N` parameters, portable types). Repository functions live in one file per domain.
//! A transaction that writes begins with [`Db::begin_write`] (or [`begin_write_on`]), which on
//! SQLite takes the write lock first, so it waits behind another writer instead of failing.

pub mod accounts;
pub mod activities;
pub mod analytics;
pub mod communications;
pub mod companies;
pub mod consents;
pub mod contacts;
pub mod dashboard;
pub mod deals;
pub mod deletion;
pub mod email_changes;
pub mod emails;
pub mod events;
pub mod exports;
pub mod leads;
pub mod list_pages;
pub mod listing;
pub mod mail;
pub mod marketing;
pub mod imports;
pub mod invitations;
pub mod members;
pub mod notes;
pub mod params;
pub mod person_erasure;
pub mod person_privacy;
pub mod policy_versions;
pub mod privacy_requests;
pub mod profiles;
pub mod resets;
pub mod search;
pub mod sessions;
pub mod statistics;
pub mod suppression;
pub mod tags;
pub mod tickets;
pub mod trash;
pub mod usage;
pub mod workspace_deletion;
pub mod workspaces;

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::AnyPool;

/// Which database the pool talks to; the place to pick a dialect-specific query when one is needed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    /// The dialect of a connection (from its driver's name).
    pub fn of(conn: &sqlx::AnyConnection) -> Dialect {
        if conn.backend_name() == "PostgreSQL" { Dialect::Postgres } else { Dialect::Sqlite }
    }

    /// How a transaction that is going to write begins: on SQLite it takes the write lock at
    /// once, waiting up to `busy_timeout` behind another writer. A plain (deferred) SQLite
    /// transaction that reads first cannot take the lock once another writer has committed
    /// since its read: SQLite answers `SQLITE_BUSY_SNAPSHOT` at once, without waiting.
    fn begin_write(self) -> &'static str {
        match self {
            Dialect::Sqlite => "BEGIN IMMEDIATE",
            Dialect::Postgres => "BEGIN",
        }
    }
}

/// Begins a transaction that is going to write, on a connection the caller holds (see
/// [`Db::begin_write`]).
pub async fn begin_write_on(conn: &mut sqlx::AnyConnection) -> Result<sqlx::Transaction<'_, sqlx::Any>, sqlx::Error> {
    use sqlx::Connection as _;
    let statement = Dialect::of(conn).begin_write();
    conn.begin_with(statement).await
}

#[derive(Clone, Debug)]
pub struct Db {
    pub pool: AnyPool,
    pub dialect: Dialect,
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/postgres");

impl Db {
    /// Begins a transaction that is going to write. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`), so a save made while another one writes waits its turn instead of
    /// failing when it comes to write.
    pub async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
        self.pool.begin_with(self.dialect.begin_write()).await
    }

    /// Connects, creating the SQLite file (and its folder) when missing, and applies migrations.
    pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
        install_default_drivers();
        let dialect = if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Dialect::Postgres
        } else if url.starts_with("sqlite:") {
            Dialect::Sqlite
        } else {
            return Err(sqlx::Error::Configuration(
                "DATABASE_URL must start with sqlite: or postgres:".into(),
            ));
        };
        let pool = match dialect {
            Dialect::Sqlite => {
                create_sqlite_folder(url)?;
                AnyPoolOptions::new()
                    .max_connections(8)
                    .after_connect(|conn, _meta| {
                        Box::pin(async move {
                            use sqlx::Executor;
                            // secure_delete: erased and purged personal data is overwritten
                            // with zeros, not left readable in the file's free pages.
                            // wal_autocheckpoint: the write-ahead log is copied back into the
                            // file (with a disk flush) every 40 MB instead of every 4 MB; a large
                            // import spent a fifth of its time in those flushes.
                            conn.execute(
                                "pragma journal_mode = wal; pragma foreign_keys = on; \
                                 pragma busy_timeout = 5000; pragma synchronous = normal; \
                                 pragma secure_delete = on; pragma wal_autocheckpoint = 10000;",
                            )
                            .await?;
                            Ok(())
                        })
                    })
                    .connect(url)
                    .await?
            }
            Dialect::Postgres => AnyPoolOptions::new()
                .max_connections(16)
                .after_connect(|conn, _meta| {
                    Box::pin(async move {
                        use sqlx::Executor;
                        // A synchronized scan starts wherever another scan of the table is, so a
                        // `limit` without an order (search's candidates) read different rows each
                        // time, and up to the whole table when the matches lay behind that point
                        // (200 ms for "gmbh" at a million contacts). From the first block, the
                        // rows and the cost are the same every time.
                        conn.execute("set synchronize_seqscans = off").await?;
                        Ok(())
                    })
                })
                .connect(url)
                .await?,
        };
        let db = Db { pool, dialect };
        db.migrate().await?;
        Ok(db)
    }

    async fn migrate(&self) -> Result<(), sqlx::Error> {
        let migrator = match self.dialect {
            Dialect::Sqlite => &SQLITE_MIGRATIONS,
            Dialect::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator.run(&self.pool).await.map_err(|e| sqlx::Error::Migrate(Box::new(e)))
    }

    /// Gives SQLite's planner statistics for tables that have none, or whose size has changed
    /// much since (`statistics`). Without them it guesses that `workspace_id = ?` matches a
    /// handful of rows and, for one, runs a full-text search once per document. Cheap when the
    /// statistics are current; the server's jobs call it at start-up and every hour.
    /// PostgreSQL's autovacuum does this by itself.
    pub async fn optimize(&self) -> Result<(), sqlx::Error> {
        if self.dialect == Dialect::Sqlite {
            let mut conn = self.pool.acquire().await?;
            statistics::gather(&mut conn, statistics::Scope::Stale).await?;
        }
        Ok(())
    }

    pub fn dialect_name(&self) -> &'static str {
        match self.dialect {
            Dialect::Sqlite => "SQLite",
            Dialect::Postgres => "PostgreSQL",
        }
    }

    /// Answers whether the database can run a query now.
    pub async fn is_reachable(&self) -> bool {
        sqlx::query("select 1").execute(&self.pool).await.is_ok()
    }
}

/// `sqlite://data/nexacrm.db?mode=rwc` → make sure `data/` exists.
fn create_sqlite_folder(url: &str) -> Result<(), sqlx::Error> {
    let path = url.trim_start_matches("sqlite:").trim_start_matches("//");
    let path = path.split('?').next().unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        return Ok(());
    }
    if let Some(parent) = std::path::Path::new(path).parent() {
        if !parent.as_os_str().is_empty() {
            std::fs::create_dir_all(parent).map_err(sqlx::Error::Io)?;
        }
    }
    Ok(())
}

/// A new UUIDv7 as text: time-ordered, so indexes stay compact.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// Whether `error` is a unique-constraint violation on the named index.
pub fn is_unique_violation(error: &sqlx::Error, index: &str) -> bool {
    match error {
        sqlx::Error::Database(db) => {
            let unique = db.is_unique_violation();
            let names_it = db.constraint() == Some(index) || db.message().contains(index)
                // SQLite names the columns, not the index: "UNIQUE constraint failed: users.email".
                || db.message().contains("UNIQUE constraint failed");
            unique && names_it
        }
        _ => false,
    }
}
