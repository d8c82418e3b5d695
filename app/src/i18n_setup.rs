//! The interface language: the generated `i18n` module (translations in `app/locales`, compiled
//! in by `build.rs` with leptos_i18n) and how a page's language is chosen.
//!
//! On the server the language comes from the language cookie (set from the banner, the user menu
//! or the account at sign-in), else from the browser's `Accept-Language`, else English. The server
//! writes it on `<html lang>`, and the browser starts from that, so hydration renders the same text.
//! Dates and numbers follow the language too (`format_number`, `dates::Zone::format_in`).

/// The code leptos_i18n generates from the translation files (lint exceptions are for its code).
#[allow(clippy::expect_used, clippy::new_ret_no_self)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));
}

pub use generated::i18n;
pub use i18n::{t, t_string, td_string, use_i18n, I18nContextProvider, Locale};
use leptos::prelude::*;

/// The languages offered, with their names in their own language.
pub const LANGUAGES: [(Locale, &str); 2] = [(Locale::en, "English"), (Locale::de, "Deutsch")];

/// A language from its code (`en`, `de`).
pub fn parse_language(raw: &str) -> Option<Locale> {
    raw.trim().parse().ok()
}

/// The language of the request being handled (server functions and server rendering).
#[cfg(feature = "ssr")]
pub fn request_locale() -> Locale {
    let accepted = use_context::<http::request::Parts>()
        .and_then(|p| p.headers.get(http::header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).map(str::to_owned))
        .unwrap_or_default();
    locale_from_headers(&crate::ssr::context::cookie_header(), &accepted)
}

/// The language a request's `Cookie` and `Accept-Language` headers ask for: the language cookie,
/// else the browser's choice, else English (also for plain routes outside Leptos).
pub fn locale_from_headers(cookies: &str, accept_language: &str) -> Locale {
    crate::domain::consent::cookie_value(cookies, crate::domain::consent::LANGUAGE_COOKIE)
        .and_then(parse_language)
        .or_else(|| from_accept_language(accept_language))
        .unwrap_or_default()
}

/// In the browser, the page's language (code shared with the server calls this).
#[cfg(not(feature = "ssr"))]
pub fn request_locale() -> Locale {
    current_locale()
}

/// The best language an `Accept-Language` header asks for, by weight then order (`de-DE,de;q=0.9,en;q=0.5` → German).
/// Parsed here rather than through leptos-use, whose reader sees no headers inside server functions.
pub fn from_accept_language(header: &str) -> Option<Locale> {
    let mut wanted: Vec<(u32, usize, Locale)> = header
        .split(',')
        .enumerate()
        .filter_map(|(order, entry)| {
            let mut parts = entry.split(';');
            let tag = parts.next()?.trim();
            let weight = parts.find_map(|p| p.trim().strip_prefix("q=")).and_then(|q| q.trim().parse::<f32>().ok()).unwrap_or(1.0);
            let primary = tag.split('-').next()?.to_ascii_lowercase();
            // Weights have at most three decimals (RFC 9110), so thousandths compare exactly.
            let weight = (weight.clamp(0.0, 1.0) * 1000.0).round() as u32;
            if weight == 0 {
                return None;
            }
            parse_language(&primary).map(|locale| (weight, order, locale))
        })
        .collect();
    wanted.sort_by_key(|&(weight, order, _)| (std::cmp::Reverse(weight), order));
    wanted.first().map(|&(_, _, locale)| locale)
}

/// The language this page is rendered in, read without subscribing (for formatting helpers).
pub fn current_locale() -> Locale {
    use_context::<leptos_i18n::I18nContext<Locale>>().map(|i18n| i18n.get_locale_untracked()).unwrap_or_default()
}

/// The language context around the whole app, starting from the request's language (on the
/// server) or the one the server rendered (in the browser).
#[component]
pub fn LanguageProvider(children: Children) -> impl IntoView {
    view! {
        <I18nContextProvider set_lang_attr_on_html=false set_dir_attr_on_html=false>
            {
                #[cfg(feature = "ssr")]
                use_i18n().set_locale_untracked(request_locale());
                children()
            }
        </I18nContextProvider>
    }
}

/// `12345678` → `12,345,678` in English, `12.345.678` in German.
pub fn format_number(value: i64, locale: Locale) -> String {
    let digits = value.unsigned_abs().to_string();
    let grouped = digits
        .as_bytes()
        .rchunks(3)
        .rev()
        .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
        .collect::<Vec<_>>()
        .join(group_separator(locale));
    if value < 0 { format!("-{grouped}") } else { grouped }
}

/// The thousands separator.
pub fn group_separator(locale: Locale) -> &'static str {
    match locale {
        Locale::en => ",",
        Locale::de => ".",
    }
}

/// The decimal mark.
pub fn decimal_mark(locale: Locale) -> &'static str {
    match locale {
        Locale::en => ".",
        Locale::de => ",",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_group_by_language() {
        assert_eq!(format_number(12_345_678, Locale::en), "12,345,678");
        assert_eq!(format_number(12_345_678, Locale::de), "12.345.678");
        assert_eq!(format_number(-1_000, Locale::de), "-1.000");
        assert_eq!(format_number(999, Locale::en), "999");
    }

    /// Every key of every namespace, as `namespace.path.to.key`, with the `{{ variables }}` its text uses.
    fn keys_of(language: &str) -> std::collections::BTreeMap<String, Vec<String>> {
        fn walk(prefix: &str, value: &serde_json::Value, out: &mut std::collections::BTreeMap<String, Vec<String>>) {
            match value {
                serde_json::Value::Object(map) => map.iter().for_each(|(k, v)| walk(&format!("{prefix}.{k}"), v, out)),
                serde_json::Value::String(text) => {
                    let mut vars: Vec<String> = text.split("{{").skip(1).filter_map(|rest| rest.split_once("}}")).map(|(v, _)| v.trim().to_owned()).collect();
                    vars.sort();
                    out.insert(prefix.to_owned(), vars);
                }
                other => panic!("{prefix}: not text: {other}"),
            }
        }
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales").join(language);
        let mut keys = std::collections::BTreeMap::new();
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.map(|e| e.path()).unwrap_or_default();
            let namespace = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let json: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            walk(&namespace, &json, &mut keys);
        }
        keys
    }

    #[test]
    fn german_has_every_english_key_with_the_same_variables() {
        let (english, german) = (keys_of("en"), keys_of("de"));
        let missing: Vec<&String> = english.keys().filter(|k| !german.contains_key(*k)).collect();
        let extra: Vec<&String> = german.keys().filter(|k| !english.contains_key(*k)).collect();
        assert!(missing.is_empty() && extra.is_empty(), "missing in German: {missing:?}; only in German: {extra:?}");
        for (key, vars) in &english {
            assert_eq!(Some(vars), german.get(key), "{key} uses other variables in German");
        }
        assert!(english.len() > 500, "the whole interface is translated ({} keys)", english.len());
    }

    #[test]
    fn accept_language_picks_the_heaviest_supported_language() {
        assert_eq!(from_accept_language("de-DE,de;q=0.9,en;q=0.5"), Some(Locale::de));
        assert_eq!(from_accept_language("fr-FR, en;q=0.4, de;q=0.8"), Some(Locale::de));
        assert_eq!(from_accept_language("en-GB,de"), Some(Locale::en));
        assert_eq!(from_accept_language("de;q=0, fr"), None);
        assert_eq!(from_accept_language(""), None);
        assert_eq!(from_accept_language(";;,q=;"), None);
    }

    #[test]
    fn languages_parse_from_their_codes() {
        assert_eq!(parse_language("de"), Some(Locale::de));
        assert_eq!(parse_language(" en "), Some(Locale::en));
        assert_eq!(parse_language("fr"), None);
    }
}
