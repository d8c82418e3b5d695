//! Support tickets: a customer's question or problem, its status and priority.

use super::records::{long_text, one_of, text_in, FieldCheck};
use crate::error::FieldErrors;
use crate::i18n_setup::{td_string, Locale};
use serde::{Deserialize, Serialize};

pub const STATUSES: [(&str, &str); 4] = [("open", "Open"), ("pending", "Pending"), ("resolved", "Resolved"), ("closed", "Closed")];
pub const PRIORITIES: [(&str, &str); 4] = [("low", "Low"), ("normal", "Normal"), ("high", "High"), ("urgent", "Urgent")];

/// The editable fields of a ticket; ids are checked against the workspace by the server.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TicketFields {
    pub subject: String,
    pub description: String,
    pub status: String,
    pub priority: String,
    pub contact_id: String,
    pub company_id: String,
    pub assignee_id: String,
}

impl TicketFields {
    pub fn parse(self, locale: Locale) -> Result<Self, FieldErrors> {
        let mut check = FieldCheck::new();
        let mut keep = |field: &str, result: Result<String, String>| check.keep(field, result);
        let id = |raw: &str| text_in(raw, 64, None, locale);
        let parsed = TicketFields {
            subject: keep("subject", text_in(&self.subject, 200, Some(td_string!(locale, errors.fields.subject_required)), locale)),
            description: keep("description", long_text(&self.description, 20_000, None, locale)),
            status: keep("status", one_of(&STATUSES, &self.status, locale)),
            priority: keep("priority", one_of(&PRIORITIES, &self.priority, locale)),
            contact_id: keep("contact_id", id(&self.contact_id)),
            company_id: keep("company_id", id(&self.company_id)),
            assignee_id: keep("assignee_id", id(&self.assignee_id)),
        };
        check.finish(parsed)
    }

    /// Field names and values in form order (for change tracking; ids are named by the server).
    pub fn named(&self) -> Vec<(&'static str, String)> {
        vec![
            ("subject", self.subject.clone()),
            ("description", self.description.clone()),
            ("status", self.status.clone()),
            ("priority", self.priority.clone()),
            ("contact_id", self.contact_id.clone()),
            ("company_id", self.company_id.clone()),
            ("assignee_id", self.assignee_id.clone()),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ticket_needs_a_subject_and_listed_choices() {
        let errors = TicketFields { status: "lost".into(), priority: "meh".into(), ..Default::default() }.parse(Locale::en).unwrap_err();
        for field in ["subject", "status", "priority"] {
            assert!(errors.contains_key(field), "{field}");
        }
        assert_eq!(errors["subject"], "Enter a subject.");
        let ok = TicketFields { subject: "Printer on fire".into(), status: "open".into(), priority: "urgent".into(), ..Default::default() };
        assert!(ok.parse(Locale::en).is_ok());
    }
}
