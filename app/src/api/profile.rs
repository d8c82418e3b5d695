//! Settings → Profile: name, job title, phone, bio, time zone (IANA) and preferred currency, and
//! whether a picture is set (uploading one is a plain form post to `/account/avatar`, handled by
//! the server's `routes::avatars`).

use crate::domain::profile::ProfileFields;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub user_id: String,
    pub fields: ProfileFields,
    /// 0 without a picture; moves on with every change (for the picture's address).
    pub avatar_version: i64,
    pub timezones: Vec<String>,
    pub currencies: Vec<String>,
}

/// The signed-in person's profile and the choices its form offers.
#[server(endpoint = "account/profile", input = server_fn::codec::GetUrl)]
pub async fn load_profile() -> Result<Profile, AppError> {
    use crate::ssr::{context, db};
    let state = context::state()?;
    let session = context::require_session()?;
    let (fields, avatar_version) = db::profiles::load(&state.db.pool, &session.user_id).await?;
    Ok(Profile {
        user_id: session.user_id,
        fields,
        avatar_version,
        timezones: chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name().to_owned()).collect(),
        currencies: crate::domain::deals::CURRENCIES.iter().map(|(code, _)| (*code).to_owned()).collect(),
    })
}

/// Saves the profile; every field is checked, and nothing changes when one is wrong.
#[server(endpoint = "account/profile-save")]
pub async fn save_profile(fields: ProfileFields) -> Result<(), AppError> {
    use crate::ssr::{context, db};
    let state = context::state()?;
    let session = context::require_session()?;
    let fields = fields.parse(|name| name.parse::<chrono_tz::Tz>().is_ok(), crate::i18n_setup::request_locale()).map_err(|fields| AppError::Validation { fields })?;
    let mut tx = state.db.begin_write().await?;
    db::profiles::save(&mut tx, &session.user_id, &fields, state.clock.now_ms()).await?;
    tx.commit().await?;
    Ok(())
}

/// Removes the picture.
#[server(endpoint = "account/avatar-remove")]
pub async fn remove_avatar() -> Result<(), AppError> {
    use crate::ssr::{context, db};
    let state = context::state()?;
    let session = context::require_session()?;
    db::profiles::set_avatar(&state.db.pool, &session.user_id, None, state.clock.now_ms()).await?;
    Ok(())
}
