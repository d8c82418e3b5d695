//! Mails about exports: the archive is ready, or building it failed.
