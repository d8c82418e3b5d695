//! Rebuilds the app when a migration changes: `sqlx::migrate!` copies the migration files into
//! the binary at compile time, and cargo does not otherwise watch that folder.

fn main() {
    println!("cargo:rerun-if-changed=../migrations");
}
