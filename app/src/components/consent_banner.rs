//! The cookie and preferences banner.
