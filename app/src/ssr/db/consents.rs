//! The consent log.
