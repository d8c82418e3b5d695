//! The account page: who you are signed in as, your workspaces, and security: the password and
//! the sessions signed in to the account.

use crate::api::account::{list_my_sessions, load_sign_in_notice, ChangePassword, EndMyOtherSessions, EndMySession, RequestEmailChange, SaveSignInNotice};
use crate::api::profile::{load_profile, Profile, RemoveAvatar, SaveProfile};
use crate::api::workspaces::WorkspaceShell;
use crate::components::field::{FormAlert, SelectField, TextField};
use leptos_router::hooks::{use_location, use_query_map};
use crate::pages::records::{format_time, ErrorNotice};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AccountPage() -> impl IntoView {
    let shell = expect_context::<WorkspaceShell>();
    let minutes_left = shell.session_remaining_ms / 60_000;
    view! {
        <Title text="Account"/>
        <h1>"Account"</h1>
        <ProfileSettings/>
        <section class="panel" aria-labelledby="workspaces">
            <h2 id="workspaces">"Your workspaces"</h2>
            <ul>
                {shell.workspaces.iter().map(|w| view! {
                    <li><a href=format!("/w/{}", w.slug)>{w.name.clone()}</a> " " <span class="badge">{w.role.label()}</span></li>
                }).collect_view()}
            </ul>
        </section>
        <Security/>
        <section class="panel" aria-labelledby="session">
            <h2 id="session">"This session"</h2>
            <p>
                "Without activity, this session ends in about " {minutes_left.max(1)} " minutes; "
                "every session ends at the latest 12 hours after signing in."
            </p>
        </section>
    }
}

/// Settings → Security: change the password, see and end sessions.
#[component]
fn Security() -> impl IntoView {
    let password = ServerAction::<ChangePassword>::new();
    let end_one = ServerAction::<EndMySession>::new();
    let end_others = ServerAction::<EndMyOtherSessions>::new();
    let password_error = Signal::derive(move || password.value().get().and_then(Result::err));
    let sessions_error = Signal::derive(move || end_one.value().get().and_then(Result::err).or_else(|| end_others.value().get().and_then(Result::err)));
    let sessions = Resource::new(
        move || (password.version().get(), end_one.version().get(), end_others.version().get()),
        |_| list_my_sessions(),
    );
    view! {
        <section class="panel" aria-labelledby="security">
            <h2 id="security">"Security"</h2>
            <h3 id="change-password">"Change password"</h3>
            <ActionForm action=password attr:class="stack" attr:aria-label="Change password">
                <TextField name="current" label="Current password" kind="password" autocomplete="current-password" required=true error=password_error/>
                <TextField name="password" label="New password" kind="password" autocomplete="new-password" required=true error=password_error
                    hint="12 to 128 characters. Your other sessions are signed out."/>
                <FormAlert error=password_error/>
                {move || password.value().get().and_then(Result::ok).map(|()| view! { <p class="notice" role="status">"Password changed. Your other sessions were signed out."</p> })}
                <button class="button primary" type="submit" disabled=move || password.pending().get()>"Change password"</button>
            </ActionForm>
            <EmailChange/>
            <h3 id="sessions">"Where you are signed in"</h3>
            <FormAlert error=sessions_error/>
            <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    let sessions = match sessions.await {
                        Ok(sessions) => sessions,
                        Err(error) => return view! { <ErrorNotice error/> }.into_any(),
                    };
                    let others = sessions.iter().filter(|s| !s.current).count();
                    view! {
                        <div class="table-scroll">
                            <table class="records">
                                <thead><tr><th scope="col">"Browser"</th><th scope="col">"System"</th><th scope="col">"Device"</th><th scope="col">"Network"</th><th scope="col">"Signed in"</th><th scope="col">"Last active"</th><th scope="col"><span class="visually-hidden">"End"</span></th></tr></thead>
                                <tbody>
                                    {sessions.into_iter().map(|s| {
                                        let end = (!s.current).then(|| {
                                            let label = format!("End session of {} on {}", s.browser, s.os);
                                            view! {
                                                <ActionForm action=end_one attr:class="inline-form">
                                                    <input type="hidden" name="id" value=s.id.clone()/>
                                                    <button class="button secondary small" type="submit" aria-label=label>"End"</button>
                                                </ActionForm>
                                            }
                                        });
                                        view! {
                                            <tr>
                                                <td>{s.browser.clone()}{s.current.then(|| view! { " " <span class="badge success">"This browser"</span> })}</td>
                                                <td>{s.os.clone()}</td>
                                                <td>{s.device.clone()}</td>
                                                <td>{s.approximate_ip.clone()}</td>
                                                <td>{format_time(s.created_at)}</td>
                                                <td>{format_time(s.last_seen_at)}</td>
                                                <td>{end}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        {(others > 0).then(|| view! {
                            <ActionForm action=end_others attr:class="inline-form">
                                <button class="button secondary" type="submit">"Sign out everywhere else"</button>
                            </ActionForm>
                        })}
                    }.into_any()
                })}
            </Suspense>
        </section>
    }
}

/// Changing the account's address: the password again and the new address, then the link that
/// arrives there; and whether to be told about sign-ins from new devices.
#[component]
fn EmailChange() -> impl IntoView {
    let change = ServerAction::<RequestEmailChange>::new();
    let notice = ServerAction::<SaveSignInNotice>::new();
    let error = Signal::derive(move || change.value().get().and_then(Result::err));
    let notice_error = Signal::derive(move || notice.value().get().and_then(Result::err));
    let current = Resource::new(move || notice.version().get(), |_| load_sign_in_notice());
    view! {
        <h3 id="change-email">"Change email address"</h3>
        <ActionForm action=change attr:class="stack" attr:aria-label="Change email address">
            <TextField name="new_email" label="New email address" kind="email" autocomplete="email" required=true error/>
            <TextField name="password" label="Your password" kind="password" autocomplete="current-password" required=true error/>
            <FormAlert error/>
            {move || change.value().get().and_then(Result::ok).map(|()| view! {
                <p class="notice" role="status">"Check the new address: the change happens when you follow the link we sent there (it works for 24 hours)."</p>
            })}
            <button class="button secondary" type="submit" disabled=move || change.pending().get()>"Send confirmation link"</button>
        </ActionForm>
        <h3>"Sign-in alerts"</h3>
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let on = current.await.unwrap_or(false);
                view! {
                    <ActionForm action=notice attr:class="stack" attr:aria-label="Sign-in alerts">
                        <label class="checkbox"><input type="checkbox" name="on" value="true" checked=on/>" Email me when my account is signed in to from a new device"</label>
                        <FormAlert error=notice_error/>
                        {move || notice.value().get().and_then(Result::ok).map(|()| view! { <p class="notice" role="status">"Saved."</p> })}
                        <button class="button secondary" type="submit">"Save alert setting"</button>
                    </ActionForm>
                }
            })}
        </Suspense>
    }
}

/// Settings → Profile: the fields, and the picture (uploaded by a plain form post, which the
/// server turns into a 256×256 PNG).
#[component]
fn ProfileSettings() -> impl IntoView {
    let save = ServerAction::<SaveProfile>::new();
    let remove = ServerAction::<RemoveAvatar>::new();
    let profile = Resource::new(move || (save.version().get(), remove.version().get()), |_| load_profile());
    view! {
        <section class="panel" aria-labelledby="profile">
            <h2 id="profile">"Profile"</h2>
            <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match profile.await {
                        Ok(profile) => view! { <ProfileForms profile save remove/> }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn ProfileForms(profile: Profile, save: ServerAction<SaveProfile>, remove: ServerAction<RemoveAvatar>) -> impl IntoView {
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let bio_error = move || error.get().and_then(|e| e.field_message("bio"));
    let here = use_location().pathname.get_untracked();
    let query = use_query_map();
    let outcome = query.read_untracked().get("avatar").unwrap_or_default();
    let (notice, problem) = match outcome.as_str() {
        "saved" => (Some("Picture saved."), None),
        "type" => (None, Some("Upload a PNG, JPEG or WebP picture.")),
        "size" => (None, Some("The picture is larger than 2 MB.")),
        "missing" => (None, Some("Choose a picture to upload.")),
        _ => (None, None),
    };
    let zones: Vec<(String, String)> = profile.timezones.iter().map(|z| (z.clone(), z.replace('_', " "))).collect();
    let currencies: Vec<(String, String)> = profile.currencies.iter().map(|c| (c.clone(), c.clone())).collect();
    let fields = profile.fields.clone();
    let picture = (profile.avatar_version > 0).then(|| view! {
        <img class="avatar-picture" src=format!("/avatars/{}?v={}", profile.user_id, profile.avatar_version) alt="Your picture" width="96" height="96"/>
        <ActionForm action=remove attr:class="inline-form">
            <button class="button secondary small" type="submit">"Remove picture"</button>
        </ActionForm>
    });
    view! {
        <div class="profile-picture">
            {picture}
            <form method="post" action="/account/avatar" enctype="multipart/form-data" class="stack" aria-label="Profile picture">
                <input type="hidden" name="back" value=here/>
                <div class="field">
                    <label for="avatar-file">"Picture (PNG, JPEG or WebP, up to 2 MB)"</label>
                    <input id="avatar-file" type="file" name="avatar" accept="image/png,image/jpeg,image/webp" required=true aria-invalid=problem.map(|_| "true")/>
                    {problem.map(|m| view! { <p class="field-error">{m}</p> })}
                </div>
                {notice.map(|m| view! { <p class="notice" role="status">{m}</p> })}
                <button class="button secondary" type="submit">"Upload picture"</button>
            </form>
        </div>
        <ActionForm action=save attr:class="stack" attr:aria-label="Profile">
            <TextField name="fields[full_name]" label="Name" autocomplete="name" required=true value=fields.full_name error/>
            <TextField name="fields[job_title]" label="Job title" autocomplete="organization-title" value=fields.job_title error/>
            <TextField name="fields[phone]" label="Phone" kind="tel" autocomplete="tel" value=fields.phone error/>
            <div class="field">
                <label for="field-bio">"About you"</label>
                <textarea id="field-bio" name="fields[bio]" rows="3" aria-invalid=move || bio_error().is_some().then_some("true")>{fields.bio}</textarea>
                {move || bio_error().map(|m| view! { <p class="field-error">{m}</p> })}
            </div>
            <div class="field-row">
                <SelectField name="fields[timezone]" label="Time zone" options=zones selected=fields.timezone error/>
                <SelectField name="fields[currency]" label="Preferred currency" options=currencies selected=fields.currency error/>
            </div>
            <FormAlert error/>
            {move || save.value().get().and_then(Result::ok).map(|()| view! { <p class="notice" role="status">"Profile saved."</p> })}
            <button class="button primary" type="submit" disabled=move || save.pending().get()>"Save profile"</button>
        </ActionForm>
    }
}
