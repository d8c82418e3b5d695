//! The account page: who you are signed in as, and your workspaces.

use crate::api::workspaces::WorkspaceShell;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AccountPage() -> impl IntoView {
    let shell = expect_context::<WorkspaceShell>();
    let minutes_left = shell.session_remaining_ms / 60_000;
    view! {
        <Title text="Account"/>
        <h1>"Account"</h1>
        <section class="panel" aria-labelledby="profile">
            <h2 id="profile">"Profile"</h2>
            <dl>
                <dt>"Name"</dt><dd>{shell.me_name.clone()}</dd>
                <dt>"Email"</dt><dd>{shell.me_email.clone()}</dd>
            </dl>
        </section>
        <section class="panel" aria-labelledby="workspaces">
            <h2 id="workspaces">"Your workspaces"</h2>
            <ul>
                {shell.workspaces.iter().map(|w| view! {
                    <li><a href=format!("/w/{}", w.slug)>{w.name.clone()}</a> " " <span class="badge">{w.role.label()}</span></li>
                }).collect_view()}
            </ul>
        </section>
        <section class="panel" aria-labelledby="session">
            <h2 id="session">"This session"</h2>
            <p>
                "Without activity, this session ends in about " {minutes_left.max(1)} " minutes; "
                "every session ends at the latest 12 hours after signing in."
            </p>
        </section>
    }
}
