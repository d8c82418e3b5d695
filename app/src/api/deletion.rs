//! Deleting an account: ask (password), see the pending state, cancel.
