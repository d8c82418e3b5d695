//! The person's choices and requests: objection to usage data, marketing email, privacy requests.
