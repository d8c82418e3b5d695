//! How a record list's page is read: row by row (the screens' pages of 50), or, for the streamed
//! exports on SQLite, as one JSON array the database builds from the same query.
//!
//! sqlx's SQLite driver hands every row from its worker thread to the caller on its own, through
//! a channel of 50, and converts it to an `AnyRow`. For a million-row export that cost more than
//! the query itself (41.9 s against 18.0 s for the `sqlite3` shell; see BENCHMARKS.md). One JSON
//! value per page of 2,000 rows is one hand-off. PostgreSQL's driver has no such hand-off, so
//! it reads rows either way (`Read::whole_page_on`).

use super::listing::Keyed;
use super::Dialect;
use serde::de::DeserializeOwned;
use sqlx::any::{AnyArguments, AnyRow};
use sqlx::{AnyPool, Arguments, FromRow};

/// How a list page comes back from the database.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Read {
    /// Row by row.
    #[default]
    Rows,
    /// The whole page as one JSON array (SQLite's SQL; see `whole_page_on`).
    WholePage,
}

impl Read {
    /// The whole page where that saves per-row hand-offs (SQLite), else row by row.
    pub fn whole_page_on(dialect: Dialect) -> Read {
        match dialect {
            Dialect::Sqlite => Read::WholePage,
            Dialect::Postgres => Read::Rows,
        }
    }
}

/// A query's parameters in order (`$1`, `$2`, …), bound once whichever way the page is read.
#[derive(Default)]
pub struct Binds {
    arguments: AnyArguments,
    /// The first value that could not be encoded (none of the lists' values can fail).
    failed: Option<sqlx::error::BoxDynError>,
}

impl Binds {
    pub fn push<'t, T: sqlx::Encode<'t, sqlx::Any> + sqlx::Type<sqlx::Any>>(&mut self, value: T) -> &mut Self {
        if let Err(error) = self.arguments.add(value) {
            self.failed.get_or_insert(error);
        }
        self
    }

    /// Binds a cursor's key as text or integer.
    pub fn key(&mut self, key: super::listing::CursorKey) -> &mut Self {
        match key {
            super::listing::CursorKey::Text(text) => self.push(text),
            super::listing::CursorKey::Int(number) => self.push(number),
        }
    }
}

/// The names of the columns a select list produces: each item's alias, else its column name
/// (`c.id, u.full_name as owner_name` → `id`, `owner_name`).
fn output_names(select_list: &str) -> Vec<String> {
    let mut items = Vec::new();
    let (mut depth, mut start) = (0_i32, 0);
    for (at, c) in select_list.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&select_list[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    items.push(&select_list[start..]);
    items
        .into_iter()
        .map(|item| {
            let item = item.trim();
            let name = match item.rfind(" as ").filter(|at| !item[at + 4..].contains(')')) {
                Some(at) => &item[at + 4..],
                None => item.rsplit('.').next().unwrap_or(item),
            };
            name.trim().to_owned()
        })
        .collect()
}

/// A keyed row as the JSON page carries it: the row's columns and the cursor key's, side by side.
#[derive(serde::Deserialize)]
struct JsonKeyed<R> {
    #[serde(flatten)]
    row: R,
    sort_text: String,
    sort_int: i64,
}

/// Runs a list's page query `sql`, whose select list is `select_list` (including the cursor's
/// key columns) and whose order is its key then `id` (`descending` or not), with `binds`: row by
/// row, or as one JSON array built in that same order (an aggregate's own `order by`, SQLite
/// 3.44 and later).
pub async fn fetch<R>(pool: &AnyPool, read: Read, select_list: &str, descending: bool, sql: String, binds: Binds) -> Result<Vec<Keyed<R>>, sqlx::Error>
where
    R: for<'r> FromRow<'r, AnyRow> + DeserializeOwned + Send + Unpin,
{
    if let Some(error) = binds.failed {
        return Err(sqlx::Error::Encode(error));
    }
    if read == Read::Rows {
        return sqlx::query_as_with(sqlx::AssertSqlSafe(sql), binds.arguments).fetch_all(pool).await;
    }
    let pairs: Vec<String> = output_names(select_list).iter().map(|name| format!("'{name}', x.{name}")).collect();
    let direction = if descending { "desc" } else { "asc" };
    let whole = format!(
        "select coalesce(json_group_array(json_object({}) order by x.sort_text {direction}, x.sort_int {direction}, x.id {direction}), '[]') from ({sql}) x",
        pairs.join(", ")
    );
    let (json,): (String,) = sqlx::query_as_with(sqlx::AssertSqlSafe(whole), binds.arguments).fetch_one(pool).await?;
    let rows: Vec<JsonKeyed<R>> = serde_json::from_str(&json).map_err(|error| sqlx::Error::Decode(Box::new(error)))?;
    Ok(rows.into_iter().map(|r| Keyed { row: r.row, sort_text: r.sort_text, sort_int: r.sort_int }).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_select_list_names_its_columns_by_alias_or_column() {
        let list = "c.id, u.full_name as owner_name, trim(c.first_name || ' ' || c.last_name) as contact_name, \
                    (select value from ch where ch.kind = 'email' and f(a, b)) as email, c.sort_name as sort_text, cast(0 as bigint) as sort_int, \
                    '' as sort_text, cast(c.created_at as bigint) as sort_int";
        assert_eq!(output_names(list), ["id", "owner_name", "contact_name", "email", "sort_text", "sort_int", "sort_text", "sort_int"]);
    }
}
