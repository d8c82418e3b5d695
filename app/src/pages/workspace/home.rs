//! The signed-in start page: the workspace and real next steps.

use crate::api::workspaces::WorkspaceShell;
use crate::domain::workspaces::Role;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn WorkspaceHome() -> impl IntoView {
    let shell = expect_context::<WorkspaceShell>();
    let workspace = shell.workspace.clone();
    let first_name = shell.me_name.split_whitespace().next().unwrap_or_default().to_owned();
    let address = format!("/w/{}", workspace.slug);
    view! {
        <Title text=workspace.name.clone()/>
        <h1>{workspace.name.clone()}</h1>
        <p class="lead">"Welcome, " {first_name} "."</p>
        <section class="panel getting-started" aria-labelledby="getting-started">
            <h2 id="getting-started">"Getting started"</h2>
            <ol>
                <li class="done">
                    <strong>"Your account is ready"</strong>
                    <p>"You are signed in as " {shell.me_email.clone()} "."</p>
                </li>
                <li class="done">
                    <strong>"Your workspace exists"</strong>
                    <p>
                        {workspace.name.clone()} " lives at " <code>{address.clone()}</code> ", and you are its "
                        {match workspace.role { Role::Owner => "owner", Role::Admin => "admin", Role::Member => "member", Role::Viewer => "viewer" }}
                        ". Bookmark the address to come straight back."
                    </p>
                </li>
                <li>
                    <strong>"Add the companies you work with"</strong>
                    <p><a href=format!("{address}/companies/new")>"Create a company"</a> " — its contacts and history gather on its page."</p>
                </li>
                <li>
                    <strong>"Add the people you talk to"</strong>
                    <p><a href=format!("{address}/contacts/new")>"Create a contact"</a> " with emails, phones and a company, then keep notes on their timeline."</p>
                </li>
                <li>
                    <strong>"Know how your data is treated"</strong>
                    <p><a href="/privacy">"Read the Privacy Policy"</a> " and the " <a href="/terms">"Terms of Service"</a> " you agreed to. Sessions end after 30 idle minutes and at most 12 hours; "
                    <a href=format!("{address}/account")>"see your account"</a> "."</p>
                </li>
            </ol>
        </section>
    }
}
