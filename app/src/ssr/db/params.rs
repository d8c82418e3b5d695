//! Parameter markers for statements whose number of parameters depends on the rows they write
//! or ask for (the multi-row inserts and `in (…)` lists of imports and contact channels).
//! Written by hand because sqlx's `QueryBuilder` does not produce the markers the `Any` driver
//! needs on both databases.

use super::Dialect;

/// Writes a statement's parameter markers in order: `$1, $2, …` on PostgreSQL, `?` on SQLite.
/// sqlx's SQLite driver asks SQLite the name of every numbered parameter, which SQLite finds by
/// walking a list: quadratic in their number, and three quarters of a 500-row batch's time.
/// Anonymous `?` are bound in order without that lookup.
pub struct Params {
    dialect: Dialect,
    count: usize,
}

impl Params {
    pub fn new(dialect: Dialect) -> Params {
        Params { dialect, count: 0 }
    }

    /// The next parameter's marker.
    pub fn marker(&mut self) -> String {
        self.count += 1;
        match self.dialect {
            Dialect::Sqlite => "?".to_owned(),
            Dialect::Postgres => format!("${}", self.count),
        }
    }

    /// `a, b, …` for `count` parameters.
    pub fn list(&mut self, count: usize) -> String {
        (0..count).map(|_| self.marker()).collect::<Vec<_>>().join(", ")
    }

    /// `(a, b, …), (c, …)` for `rows` rows of `width` parameters each.
    pub fn tuples(&mut self, rows: usize, width: usize) -> String {
        (0..rows).map(|_| format!("({})", self.list(width))).collect::<Vec<_>>().join(", ")
    }
}
