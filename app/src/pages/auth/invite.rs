//! The page an invitation link opens (`/invite/:token`): who invites whom to which workspace, and
//! the way in: join when signed in with the invited address, or create an account or sign in.

use crate::api::invitations::{look_up_invitation, AcceptInvitation, InvitationState, InvitationView};
use crate::components::field::FormAlert;
use crate::components::layout::PublicPage;
use crate::domain::workspaces::Role;
use crate::i18n_setup::{t, t_string, use_i18n};
use crate::pages::records::{encode_query, ErrorNotice};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn InvitePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let invitation = Resource::new(token, look_up_invitation);
    view! {
        <Title text=t_string!(i18n, auth.invite.title)/>
        <PublicPage>
            <section class="narrow">
                <Suspense fallback=move || view! { <p class="muted">{t!(i18n, auth.loading)}</p> }>
                    {move || Suspend::new(async move {
                        match invitation.await {
                            Ok(view) => view! { <Invitation view token=token()/> }.into_any(),
                            Err(error) => view! { <h1>{t!(i18n, auth.invite.title)}</h1><ErrorNotice error/> }.into_any(),
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
    let i18n = use_i18n();
    let inviter = view.inviter_name.clone().unwrap_or_else(|| t_string!(i18n, auth.invite.inviter_fallback).into());
    let role = match view.role {
        Role::Owner => t_string!(i18n, auth.invite.role_owner),
        Role::Admin => t_string!(i18n, auth.invite.role_admin),
        Role::Member => t_string!(i18n, auth.invite.role_member),
        Role::Viewer => t_string!(i18n, auth.invite.role_viewer),
    };
    let heading = t_string!(i18n, auth.invite.heading, workspace = view.workspace_name.clone());
    let summary = t_string!(i18n, auth.invite.summary, inviter = inviter, email = view.email.clone(), workspace = view.workspace_name.clone(), role = role);
    let way_in = match (view.state, view.signed_in_as.clone()) {
        (InvitationState::Expired, _) => view! { <p class="notice" role="status">{t!(i18n, auth.invite.expired)}</p> }.into_any(),
        (InvitationState::Used, _) => view! { <p class="notice" role="status">{t!(i18n, auth.invite.used)}</p><a class="button primary" href="/signin">{t!(i18n, auth.sign_in_link)}</a> }.into_any(),
        (InvitationState::Revoked, _) => view! { <p class="notice" role="status">{t!(i18n, auth.invite.revoked)}</p> }.into_any(),
        (InvitationState::Open, Some(me)) if me.eq_ignore_ascii_case(&view.email) => view! {
            <ActionForm action=accept attr:aria-label=t_string!(i18n, auth.invite.accept_form_label)>
                <input type="hidden" name="token" value=token.clone()/>
                {move || error.get().and_then(|e| e.field_message("invite")).map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                <FormAlert error/>
                <button class="button primary" type="submit" disabled=move || accept.pending().get()>{t_string!(i18n, auth.invite.join_button, workspace = view.workspace_name.clone())}</button>
            </ActionForm>
        }.into_any(),
        (InvitationState::Open, Some(me)) => view! {
            <p class="notice" role="status">{t_string!(i18n, auth.invite.wrong_account, me = me, email = view.email.clone())}</p>
        }.into_any(),
        (InvitationState::Open, None) => {
            let here = format!("/invite/{token}");
            view! {
                <p>{t!(i18n, auth.invite.way_in)}</p>
                <p class="button-row">
                    <a class="button primary" href=format!("/signup?invite={}&email={}", encode_query(&token), encode_query(&view.email))>{t!(i18n, auth.invite.create_account)}</a>
                    <a class="button secondary" href=format!("/signin?next={}", encode_query(&here))>{t!(i18n, auth.sign_in_link)}</a>
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
