//! The product's own legal texts, as structured data the pages render: the Privacy Policy (from
//! `app/content/privacy-policy.txt`) and the Terms of Service, each with a version.

pub mod privacy_policy;
pub mod terms;

/// The Privacy Policy's version: its "Last updated" date. Recorded with every acceptance.
pub const POLICY_VERSION: &str = "2026-06-10";
/// The Terms of Service's version: its "Last updated" date.
pub const TERMS_VERSION: &str = "2026-11-27";

/// One numbered section of a legal text.
pub struct Section {
    pub number: u8,
    pub title: &'static str,
    pub blocks: &'static [Block],
}

/// A piece of a section, in reading order.
pub enum Block {
    Paragraph(&'static str),
    /// A bulleted list; an item may start with a bold lead-in ("Session cookies:") given separately.
    Bullets(&'static [Bullet]),
    /// A table with a header row.
    Table { header: &'static [&'static str], rows: &'static [&'static [&'static str]] },
    /// Terms and their definitions (the rights in section 7).
    Definitions(&'static [(&'static str, &'static str)]),
}

pub struct Bullet {
    /// Bold lead-in, without its trailing colon or dash (empty when the item has none).
    pub lead: &'static str,
    pub text: &'static str,
}

/// A whole legal document.
pub struct Document {
    pub title: &'static str,
    pub last_updated: &'static str,
    pub intro: &'static str,
    pub sections: &'static [Section],
}

/// One published version of the Privacy Policy and what it changed.
pub struct PolicyVersion {
    /// Its "Last updated" date, `YYYY-MM-DD`.
    pub version: &'static str,
    pub changes: &'static [&'static str],
}

/// Every version, oldest first; the last is `POLICY_VERSION`.
pub const POLICY_HISTORY: &[PolicyVersion] =
    &[PolicyVersion { version: POLICY_VERSION, changes: &["The first published version of the policy."] }];
