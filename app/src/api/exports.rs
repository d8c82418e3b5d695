//! Download my data and the workspace export: request one, follow its progress, list the ready archives.
