//! Settings → Privacy: every right the Privacy Policy promises, one section each.

mod choices;
mod deletion;
mod download;
mod requests;

pub use deletion::{OperatorAccountsPage, PendingDeletionPage};
pub use download::ExportReadyNotice;

use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn PrivacySettingsPage() -> impl IntoView {
    view! {
        <Title text="Privacy"/>
        <h1>"Privacy"</h1>
        <choices::PrivacyChoicesSection/>
        <download::DataDownloadsSection/>
        <requests::PrivacyRequestsSection/>
        <deletion::DeleteAccountSection/>
    }
}
