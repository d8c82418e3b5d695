//! What the record lists share: the SQL of each sort order and its keyset condition ("rows after
//! this cursor"), so every page is an index range scan however deep it is.

use crate::domain::records::ListSort;

/// `column = $n` when the filter is used, else `$n = ''` (the parameter is still bound): a filter
/// written as `($n = '' or column = $n)` would keep SQLite from using the column's index.
pub fn eq_or_any(column: &str, param: u8, value: Option<&str>) -> String {
    if value.is_some_and(|v| !v.is_empty()) { format!("{column} = ${param}") } else { format!("${param} = ''") }
}

/// `column >= $n` when a lower bound is given (non-zero), else `$n = 0`, for the same reason.
pub fn at_least(column: &str, param: u8, value: i64) -> String {
    if value != 0 { format!("{column} >= ${param}") } else { format!("${param} = 0") }
}

/// A cursor's sort key, typed for binding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CursorKey {
    Text(String),
    Int(i64),
}

/// The `order by` of a sort, for the table aliased `alias`.
pub fn order_by(sort: ListSort, alias: &str) -> String {
    match sort {
        ListSort::NameAsc => format!("{alias}.sort_name, {alias}.id"),
        ListSort::NameDesc => format!("{alias}.sort_name desc, {alias}.id desc"),
        ListSort::Newest => format!("{alias}.created_at desc, {alias}.id desc"),
        ListSort::Oldest => format!("{alias}.created_at, {alias}.id"),
    }
}

/// "After the cursor" in the sort's direction; `key` and `id` are the parameter numbers. Written
/// as a row comparison, which both databases turn into one index range (an `or` of two
/// comparisons made PostgreSQL read every earlier row).
pub fn after(sort: ListSort, alias: &str, key: u8, id: u8) -> String {
    let (column, op) = match sort {
        ListSort::NameAsc => ("sort_name", ">"),
        ListSort::NameDesc => ("sort_name", "<"),
        ListSort::Newest => ("created_at", "<"),
        ListSort::Oldest => ("created_at", ">"),
    };
    format!("({alias}.{column}, {alias}.id) {op} (${key}, ${id})")
}

/// The key and id to bind for `after`: the cursor's, or for the first page a key before every row.
pub fn cursor(sort: ListSort, after: Option<(&str, &str)>) -> (CursorKey, String) {
    match (sort, after) {
        (ListSort::NameAsc | ListSort::NameDesc, Some((key, id))) => (CursorKey::Text(key.to_owned()), id.to_owned()),
        (ListSort::Newest | ListSort::Oldest, Some((key, id))) => (CursorKey::Int(key.parse().unwrap_or(0)), id.to_owned()),
        (ListSort::NameAsc, None) => (CursorKey::Text(String::new()), String::new()),
        (ListSort::NameDesc, None) => (CursorKey::Text("\u{10FFFF}".into()), "\u{10FFFF}".into()),
        (ListSort::Newest, None) => (CursorKey::Int(i64::MAX), String::new()),
        (ListSort::Oldest, None) => (CursorKey::Int(i64::MIN), String::new()),
    }
}

/// The cursor key of a row for the next page.
pub fn row_key(sort: ListSort, sort_name: &str, created_at: i64) -> String {
    if sort.by_name() { sort_name.to_owned() } else { created_at.to_string() }
}

/// Binds a cursor key to a query.
pub fn bind_key<'q, O>(
    query: sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments>,
    key: CursorKey,
) -> sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments> {
    match key {
        CursorKey::Text(text) => query.bind(text),
        CursorKey::Int(number) => query.bind(number),
    }
}
