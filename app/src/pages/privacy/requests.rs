//! Settings → Privacy: privacy requests, and the operator's list of them.
