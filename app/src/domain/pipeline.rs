//! Editing a workspace's pipeline: the stages' names, order, probabilities and won/lost kinds.

use super::deals::StageKind;
use super::records::text_in;
use crate::error::FieldErrors;
use crate::i18n_setup::{td_string, Locale};
use serde::{Deserialize, Serialize};

/// One row of the stage editor as posted: an existing stage (with its id) or a new one (no id).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StageInput {
    pub id: String,
    pub name: String,
    pub probability: String,
    pub kind: String,
    /// Where it goes: rows are ordered by this number, then by their place in the form.
    pub position: String,
    /// Ticked to remove the stage (its deals move to the chosen stage).
    pub remove: bool,
}

/// A stage to keep, validated, in board order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidStage {
    /// Empty for a new stage.
    pub id: String,
    pub name: String,
    pub probability: i64,
    pub kind: StageKind,
}

/// The stages to keep (in order) and the ids of those to remove. Blank new rows are ignored.
/// Errors are named `stages.N.field` after the row, or `stages` for the whole pipeline.
pub fn parse_stages(rows: &[StageInput], locale: Locale) -> Result<(Vec<ValidStage>, Vec<String>), FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut kept: Vec<(i64, usize, ValidStage)> = Vec::new();
    let mut removed = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        let is_new = row.id.trim().is_empty();
        if row.remove {
            if !is_new {
                removed.push(row.id.trim().to_owned());
            }
            continue;
        }
        if is_new && row.name.trim().is_empty() {
            continue;
        }
        let field = |name: &str| format!("stages.{index}.{name}");
        let name = text_in(&row.name, 60, Some(td_string!(locale, errors.pipeline.name_required)), locale).unwrap_or_else(|m| {
            errors.insert(field("name"), m);
            String::new()
        });
        let probability = match row.probability.trim().trim_end_matches('%').trim().parse::<i64>() {
            Ok(p) if (0..=100).contains(&p) => p,
            _ => {
                errors.insert(field("probability"), td_string!(locale, errors.pipeline.probability).into());
                0
            }
        };
        let kind = StageKind::parse(row.kind.trim()).unwrap_or_else(|| {
            errors.insert(field("kind"), td_string!(locale, errors.pipeline.kind).into());
            StageKind::Open
        });
        let position = row.position.trim().parse::<i64>().unwrap_or(i64::try_from(index).unwrap_or(0) * 10);
        if !name.is_empty() && kept.iter().any(|(_, _, s)| s.name.to_lowercase() == name.to_lowercase()) {
            errors.insert(field("name"), td_string!(locale, errors.pipeline.duplicate_name).into());
        }
        kept.push((position, index, ValidStage { id: row.id.trim().to_owned(), name, probability, kind }));
    }
    if errors.is_empty() && !kept.iter().any(|(_, _, s)| s.kind == StageKind::Open) {
        errors.insert("stages".into(), td_string!(locale, errors.pipeline.open_stage_required).into());
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    kept.sort_by_key(|(position, index, _)| (*position, *index));
    Ok((kept.into_iter().map(|(_, _, s)| s).collect(), removed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, name: &str, probability: &str, kind: &str, position: &str) -> StageInput {
        StageInput { id: id.into(), name: name.into(), probability: probability.into(), kind: kind.into(), position: position.into(), remove: false }
    }

    #[test]
    fn stages_are_ordered_by_position_and_blank_new_rows_ignored() {
        let rows = [row("a", "Lead in", "10", "open", "20"), row("b", "Won", "100", "won", "30"), row("", "Demo", "30 %", "open", "25"), row("", "", "", "", "")];
        let (kept, removed) = parse_stages(&rows, Locale::en).unwrap();
        let names: Vec<&str> = kept.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Lead in", "Demo", "Won"]);
        assert_eq!(kept[1].probability, 30);
        assert!(removed.is_empty());
    }

    #[test]
    fn bad_rows_are_named_and_an_open_stage_is_required() {
        let errors = parse_stages(&[row("a", "", "150", "maybe", "1"), row("b", "Won", "100", "won", "2")], Locale::en).unwrap_err();
        assert_eq!(errors["stages.0.name"], "Enter the stage's name.");
        assert_eq!(errors["stages.0.probability"], "Enter a whole number from 0 to 100.");
        assert_eq!(errors["stages.0.kind"], "Choose open, won or lost.");
        let errors = parse_stages(&[row("b", "Won", "100", "won", "2")], Locale::en).unwrap_err();
        assert_eq!(errors["stages"], "Keep at least one open stage: deals start there.");
        let errors = parse_stages(&[row("a", "Open", "10", "open", "1"), row("b", "open", "20", "open", "2")], Locale::en).unwrap_err();
        assert_eq!(errors["stages.1.name"], "Another stage has this name.");
    }

    #[test]
    fn removed_rows_are_listed_and_not_checked() {
        let mut gone = row("z", "", "", "", "");
        gone.remove = true;
        let (kept, removed) = parse_stages(&[row("a", "Open", "10", "open", "1"), gone], Locale::en).unwrap();
        assert_eq!(kept.len(), 1);
        assert_eq!(removed, ["z"]);
    }
}
