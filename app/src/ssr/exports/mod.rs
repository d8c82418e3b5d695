//! Building export archives in the background: a ZIP with JSON (lossless) and CSV (formula-escaped).
