//! Account deletion: the pending request, and the purge 30 days later.
