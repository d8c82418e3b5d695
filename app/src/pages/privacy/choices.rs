//! Settings → Privacy: objection to usage data and marketing email.
