//! Server tests: the real router on a loopback port, a fresh database per test, every test on
//! SQLite and on PostgreSQL (`NEXACRM_TEST_POSTGRES_URL` names a server whose user may create
//! databases; `scripts/test.sh` starts a throwaway one).

#![expect(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first failure")]

mod helpers;

mod accounts;
mod companies;
mod config;
mod contacts;
mod deals;
mod migrations;
mod security;
mod sessions;
mod tenancy;
mod trash;
mod workspaces;
