//! The page an invitation link opens (`/invite/:token`): who invites whom to which workspace, and
//! the way in: join when signed in with the invited address, or create an account or sign in.

use crate::api::invitations::{look_up_invitation, AcceptInvitation, InvitationState, InvitationView};
use crate::components::field::FormAlert;
use crate::components::layout::PublicPage;
use crate::pages::records::{encode_query, ErrorNotice};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn InvitePage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let invitation = Resource::new(token, look_up_invitation);
    view! {
        <Title text="Invitation"/>
        <PublicPage>
            <section class="narrow">
                <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
                    {move || Suspend::new(async move {
                        match invitation.await {
                            Ok(view) => view! { <Invitation view token=token()/> }.into_any(),
                            Err(error) => view! { <h1>"Invitation"</h1><ErrorNotice error/> }.into_any(),
                        }
                    })}
                </Suspense>
            </section>
        </PublicPage>
    }
}

#[component]
fn Invitation(view: InvitationView, token: String) -> impl IntoView {
    let accept = ServerAction::<AcceptInvitation>::new();
    let error = Signal::derive(move || accept.value().get().and_then(Result::err));
    let inviter = view.inviter_name.clone().unwrap_or_else(|| "A member".into());
    let heading = format!("Join {} on NexaCRM", view.workspace_name);
    let summary = format!("{inviter} invited {} to join “{}” as {}.", view.email, view.workspace_name, view.role.label().to_lowercase());
    let way_in = match (view.state, view.signed_in_as.clone()) {
        (InvitationState::Expired, _) => view! { <p class="notice" role="status">"This invitation has expired. Ask the person who invited you for a new one."</p> }.into_any(),
        (InvitationState::Used, _) => view! { <p class="notice" role="status">"This invitation has already been used. Sign in to open the workspace."</p><a class="button primary" href="/signin">"Sign in"</a> }.into_any(),
        (InvitationState::Revoked, _) => view! { <p class="notice" role="status">"This invitation was withdrawn."</p> }.into_any(),
        (InvitationState::Open, Some(me)) if me.eq_ignore_ascii_case(&view.email) => view! {
            <ActionForm action=accept attr:aria-label="Accept the invitation">
                <input type="hidden" name="token" value=token.clone()/>
                {move || error.get().and_then(|e| e.field_message("invite")).map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                <FormAlert error/>
                <button class="button primary" type="submit" disabled=move || accept.pending().get()>{format!("Join {}", view.workspace_name)}</button>
            </ActionForm>
        }.into_any(),
        (InvitationState::Open, Some(me)) => view! {
            <p class="notice" role="status">{format!("You are signed in as {me}, but this invitation is for {}. Sign out, then sign in with that address or create its account.", view.email)}</p>
        }.into_any(),
        (InvitationState::Open, None) => {
            let here = format!("/invite/{token}");
            view! {
                <p>"Create your account with this address to join, or sign in if you already have one."</p>
                <p class="button-row">
                    <a class="button primary" href=format!("/signup?invite={}&email={}", encode_query(&token), encode_query(&view.email))>"Create account"</a>
                    <a class="button secondary" href=format!("/signin?next={}", encode_query(&here))>"Sign in"</a>
                </p>
            }.into_any()
        }
    };
    view! {
        <h1>{heading}</h1>
        <p>{summary}</p>
        {way_in}
    }
}
