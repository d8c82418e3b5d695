//! Mails about an account's deletion: requested, reminders, done.
