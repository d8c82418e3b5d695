//! The `data_exports` table: export jobs, their progress and their archives.
