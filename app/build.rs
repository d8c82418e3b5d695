//! Compiles the translations in `locales/<language>/<namespace>.json` into the `i18n` module
//! (leptos_i18n): English is the default and the fallback for any key German lacks.

use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};
use std::error::Error;
use std::path::PathBuf;

/// One file per area of the interface, so each stays short.
const NAMESPACES: [&str; 11] = ["common", "auth", "workspace", "settings", "records", "work", "privacy", "errors", "consent", "members", "imports"];

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    // `sqlx::migrate!` embeds the migrations, and on stable Rust cannot ask to be rebuilt when one
    // is added: without this a new migration file went unnoticed until other code changed.
    println!("cargo::rerun-if-changed=../migrations");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?).join("i18n");
    // `interpolate_display`: `t_string!`/`td_string!` also fill in `{{ placeholders }}`.
    let options = ParseOptions::new().interpolate_display(true);
    let config = Config::new("en")?.add_locale("de")?.add_namespaces(NAMESPACES)?.parse_options(options);
    let translations = TranslationsInfos::parse(config)?;
    translations.emit_diagnostics();
    translations.rerun_if_locales_changed();
    translations.generate_i18n_module(out_dir)?;
    Ok(())
}
