//! Settings → Privacy → Download my data.
