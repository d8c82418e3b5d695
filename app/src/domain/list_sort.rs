//! How a record list is ordered: the columns each kind's list can be sorted by, in either
//! direction, as the `sort` query parameter (`status`, `-created`, …).

use super::records::RecordKind;
use serde::{Deserialize, Serialize};

/// A column a list can be ordered by. Status and priority sort in their lifecycle and severity
/// order, not alphabetically.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SortColumn {
    #[default]
    Name,
    Company,
    Contact,
    Email,
    Phone,
    Domain,
    Industry,
    City,
    Status,
    Priority,
    Source,
    Stage,
    Amount,
    CloseDate,
    Owner,
    Created,
}

impl SortColumn {
    pub const ALL: [SortColumn; 16] = [
        SortColumn::Name,
        SortColumn::Company,
        SortColumn::Contact,
        SortColumn::Email,
        SortColumn::Phone,
        SortColumn::Domain,
        SortColumn::Industry,
        SortColumn::City,
        SortColumn::Status,
        SortColumn::Priority,
        SortColumn::Source,
        SortColumn::Stage,
        SortColumn::Amount,
        SortColumn::CloseDate,
        SortColumn::Owner,
        SortColumn::Created,
    ];

    pub fn as_param(self) -> &'static str {
        match self {
            SortColumn::Name => "name",
            SortColumn::Company => "company",
            SortColumn::Contact => "contact",
            SortColumn::Email => "email",
            SortColumn::Phone => "phone",
            SortColumn::Domain => "domain",
            SortColumn::Industry => "industry",
            SortColumn::City => "city",
            SortColumn::Status => "status",
            SortColumn::Priority => "priority",
            SortColumn::Source => "source",
            SortColumn::Stage => "stage",
            SortColumn::Amount => "amount",
            SortColumn::CloseDate => "close",
            SortColumn::Owner => "owner",
            SortColumn::Created => "created",
        }
    }

    /// The columns a kind's list offers, its default first.
    pub fn for_kind(kind: RecordKind) -> &'static [SortColumn] {
        use SortColumn::*;
        match kind {
            RecordKind::Contact => &[Name, Company, Email, Phone, Status, Owner, Created],
            RecordKind::Company => &[Name, Domain, Industry, City, Owner, Created],
            RecordKind::Lead => &[Name, Company, Email, Source, Status, Owner, Created],
            RecordKind::Ticket => &[Created, Name, Status, Priority, Contact, Owner],
            RecordKind::Deal => &[Name, Company, Stage, Amount, CloseDate, Owner, Created],
            RecordKind::Activity => &[Name, Created],
        }
    }

    /// The column's heading in a kind's list.
    pub fn label(self, kind: RecordKind) -> &'static str {
        match (self, kind) {
            (SortColumn::Name, RecordKind::Ticket) => "Subject",
            (SortColumn::Name, _) => "Name",
            (SortColumn::Company, _) => "Company",
            (SortColumn::Contact, _) => "Contact",
            (SortColumn::Email, _) => "Email",
            (SortColumn::Phone, _) => "Phone",
            (SortColumn::Domain, _) => "Domain",
            (SortColumn::Industry, _) => "Industry",
            (SortColumn::City, _) => "City",
            (SortColumn::Status, _) => "Status",
            (SortColumn::Priority, _) => "Priority",
            (SortColumn::Source, _) => "Source",
            (SortColumn::Stage, _) => "Stage",
            (SortColumn::Amount, _) => "Amount",
            (SortColumn::CloseDate, _) => "Expected close",
            (SortColumn::Owner, RecordKind::Ticket) => "Assignee",
            (SortColumn::Owner, _) => "Owner",
            (SortColumn::Created, RecordKind::Ticket) => "Opened",
            (SortColumn::Created, _) => "Added",
        }
    }

    /// Whether a new visitor sees this column's largest values first (newest, most urgent).
    fn descending_by_default(self) -> bool {
        matches!(self, SortColumn::Created | SortColumn::Priority | SortColumn::Amount)
    }
}

/// A list's order: a column and a direction.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListSort {
    pub column: SortColumn,
    pub descending: bool,
}

impl ListSort {
    /// `column` or `-column` (descending); an unknown or unoffered column gives the kind's default.
    pub fn parse(raw: &str, kind: RecordKind) -> Self {
        let offered = SortColumn::for_kind(kind);
        let (descending, name) = match raw.strip_prefix('-') {
            Some(name) => (true, name),
            None => (false, raw),
        };
        match offered.iter().find(|c| c.as_param() == name) {
            Some(&column) => ListSort { column, descending },
            None => Self::default_for(kind),
        }
    }

    /// The kind's first column in its natural direction.
    pub fn default_for(kind: RecordKind) -> Self {
        let column = SortColumn::for_kind(kind)[0];
        ListSort { column, descending: column.descending_by_default() }
    }

    pub fn as_param(self) -> String {
        format!("{}{}", if self.descending { "-" } else { "" }, self.column.as_param())
    }

    /// The same column in the other direction.
    pub fn reversed(self) -> Self {
        ListSort { descending: !self.descending, ..self }
    }

    /// What the order select of a kind's list shows.
    pub fn label(self, kind: RecordKind) -> String {
        if self.column == SortColumn::Created {
            return (if self.descending { "Newest first" } else { "Oldest first" }).to_owned();
        }
        let column = self.column.label(kind);
        let direction = match (self.column, self.descending) {
            (SortColumn::Status | SortColumn::Stage, false) => "first to last",
            (SortColumn::Status | SortColumn::Stage, true) => "last to first",
            (SortColumn::Amount, false) => "smallest first",
            (SortColumn::Amount, true) => "largest first",
            (SortColumn::CloseDate, false) => "soonest first",
            (SortColumn::CloseDate, true) => "latest first",
            (SortColumn::Priority, false) => "low to urgent",
            (SortColumn::Priority, true) => "urgent to low",
            (_, false) => "A–Z",
            (_, true) => "Z–A",
        };
        format!("{column} {direction}")
    }

    /// Every order a kind's list offers, each column in its natural direction first.
    pub fn options(kind: RecordKind) -> Vec<ListSort> {
        SortColumn::for_kind(kind)
            .iter()
            .flat_map(|&column| {
                let natural = ListSort { column, descending: column.descending_by_default() };
                [natural, natural.reversed()]
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_direction_and_falls_back_to_the_kinds_default() {
        assert_eq!(ListSort::parse("-status", RecordKind::Contact), ListSort { column: SortColumn::Status, descending: true });
        assert_eq!(ListSort::parse("company", RecordKind::Lead), ListSort { column: SortColumn::Company, descending: false });
        // Priority is a ticket column only.
        assert_eq!(ListSort::parse("priority", RecordKind::Contact), ListSort::default_for(RecordKind::Contact));
        assert_eq!(ListSort::parse("", RecordKind::Ticket), ListSort { column: SortColumn::Created, descending: true });
        assert_eq!(ListSort::parse("--name", RecordKind::Contact), ListSort::default_for(RecordKind::Contact));
    }

    #[test]
    fn round_trips_through_the_query_parameter() {
        for kind in RecordKind::ALL {
            for sort in ListSort::options(kind) {
                assert_eq!(ListSort::parse(&sort.as_param(), kind), sort, "{kind:?} {sort:?}");
            }
        }
    }

    #[test]
    fn labels_say_the_direction() {
        assert_eq!(ListSort::parse("-name", RecordKind::Contact).label(RecordKind::Contact), "Name Z–A");
        assert_eq!(ListSort::parse("-priority", RecordKind::Ticket).label(RecordKind::Ticket), "Priority urgent to low");
        assert_eq!(ListSort::parse("-owner", RecordKind::Ticket).label(RecordKind::Ticket), "Assignee Z–A");
        assert_eq!(ListSort::parse("created", RecordKind::Ticket).label(RecordKind::Ticket), "Oldest first");
    }
}
