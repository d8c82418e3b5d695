//! Cookie categories, the consent cookie's format and the theme.
