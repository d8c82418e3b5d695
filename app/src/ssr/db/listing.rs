//! What the record lists share: the SQL of each sort order and its keyset condition ("rows after
//! this cursor"), so every page is an index range scan however deep it is.

/// `column = $n` when the filter is used, else `$n = ''` (the parameter is still bound): a filter
/// written as `($n = '' or column = $n)` would keep SQLite from using the column's index.
pub fn eq_or_any(column: &str, param: u8, value: Option<&str>) -> String {
    if value.is_some_and(|v| !v.is_empty()) { format!("{column} = ${param}") } else { format!("${param} = ''") }
}

/// `column >= $n` when a lower bound is given (non-zero), else `$n = 0`, for the same reason.
pub fn at_least(column: &str, param: u8, value: i64) -> String {
    if value != 0 { format!("{column} >= ${param}") } else { format!("${param} = 0") }
}

/// `column >= $lo and column < $hi` when a name prefix is typed, else `$lo = '' and $hi <> ''`.
/// An always-true range must not be written: SQLite's STAT4 samples then judge that it matches
/// every row and the planner may leave the list's index for a full scan and sort.
pub fn prefix_range(column: &str, low: u8, high: u8, prefix: &str) -> String {
    if prefix.is_empty() { format!("${low} = '' and ${high} <> ''") } else { format!("{column} >= ${low} and {column} < ${high}") }
}

/// Only the rows `user` owns or is assigned to (any of `columns` equal to `$n`) when the caller's
/// reads are limited, else `$n = ''`.
pub fn visible_to(columns: &[&str], param: u8, user: Option<&str>) -> String {
    if user.is_some() {
        let any: Vec<String> = columns.iter().map(|c| format!("{c} = ${param}")).collect();
        format!("({})", any.join(" or "))
    } else {
        format!("${param} = ''")
    }
}

/// A cursor's sort key, typed for binding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CursorKey {
    Text(String),
    Int(i64),
}

/// The SQL of the value a list is sorted by: text, or an integer (times, and the ordinal of a
/// status or priority).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SortExpr {
    Text(String),
    Int(String),
}

impl SortExpr {
    fn sql(&self) -> &str {
        match self {
            SortExpr::Text(sql) | SortExpr::Int(sql) => sql,
        }
    }

    /// A lower-cased text column, empty when null.
    pub fn text(column: &str) -> Self {
        SortExpr::Text(format!("coalesce(lower({column}), '')"))
    }
}

/// A status or priority column in its declared order: `case column when 'a' then 0 … end`.
pub fn ordinal(column: &str, options: &[(&str, &str)]) -> SortExpr {
    let whens: String = options.iter().enumerate().map(|(i, (key, _))| format!(" when '{key}' then {i}")).collect();
    SortExpr::Int(format!("(case {column}{whens} else {} end)", options.len()))
}

/// The `order by` of a sort: its value, then the row id (`id`) so that the order is total.
pub fn order_by(expr: &SortExpr, descending: bool, id: &str) -> String {
    let direction = if descending { " desc" } else { "" };
    format!("{}{direction}, {id}{direction}", expr.sql())
}

/// "After the cursor" in the sort's direction; `key` and `id` are the parameter numbers. Written
/// as a row comparison, which both databases turn into one index range where an index has the
/// sort's value (an `or` of two comparisons made PostgreSQL read every earlier row).
pub fn after(expr: &SortExpr, descending: bool, id: &str, key: u8, id_param: u8) -> String {
    let op = if descending { "<" } else { ">" };
    format!("({}, {id}) {op} (${key}, ${id_param})", expr.sql())
}

/// The select-list columns `sort_text` and `sort_int` that carry a row's cursor key.
pub fn key_columns(expr: &SortExpr) -> String {
    match expr {
        SortExpr::Text(sql) => format!("{sql} as sort_text, cast(0 as bigint) as sort_int"),
        SortExpr::Int(sql) => format!("'' as sort_text, cast({sql} as bigint) as sort_int"),
    }
}

/// The key and id to bind for `after`: the cursor's, or for the first page a key before every row.
/// `prefix` is the name-prefix filter and the column it filters: when the list is in that
/// column's order, the first page starts just before the prefix's first row. PostgreSQL starts
/// its index scan at the row comparison rather than at `column >= prefix`, so from the empty key
/// it walked every name before the prefix (120 ms for "mar" among a million contacts).
pub fn cursor(expr: &SortExpr, descending: bool, after: Option<(&str, &str)>, prefix: (&str, &str)) -> (CursorKey, String) {
    let (prefix_column, prefix) = prefix;
    if let (SortExpr::Text(sql), None) = (expr, after) {
        if !prefix.is_empty() && sql == prefix_column {
            return if descending {
                (CursorKey::Text(format!("{prefix}\u{10FFFF}")), "\u{10FFFF}".into())
            } else {
                (CursorKey::Text(prefix.to_owned()), String::new())
            };
        }
    }
    match (expr, descending, after) {
        (SortExpr::Text(_), _, Some((key, id))) => (CursorKey::Text(key.to_owned()), id.to_owned()),
        (SortExpr::Int(_), _, Some((key, id))) => (CursorKey::Int(key.parse().unwrap_or(0)), id.to_owned()),
        (SortExpr::Text(_), false, None) => (CursorKey::Text(String::new()), String::new()),
        (SortExpr::Text(_), true, None) => (CursorKey::Text("\u{10FFFF}".into()), "\u{10FFFF}".into()),
        (SortExpr::Int(_), false, None) => (CursorKey::Int(i64::MIN), String::new()),
        (SortExpr::Int(_), true, None) => (CursorKey::Int(i64::MAX), String::new()),
    }
}

/// The cursor key of a row (from its `key_columns`) for the next page.
pub fn row_key(expr: &SortExpr, sort_text: &str, sort_int: i64) -> String {
    match expr {
        SortExpr::Text(_) => sort_text.to_owned(),
        SortExpr::Int(_) => sort_int.to_string(),
    }
}

/// A list row with its cursor key columns (see `key_columns`).
pub struct Keyed<R> {
    pub row: R,
    pub sort_text: String,
    pub sort_int: i64,
}

impl<'r, R: sqlx::FromRow<'r, sqlx::any::AnyRow>> sqlx::FromRow<'r, sqlx::any::AnyRow> for Keyed<R> {
    fn from_row(row: &'r sqlx::any::AnyRow) -> Result<Self, sqlx::Error> {
        use sqlx::Row;
        Ok(Keyed { row: R::from_row(row)?, sort_text: row.try_get("sort_text")?, sort_int: row.try_get("sort_int")? })
    }
}

impl<R> Keyed<R> {
    /// The row and its cursor key for the next page.
    pub fn with_key(self, expr: &SortExpr) -> (R, String) {
        let key = row_key(expr, &self.sort_text, self.sort_int);
        (self.row, key)
    }
}
