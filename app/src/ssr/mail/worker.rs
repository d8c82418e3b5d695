//! One pass of the mail worker: give up on deliveries a stopped worker left half-done, then claim
//! each due mail, send it, and record the outcome — sent, retried later with exponential backoff,
//! or failed. Without SMTP the queue is marked kept instead. The server runs a pass every few
//! seconds and when woken after an enqueue; every pass is safe to run on several servers at once.

use super::transport::{Mailer, SendError};
use crate::ssr::db::mail as outbox;
use crate::ssr::AppState;

/// A mail still `sending` this long after its claim was left by a worker that stopped.
pub const LEASE_MS: i64 = 10 * 60_000;
/// Attempts before a mail that keeps failing is given up.
pub const MAX_ATTEMPTS: i64 = 8;
/// The wait before the first retry; each further retry waits twice as long.
pub const FIRST_RETRY_MS: i64 = 60_000;
/// Mail claimed per pass; the rest waits for the next one.
const BATCH: i64 = 50;

/// The wait after the `attempts`-th failed attempt: 1 minute, then 2, 4, 8… (capped at 2^10 minutes).
pub fn retry_delay_ms(attempts: i64) -> i64 {
    let doublings = u32::try_from(attempts.saturating_sub(1).clamp(0, 10)).unwrap_or(10);
    FIRST_RETRY_MS.saturating_mul(1_i64 << doublings)
}

/// What a pass did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pass {
    pub sent: u64,
    pub retried: u64,
    pub failed: u64,
    /// Queued mail marked kept (no SMTP).
    pub kept: u64,
    /// Claims that outlived their lease, marked failed without another attempt.
    pub interrupted: u64,
}

/// One pass over the outbox at the state's clock.
pub async fn run_once(state: &AppState, mailer: &Mailer) -> Result<Pass, sqlx::Error> {
    let pool = &state.db.pool;
    let now_ms = state.clock.now_ms();
    let mut pass = Pass { interrupted: outbox::fail_interrupted(pool, now_ms - LEASE_MS, now_ms).await?, ..Pass::default() };
    if pass.interrupted > 0 {
        tracing::warn!(count = pass.interrupted, "mail left mid-delivery by a stopped worker was marked failed, not resent (it may have gone out)");
    }
    if matches!(mailer, Mailer::Keep) {
        pass.kept = outbox::keep_queued(pool, now_ms).await?;
        if pass.kept > 0 {
            if state.config.is_development() {
                tracing::info!(count = pass.kept, "no NEXACRM_SMTP_URL: mail kept in the outbox; read it at {}/dev/mailbox", state.config.base_url);
            } else {
                tracing::warn!(count = pass.kept, "no NEXACRM_SMTP_URL: mail kept in the outbox, not delivered");
            }
        }
        return Ok(pass);
    }
    for id in outbox::due(pool, now_ms, BATCH).await? {
        let Some(row) = outbox::claim(pool, &id, now_ms).await? else { continue };
        match mailer.send(&row).await {
            Ok(()) => {
                outbox::mark_sent(pool, &id, state.clock.now_ms()).await?;
                pass.sent += 1;
            }
            Err(SendError::Transient(error)) if row.attempts < MAX_ATTEMPTS => {
                let next = state.clock.now_ms() + retry_delay_ms(row.attempts);
                tracing::warn!(mail = %id, attempts = row.attempts, "mail delivery failed; retrying later: {error}");
                outbox::schedule_retry(pool, &id, next, &error, state.clock.now_ms()).await?;
                pass.retried += 1;
            }
            Err(error) => {
                tracing::error!(mail = %id, attempts = row.attempts, "mail delivery failed for good: {error}");
                outbox::mark_failed(pool, &id, &error.to_string(), state.clock.now_ms()).await?;
                pass.failed += 1;
            }
        }
    }
    Ok(pass)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_exponentially_from_a_minute() {
        let minutes: Vec<i64> = (1..=8).map(|n| retry_delay_ms(n) / 60_000).collect();
        assert_eq!(minutes, [1, 2, 4, 8, 16, 32, 64, 128]);
        assert_eq!(retry_delay_ms(0), FIRST_RETRY_MS);
        assert_eq!(retry_delay_ms(100), FIRST_RETRY_MS * 1024);
    }
}
