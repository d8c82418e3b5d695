//! The pipeline editor (admins): rename, reorder, re-weigh, add and remove stages. Deals in a
//! removed stage move to a stage the admin picks, each move on the deal's timeline.

use crate::domain::pipeline::StageInput;
use crate::error::AppError;
use leptos::prelude::*;

/// Saves the whole stage list in one transaction. `move_to` names the kept stage that receives
/// the deals of removed stages (needed only when a removed stage holds deals).
#[server(endpoint = "pipeline/save")]
pub async fn save_stages(slug: String, #[server(default)] stages: Vec<StageInput>, #[server(default)] move_to: String) -> Result<(), AppError> {
    use crate::domain::pipeline::parse_stages;
    use crate::domain::records::{Changes, RecordKind};
    use crate::ssr::db::events::{self, Action, Subject};
    use crate::i18n_setup::td_string;
    use crate::ssr::{access, db};
    let locale = crate::i18n_setup::request_locale();
    let (state, member) = access::member(&slug).await?;
    member.require_admin()?;
    let (kept, removed) = parse_stages(&stages, locale).map_err(|fields| AppError::Validation { fields })?;
    let ws = member.workspace_id.as_str();
    let now_ms = state.clock.now_ms();
    let mut tx = state.db.begin_write().await?;
    let existing = db::deals::stages(&mut tx, ws).await?;
    let known = |id: &str| existing.iter().find(|s| s.id == id);
    if kept.iter().any(|s| !s.id.is_empty() && known(&s.id).is_none()) || removed.iter().any(|id| known(id).is_none()) {
        return Err(AppError::NotFound);
    }
    // Every existing stage must be either kept or removed, so a stale form cannot drop one silently.
    if existing.iter().any(|s| !removed.contains(&s.id) && !kept.iter().any(|k| k.id == s.id)) {
        return Err(AppError::Conflict { message: td_string!(locale, errors.pipeline.changed_meanwhile).into() });
    }
    let mut receiver = None;
    for stage_id in &removed {
        let deals = db::deals::in_stage(&mut tx, ws, stage_id).await?;
        if deals.is_empty() {
            continue;
        }
        let target = receiver.get_or_insert_with(|| kept.iter().find(|s| !s.id.is_empty() && s.id == move_to).cloned());
        let Some(target) = target.clone() else {
            return Err(AppError::field("move_to", td_string!(locale, errors.pipeline.choose_receiver)));
        };
        let from = known(stage_id).map(|s| s.name.clone()).unwrap_or_default();
        for deal_id in deals {
            db::deals::set_stage(&mut tx, ws, &deal_id, &target.id, now_ms).await?;
            let mut changed = Changes::new();
            changed.insert("stage".into(), (from.clone(), target.name.clone()));
            let subject = Subject { workspace_id: ws, kind: RecordKind::Deal, record_id: &deal_id, actor_id: &member.user_id, at: now_ms };
            events::record(&mut tx, subject, Action::Moved, &changed).await?;
        }
    }
    for stage_id in &removed {
        db::deals::delete_stage(&mut tx, ws, stage_id).await?;
    }
    for (position, stage) in kept.iter().enumerate() {
        let position = i64::try_from(position).unwrap_or(i64::MAX);
        if stage.id.is_empty() {
            db::deals::insert_stage(&mut tx, ws, &db::new_id(), &stage.name, position, stage.probability, stage.kind).await?;
        } else {
            db::deals::update_stage(&mut tx, ws, &stage.id, &stage.name, position, stage.probability, stage.kind).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}
