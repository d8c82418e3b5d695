//! Deleting a whole workspace the way an account is deleted: the owner asks with their password
//! and the workspace's name, the workspace is deleted for good 30 days later, every member is
//! told by mail when it is asked, 7 days and 1 day before, if it is cancelled and when it is done.
//!
//! Until the day the workspace works as usual (a banner on every page says when it goes), so
//! members can download their data and admins can export the workspace; the owner can cancel.
//! The hourly job (`ssr::run_job`) sends the reminders and deletes workspaces whose day has come.

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::i18n_setup::{request_locale, td_string};
use leptos::prelude::*;

/// Schedules the workspace's deletion in 30 days (the owner, with their password and the
/// workspace's name typed as confirmation), and tells every member.
#[server(endpoint = "workspace/request-deletion")]
pub async fn request_workspace_deletion(slug: String, password: String, confirm: String) -> Result<(), AppError> {
    use crate::ssr::db::deletion::{DAY_MS, PENDING_DAYS};
    use crate::ssr::mail::{self, workspace_deletion as mails};
    use crate::ssr::{access, db};
    let locale = request_locale();
    let (state, member) = access::member(&slug).await?;
    member.require_owner()?;
    super::auth::check_ip_limit(&state)?;
    let (name, _) = db::members::settings(&state.db.pool, &member.workspace_id).await?;
    let mut fields = crate::error::FieldErrors::new();
    if confirm.trim() != name.trim() {
        fields.insert("confirm".into(), td_string!(locale, members.delete.confirm_mismatch, name = name.clone()).to_string());
    }
    if password.is_empty() {
        fields.insert("password".into(), td_string!(locale, members.delete.password_missing).into());
    } else {
        let email = crate::ssr::context::require_session()?.email;
        let credentials = db::accounts::credentials_by_email(&state.db.pool, &email).await?.ok_or(AppError::Unauthenticated)?;
        if !state.hasher.verify(password, Some(credentials.password_hash)).await.map_err(AppError::internal)? {
            fields.insert("password".into(), td_string!(locale, members.delete.password_wrong).into());
        }
    }
    if !fields.is_empty() {
        return Err(AppError::Validation { fields });
    }
    let now_ms = state.clock.now_ms();
    let due_at = now_ms + PENDING_DAYS * DAY_MS;
    let mut tx = state.db.begin_write().await?;
    if !db::workspace_deletion::schedule(&mut tx, &member.workspace_id, now_ms, due_at).await? {
        return Err(AppError::Conflict { message: td_string!(locale, members.delete.already_scheduled).into() });
    }
    let url = ssr::workspace_url(&state, &slug);
    ssr::tell_members(&mut tx, &member.workspace_id, now_ms, |to| mails::requested(to, &name, due_at, &url)).await?;
    tx.commit().await?;
    mail::wake(&state);
    Ok(())
}

/// Takes the workspace off the deletion schedule (the owner) and tells every member.
#[server(endpoint = "workspace/cancel-deletion")]
pub async fn cancel_workspace_deletion(slug: String) -> Result<(), AppError> {
    use crate::ssr::mail::{self, workspace_deletion as mails};
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    member.require_owner()?;
    let (name, _) = db::members::settings(&state.db.pool, &member.workspace_id).await?;
    let now_ms = state.clock.now_ms();
    let mut tx = state.db.begin_write().await?;
    if !db::workspace_deletion::cancel(&mut tx, &member.workspace_id).await? {
        return Err(AppError::Conflict { message: td_string!(request_locale(), members.delete.not_scheduled).into() });
    }
    let url = ssr::workspace_url(&state, &slug);
    ssr::tell_members(&mut tx, &member.workspace_id, now_ms, |to| mails::cancelled(to, &name, &url)).await?;
    tx.commit().await?;
    mail::wake(&state);
    Ok(())
}

#[cfg(feature = "ssr")]
pub mod ssr {
    //! Mails to the members and the hourly pass.

    use crate::ssr::db::{self, workspace_deletion as rows};
    use crate::ssr::mail::{self, workspace_deletion as mails, MailKind, MailMeta, Message};
    use crate::ssr::AppState;
    use lettre::message::Mailbox;
    use sqlx::AnyConnection;

    pub fn workspace_url(state: &AppState, slug: &str) -> String {
        format!("{}/w/{slug}", state.config.base_url.trim_end_matches('/'))
    }

    /// Queues one mail per member. They carry no workspace id, so the last one outlives the workspace.
    pub async fn tell_members(
        conn: &mut AnyConnection,
        workspace_id: &str,
        now_ms: i64,
        message: impl Fn(Mailbox) -> Message,
    ) -> Result<(), sqlx::Error> {
        for member in rows::members(conn, workspace_id).await? {
            if let Ok(to) = mail::mailbox(&member.full_name, &member.email) {
                let meta = MailMeta { workspace_id: None, kind: MailKind::WorkspaceDeletion, reference_id: None };
                mail::enqueue(conn, &message(to), meta, now_ms).await?;
            }
        }
        Ok(())
    }

    /// What one pass of the job did.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct JobPass {
        pub reminded: u64,
        pub deleted: u64,
    }

    /// One pass: the reminders that are due (each once, recorded with its mails in one
    /// transaction), then every workspace whose day has come, deleted with its last mails.
    /// Idempotent; a failure with one workspace is logged and the others go on.
    pub async fn run_job(state: &AppState) -> Result<JobPass, sqlx::Error> {
        let now_ms = state.clock.now_ms();
        let mut pass = JobPass::default();
        // The last reminder first: a workspace past both only gets that one.
        for days in [1, 7] {
            for due in rows::reminders_due(&state.db.pool, days, now_ms).await? {
                let mut tx = state.db.begin_write().await?;
                if !rows::mark_reminded(&mut tx, &due.id, days).await? {
                    continue;
                }
                let url = workspace_url(state, &due.slug);
                tell_members(&mut tx, &due.id, now_ms, |to| mails::reminder(to, &due.name, due.deletion_due_at, days, &url)).await?;
                tx.commit().await?;
                pass.reminded += 1;
            }
        }
        for due in rows::due_for_purge(&state.db.pool, now_ms).await? {
            match delete_one(state, &due, now_ms).await {
                Ok(()) => pass.deleted += 1,
                Err(error) => tracing::error!("deleting a workspace whose day had come failed (retried next pass): {error}"),
            }
        }
        if pass.reminded + pass.deleted > 0 {
            mail::wake(state);
        }
        Ok(pass)
    }

    async fn delete_one(state: &AppState, due: &rows::ScheduledRow, now_ms: i64) -> Result<(), sqlx::Error> {
        let mut tx = state.db.begin_write().await?;
        tell_members(&mut tx, &due.id, now_ms, |to| mails::deleted(to, &due.name)).await?;
        db::members::delete_workspace(&mut tx, &due.id).await?;
        tx.commit().await
    }
}
