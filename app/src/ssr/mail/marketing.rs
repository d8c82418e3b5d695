//! Marketing mail (product news) with a one-click unsubscribe link.
