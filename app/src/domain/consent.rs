//! Cookie categories, the consent cookie's format and the theme.
//!
//! Essential cookies (the session) are always on. Two categories need the visitor's agreement:
//! preferences (theme and language kept for 182 days) and analytics (anonymised usage counts).
//! The choice lives in a first-party cookie, `nexacrm_consent`, readable by the page (it holds
//! nothing secret): `<consent id>.<policy version>.<p><a>` with `1`/`0` flags, e.g.
//! `0f3c…9a.2026-06-10.10`. The same choice is written to the server's consent log.

use serde::{Deserialize, Serialize};

/// The consent cookie's name.
pub const CONSENT_COOKIE: &str = "nexacrm_consent";
/// The theme cookie's name: a preference cookie with the consent, a session cookie without it.
pub const THEME_COOKIE: &str = "nexacrm_theme";
/// The interface language's cookie: kept like the theme's.
pub const LANGUAGE_COOKIE: &str = "nexacrm_language";
/// How long the consent and preference cookies last (six months).
pub const COOKIE_MAX_AGE_SECS: u64 = 182 * 24 * 60 * 60;

/// The categories a visitor granted (essential is implied).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Categories {
    pub preferences: bool,
    pub analytics: bool,
}

impl Categories {
    pub const ALL: Categories = Categories { preferences: true, analytics: true };
    pub const ESSENTIAL_ONLY: Categories = Categories { preferences: false, analytics: false };
}

/// What the consent cookie says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentCookie {
    /// Random, per browser; ties the log's rows together.
    pub id: String,
    /// The Privacy Policy version the choice was made under.
    pub policy_version: String,
    pub granted: Categories,
}

impl ConsentCookie {
    /// Reads a cookie value; anything malformed counts as no choice at all.
    pub fn parse(value: &str) -> Option<ConsentCookie> {
        let mut parts = value.split('.');
        let (id, version, flags) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some()
            || id.is_empty()
            || id.len() > 64
            || !id.chars().all(|c| c.is_ascii_alphanumeric())
            || version.is_empty()
            || version.len() > 32
            || !version.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            return None;
        }
        let flag = |c: u8| match c {
            b'1' => Some(true),
            b'0' => Some(false),
            _ => None,
        };
        let granted = match flags.as_bytes() {
            [p, a] => Categories { preferences: flag(*p)?, analytics: flag(*a)? },
            _ => return None,
        };
        Some(ConsentCookie { id: id.to_owned(), policy_version: version.to_owned(), granted })
    }

    /// The cookie's value.
    pub fn value(&self) -> String {
        let flag = |b: bool| if b { '1' } else { '0' };
        format!("{}.{}.{}{}", self.id, self.policy_version, flag(self.granted.preferences), flag(self.granted.analytics))
    }

    /// The value of the named cookie in a `Cookie` header (`a=1; b=2`), if present.
    pub fn from_cookie_header(header: &str) -> Option<ConsentCookie> {
        cookie_value(header, CONSENT_COOKIE).and_then(ConsentCookie::parse)
    }
}

/// The value of one cookie in a `Cookie` header or `document.cookie` string.
pub fn cookie_value<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(';').map(str::trim).find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        (key.trim() == name).then_some(value.trim())
    })
}

/// Light, dark, or whatever the system says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Theme {
    Light,
    Dark,
    #[default]
    System,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::System => "system",
        }
    }

    pub fn parse(raw: &str) -> Option<Theme> {
        match raw.trim() {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            "system" => Some(Theme::System),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Theme::Light => "Light",
            Theme::Dark => "Dark",
            Theme::System => "Same as my system",
        }
    }

    /// The theme a `Cookie` header asks for; the system's when there is none.
    pub fn from_cookie_header(header: &str) -> Theme {
        cookie_value(header, THEME_COOKIE).and_then(Theme::parse).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cookie_value_reads_back_as_written() {
        let cookie = ConsentCookie {
            id: "0f3c9a".into(),
            policy_version: "2026-06-10".into(),
            granted: Categories { preferences: true, analytics: false },
        };
        assert_eq!(cookie.value(), "0f3c9a.2026-06-10.10");
        assert_eq!(ConsentCookie::parse(&cookie.value()), Some(cookie));
    }

    #[test]
    fn malformed_values_count_as_no_choice() {
        for bad in ["", "abc", "a.b", "a.2026.1", "a.2026.12", "a.2026.11.x", "a b.2026.11", ".2026.11", "a..11", "a.2026-06-10.1x"] {
            assert_eq!(ConsentCookie::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn cookies_are_found_among_others() {
        let header = "other=1; nexacrm_consent=ab12.2026-06-10.01; nexacrm_theme=dark";
        assert_eq!(ConsentCookie::from_cookie_header(header).map(|c| c.granted), Some(Categories { preferences: false, analytics: true }));
        assert_eq!(Theme::from_cookie_header(header), Theme::Dark);
        assert_eq!(Theme::from_cookie_header("nexacrm_theme=purple"), Theme::System);
        assert_eq!(Theme::from_cookie_header(""), Theme::System);
    }
}
