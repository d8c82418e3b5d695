//! Settings → Privacy: every right the Privacy Policy promises, one section each.

mod choices;
mod deletion;
mod download;
mod requests;

pub use deletion::{OperatorAccountsPage, PendingDeletionPage};
pub use download::ExportReadyNotice;
pub use requests::request_kind_label;

use crate::i18n_setup::{t, t_string, use_i18n};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn PrivacySettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, privacy.title)/>
        <h1>{t!(i18n, privacy.title)}</h1>
        <choices::PrivacyChoicesSection/>
        <download::DataDownloadsSection/>
        <requests::PrivacyRequestsSection/>
        <deletion::DeleteAccountSection/>
    }
}
