//! Server tests: the real router on a loopback port, a fresh database per test, every test on
//! SQLite and on PostgreSQL (`NEXACRM_TEST_POSTGRES_URL` names a server whose user may create
//! databases; `scripts/test.sh` starts a throwaway one).

#![expect(clippy::unwrap_used, clippy::expect_used, reason = "a test stops at the first failure")]

mod helpers;
mod smtp_sink;

mod account;
mod accounts;
mod activities;
mod analytics;
mod companies;
mod concurrent_writes;
mod config;
mod consent;
mod contacts;
mod dashboard;
mod deals;
mod deletion;
mod demo;
mod emails;
mod exports;
mod imports;
mod invitations;
mod language;
mod leads;
mod list_exports;
mod list_orders;
mod mail;
mod migrations;
mod organising;
mod person_privacy;
mod privacy;
mod policy;
mod profile;
mod reset;
mod roles;
mod search;
mod security;
mod sessions;
mod support;
mod tenancy;
mod tickets;
mod trash;
mod workspace_deletion;
mod workspaces;
