//! The suppression list: the email addresses of people erased from a workspace's CRM, kept only
//! as a SHA-256 of the lower-cased, trimmed address, per workspace. Creating or changing a
//! contact or lead, converting a lead, writing or sending a draft, and imports (issue 6) ask
//! `is_suppressed` before an address goes in. Another workspace's list never applies.

use sha2::{Digest, Sha256};
use sqlx::AnyConnection;

/// The hex SHA-256 of `email` lower-cased and trimmed: what the list keeps of an address.
pub fn email_hash(email: &str) -> String {
    hex::encode(Sha256::digest(email.trim().to_lowercase().as_bytes()))
}

/// Whether `email` (any case, surrounding spaces ignored) was erased from this workspace. An
/// empty address is never suppressed.
pub async fn is_suppressed(conn: &mut AnyConnection, workspace_id: &str, email: &str) -> Result<bool, sqlx::Error> {
    if email.trim().is_empty() {
        return Ok(false);
    }
    let row: Option<(String,)> = sqlx::query_as("select email_hash from email_suppressions where workspace_id = $1 and email_hash = $2")
        .bind(workspace_id)
        .bind(email_hash(email))
        .fetch_optional(conn)
        .await?;
    Ok(row.is_some())
}

/// Adds `email` to this workspace's list (once: an address erased twice keeps its first row).
pub async fn suppress(conn: &mut AnyConnection, workspace_id: &str, email: &str, erased_by: &str, now_ms: i64) -> Result<(), sqlx::Error> {
    if email.trim().is_empty() {
        return Ok(());
    }
    sqlx::query(
        "insert into email_suppressions (workspace_id, email_hash, erased_at, erased_by) values ($1, $2, $3, $4) \
         on conflict (workspace_id, email_hash) do nothing",
    )
    .bind(workspace_id)
    .bind(email_hash(email))
    .bind(now_ms)
    .bind(erased_by)
    .execute(conn)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_ignores_case_and_surrounding_spaces() {
        assert_eq!(email_hash("  Grace.Hopper@Navy.Example "), email_hash("grace.hopper@navy.example"));
        // `printf grace@navy.example | sha256sum`
        assert_eq!(email_hash("grace@navy.example"), "743cde8af006a876d07b425dc166a1da5bb3a3aeb589bdab06837bb3f69e00bd");
        assert_ne!(email_hash("grace@navy.example"), email_hash("grace@navy.example.org"));
    }
}
