//! What one kind of record in an archive is: a file name, a line for the README, the query that
//! reads it (with the request's user, email or workspace as parameters), the tables it covers,
//! and values worked out from a column (a session's browser from its user agent). Columns that
//! must never leave the server are dropped whichever query names them.

use super::archive::Cell;
use sqlx::any::{AnyRow, AnyTypeInfoKind};
use sqlx::{Row, ValueRef};

/// Columns never written to an archive, whatever the table: password hashes, the hashes of
/// session, reset, invitation and email-change tokens, and picture bytes (the personal archive
/// carries the picture as a PNG file of its own).
pub const NEVER_EXPORTED: [&str; 4] = ["password_hash", "token_hash", "download_token_hash", "avatar_png"];

/// A value a part's query is given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Param {
    /// The requester's user id.
    UserId,
    /// The requester's email address.
    Email,
    /// The exported workspace's id.
    WorkspaceId,
}

/// Extra columns worked out from another column's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Derived {
    None,
    /// `browser`, `system` and `device` from the `user_agent` column, as the Account page shows them.
    Device,
}

/// One kind of record in an archive.
#[derive(Clone, Debug)]
pub struct Part {
    /// The file name without its extension: `json/<name>.json` and `csv/<name>.csv`.
    pub name: &'static str,
    /// What the file holds, for README.txt.
    pub about: &'static str,
    /// The tables the part reads (to prove every table is covered or deliberately left out).
    pub tables: &'static [&'static str],
    /// The query; `$1`, `$2`… are `params` in order.
    pub sql: String,
    pub params: &'static [Param],
    pub derived: Derived,
}

impl Part {
    pub fn new(name: &'static str, about: &'static str, tables: &'static [&'static str], sql: impl Into<String>, params: &'static [Param]) -> Self {
        Part { name, about, tables, sql: sql.into(), params, derived: Derived::None }
    }

    pub fn with_derived(mut self, derived: Derived) -> Self {
        self.derived = derived;
        self
    }
}

/// The columns a part writes: the query's columns minus `NEVER_EXPORTED`, then the derived ones.
/// Returns the names and the query-column index of each kept column.
pub fn layout(query_columns: &[String], derived: Derived) -> (Vec<String>, Vec<usize>) {
    let kept: Vec<usize> = (0..query_columns.len()).filter(|&i| !NEVER_EXPORTED.contains(&query_columns[i].as_str())).collect();
    let mut names: Vec<String> = kept.iter().map(|&i| query_columns[i].clone()).collect();
    if derived == Derived::Device {
        names.extend(["browser", "system", "device"].map(String::from));
    }
    (names, kept)
}

/// The cells of one row: the kept columns, then the derived ones.
pub fn cells(row: &AnyRow, names: &[String], kept: &[usize], derived: Derived) -> Result<Vec<Cell>, sqlx::Error> {
    let mut out = Vec::with_capacity(names.len());
    for &i in kept {
        out.push(cell(row, i)?);
    }
    if derived == Derived::Device {
        let agent: Option<String> = row.try_get("user_agent")?;
        let (browser, system, device) = crate::ssr::devices::describe(agent.as_deref().unwrap_or_default());
        out.extend([Cell::Text(browser), Cell::Text(system), Cell::Text(device)]);
    }
    Ok(out)
}

/// One value, by the type the database gave it.
fn cell(row: &AnyRow, i: usize) -> Result<Cell, sqlx::Error> {
    let raw = row.try_get_raw(i)?;
    if raw.is_null() {
        return Ok(Cell::Null);
    }
    let kind = raw.type_info().kind();
    Ok(match kind {
        AnyTypeInfoKind::Null => Cell::Null,
        AnyTypeInfoKind::Bool => Cell::Bool(row.try_get(i)?),
        AnyTypeInfoKind::SmallInt | AnyTypeInfoKind::Integer | AnyTypeInfoKind::BigInt => Cell::Integer(row.try_get(i)?),
        AnyTypeInfoKind::Real | AnyTypeInfoKind::Double => Cell::Decimal(row.try_get(i)?),
        AnyTypeInfoKind::Text => Cell::Text(row.try_get(i)?),
        AnyTypeInfoKind::Blob => Cell::Bytes(row.try_get(i)?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_columns_are_dropped_and_device_columns_added() {
        let columns: Vec<String> = ["id", "token_hash", "user_agent", "password_hash", "avatar_png", "ip"].map(String::from).to_vec();
        let (names, kept) = layout(&columns, Derived::Device);
        assert_eq!(names, ["id", "user_agent", "ip", "browser", "system", "device"]);
        assert_eq!(kept, [0, 2, 5]);
        assert_eq!(layout(&columns, Derived::None).0, ["id", "user_agent", "ip"]);
    }
}
