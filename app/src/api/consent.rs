//! The cookie and preferences banner's choices, the theme and the consent log.
