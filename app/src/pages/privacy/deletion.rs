//! Settings → Privacy → Delete my account, and the page a pending account signs in to.
