//! The account page: who you are signed in as, your workspaces, and security: the password and
//! the sessions signed in to the account.

use crate::api::account::{list_my_sessions, load_sign_in_notice, ChangePassword, EndMyOtherSessions, EndMySession, RequestEmailChange, SaveSignInNotice};
use crate::api::profile::{load_profile, Profile, RemoveAvatar, SaveProfile};
use crate::api::workspaces::WorkspaceShell;
use crate::components::field::{FormAlert, SelectField, TextField};
use crate::i18n_setup::{t, t_string, use_i18n, Locale};
use leptos_router::hooks::{use_location, use_query_map};
use crate::pages::records::{format_time, ErrorNotice};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AccountPage() -> impl IntoView {
    let shell = expect_context::<WorkspaceShell>();
    let minutes_left = shell.session_remaining_ms / 60_000;
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, workspace.account.title)/>
        <h1>{t!(i18n, workspace.account.title)}</h1>
        <ProfileSettings/>
        <section class="panel" aria-labelledby="workspaces">
            <h2 id="workspaces">{t!(i18n, workspace.account.workspaces_heading)}</h2>
            <ul>
                {shell.workspaces.iter().map(|w| view! {
                    <li><a href=format!("/w/{}", w.slug)>{w.name.clone()}</a> " " <span class="badge">{super::role_label(i18n, w.role)}</span></li>
                }).collect_view()}
            </ul>
        </section>
        <Security/>
        <section class="panel" aria-labelledby="session">
            <h2 id="session">{t!(i18n, workspace.account.session_heading)}</h2>
            <p>{t_string!(i18n, workspace.account.session_text, minutes = minutes_left.max(1))}</p>
        </section>
    }
}

/// The fixed words the server describes a session with (its browser, system, device and network
/// when unknown, its device class), in the page's language; browser and system names stay as they are.
fn device_words(i18n: leptos_i18n::I18nContext<Locale>, shown: &str) -> String {
    match shown {
        "Unknown browser" => t_string!(i18n, workspace.account.security.devices.unknown_browser),
        "Unknown system" => t_string!(i18n, workspace.account.security.devices.unknown_system),
        "Unknown device" => t_string!(i18n, workspace.account.security.devices.unknown_device),
        "Computer" => t_string!(i18n, workspace.account.security.devices.computer),
        "Phone" => t_string!(i18n, workspace.account.security.devices.phone),
        "Mobile phone" => t_string!(i18n, workspace.account.security.devices.mobile_phone),
        "Appliance" => t_string!(i18n, workspace.account.security.devices.appliance),
        "Robot" => t_string!(i18n, workspace.account.security.devices.robot),
        "Unknown" => t_string!(i18n, workspace.account.security.devices.unknown_network),
        other => return other.to_owned(),
    }
    .to_owned()
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
    let i18n = use_i18n();
    view! {
        <section class="panel" aria-labelledby="security">
            <h2 id="security">{t!(i18n, workspace.account.security.heading)}</h2>
            <h3 id="change-password">{t!(i18n, workspace.account.security.change_password)}</h3>
            <ActionForm action=password attr:class="stack" attr:aria-label=t_string!(i18n, workspace.account.security.change_password)>
                <TextField name="current" label=t_string!(i18n, workspace.account.security.current_password) kind="password" autocomplete="current-password" required=true error=password_error/>
                <TextField name="password" label=t_string!(i18n, workspace.account.security.new_password) kind="password" autocomplete="new-password" required=true error=password_error
                    hint=t_string!(i18n, workspace.account.security.password_hint)/>
                <FormAlert error=password_error/>
                {move || password.value().get().and_then(Result::ok).map(|()| view! { <p class="notice" role="status">{t!(i18n, workspace.account.security.password_changed)}</p> })}
                <button class="button primary" type="submit" disabled=move || password.pending().get()>{t!(i18n, workspace.account.security.change_password)}</button>
            </ActionForm>
            <EmailChange/>
            <h3 id="sessions">{t!(i18n, workspace.account.security.sessions_heading)}</h3>
            <FormAlert error=sessions_error/>
            <Suspense fallback=move || view! { <p class="muted">{t!(i18n, workspace.loading)}</p> }>
                {move || Suspend::new(async move {
                    let sessions = match sessions.await {
                        Ok(sessions) => sessions,
                        Err(error) => return view! { <ErrorNotice error/> }.into_any(),
                    };
                    let others = sessions.iter().filter(|s| !s.current).count();
                    view! {
                        <div class="table-scroll">
                            <table class="records">
                                <thead>
                                    <tr>
                                        <th scope="col">{t!(i18n, workspace.account.security.columns.browser)}</th>
                                        <th scope="col">{t!(i18n, workspace.account.security.columns.system)}</th>
                                        <th scope="col">{t!(i18n, workspace.account.security.columns.device)}</th>
                                        <th scope="col">{t!(i18n, workspace.account.security.columns.network)}</th>
                                        <th scope="col">{t!(i18n, workspace.account.security.columns.signed_in)}</th>
                                        <th scope="col">{t!(i18n, workspace.account.security.columns.last_active)}</th>
                                        <th scope="col"><span class="visually-hidden">{t!(i18n, workspace.account.security.columns.end)}</span></th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {sessions.into_iter().map(|s| {
                                        let (browser, os) = (device_words(i18n, &s.browser), device_words(i18n, &s.os));
                                        let end = (!s.current).then(|| {
                                            let label = t_string!(i18n, workspace.account.security.end_label, browser = browser.clone(), system = os.clone());
                                            view! {
                                                <ActionForm action=end_one attr:class="inline-form">
                                                    <input type="hidden" name="id" value=s.id.clone()/>
                                                    <button class="button secondary small" type="submit" aria-label=label>{t!(i18n, workspace.account.security.end)}</button>
                                                </ActionForm>
                                            }
                                        });
                                        view! {
                                            <tr>
                                                <td>{browser}{s.current.then(|| view! { " " <span class="badge success">{t!(i18n, workspace.account.security.this_browser)}</span> })}</td>
                                                <td>{os}</td>
                                                <td>{device_words(i18n, &s.device)}</td>
                                                <td>{device_words(i18n, &s.approximate_ip)}</td>
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
                                <button class="button secondary" type="submit">{t!(i18n, workspace.account.security.sign_out_others)}</button>
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
    let i18n = use_i18n();
    view! {
        <h3 id="change-email">{t!(i18n, workspace.account.email.heading)}</h3>
        <ActionForm action=change attr:class="stack" attr:aria-label=t_string!(i18n, workspace.account.email.heading)>
            <TextField name="new_email" label=t_string!(i18n, workspace.account.email.new_email) kind="email" autocomplete="email" required=true error/>
            <TextField name="password" label=t_string!(i18n, workspace.account.email.password) kind="password" autocomplete="current-password" required=true error/>
            <FormAlert error/>
            {move || change.value().get().and_then(Result::ok).map(|()| view! {
                <p class="notice" role="status">{t!(i18n, workspace.account.email.sent)}</p>
            })}
            <button class="button secondary" type="submit" disabled=move || change.pending().get()>{t!(i18n, workspace.account.email.send)}</button>
        </ActionForm>
        <h3>{t!(i18n, workspace.account.email.alerts_heading)}</h3>
        <Suspense fallback=move || view! { <p class="muted">{t!(i18n, workspace.loading)}</p> }>
            {move || Suspend::new(async move {
                let on = current.await.unwrap_or(false);
                view! {
                    <ActionForm action=notice attr:class="stack" attr:aria-label=t_string!(i18n, workspace.account.email.alerts_heading)>
                        <label class="checkbox"><input type="checkbox" name="on" value="true" checked=on/>{t!(i18n, workspace.account.email.alerts_checkbox)}</label>
                        <FormAlert error=notice_error/>
                        {move || notice.value().get().and_then(Result::ok).map(|()| view! { <p class="notice" role="status">{t!(i18n, workspace.account.email.saved)}</p> })}
                        <button class="button secondary" type="submit">{t!(i18n, workspace.account.email.save_alerts)}</button>
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
    let i18n = use_i18n();
    view! {
        <section class="panel" aria-labelledby="profile">
            <h2 id="profile">{t!(i18n, workspace.account.profile.heading)}</h2>
            <Suspense fallback=move || view! { <p class="muted">{t!(i18n, workspace.loading)}</p> }>
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
    let i18n = use_i18n();
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let bio_error = move || error.get().and_then(|e| e.field_message("bio"));
    let here = use_location().pathname.get_untracked();
    let query = use_query_map();
    let outcome = query.read_untracked().get("avatar").unwrap_or_default();
    let (notice, problem) = match outcome.as_str() {
        "saved" => (Some(t_string!(i18n, workspace.account.profile.picture_saved)), None),
        "type" => (None, Some(t_string!(i18n, workspace.account.profile.picture_wrong_type))),
        "size" => (None, Some(t_string!(i18n, workspace.account.profile.picture_too_large))),
        "missing" => (None, Some(t_string!(i18n, workspace.account.profile.picture_missing))),
        _ => (None, None),
    };
    let zones: Vec<(String, String)> = profile.timezones.iter().map(|z| (z.clone(), z.replace('_', " "))).collect();
    let currencies: Vec<(String, String)> = profile.currencies.iter().map(|c| (c.clone(), c.clone())).collect();
    let fields = profile.fields.clone();
    let picture = (profile.avatar_version > 0).then(|| view! {
        <img class="avatar-picture" src=format!("/avatars/{}?v={}", profile.user_id, profile.avatar_version) alt=t_string!(i18n, workspace.account.profile.picture_alt) width="96" height="96"/>
        <ActionForm action=remove attr:class="inline-form">
            <button class="button secondary small" type="submit">{t!(i18n, workspace.account.profile.remove_picture)}</button>
        </ActionForm>
    });
    view! {
        <div class="profile-picture">
            {picture}
            <form method="post" action="/account/avatar" enctype="multipart/form-data" class="stack" aria-label=t_string!(i18n, workspace.account.profile.picture_form)>
                <input type="hidden" name="back" value=here/>
                <div class="field">
                    <label for="avatar-file">{t!(i18n, workspace.account.profile.picture_label)}</label>
                    <input id="avatar-file" type="file" name="avatar" accept="image/png,image/jpeg,image/webp" required=true aria-invalid=problem.map(|_| "true")/>
                    {problem.map(|m| view! { <p class="field-error">{m}</p> })}
                </div>
                {notice.map(|m| view! { <p class="notice" role="status">{m}</p> })}
                <button class="button secondary" type="submit">{t!(i18n, workspace.account.profile.upload)}</button>
            </form>
        </div>
        <ActionForm action=save attr:class="stack" attr:aria-label=t_string!(i18n, workspace.account.profile.heading)>
            <TextField name="fields[full_name]" label=t_string!(i18n, workspace.account.profile.name) autocomplete="name" required=true value=fields.full_name error/>
            <TextField name="fields[job_title]" label=t_string!(i18n, workspace.account.profile.job_title) autocomplete="organization-title" value=fields.job_title error/>
            <TextField name="fields[phone]" label=t_string!(i18n, workspace.account.profile.phone) kind="tel" autocomplete="tel" value=fields.phone error/>
            <div class="field">
                <label for="field-bio">{t!(i18n, workspace.account.profile.about)}</label>
                <textarea id="field-bio" name="fields[bio]" rows="3" aria-invalid=move || bio_error().is_some().then_some("true")>{fields.bio}</textarea>
                {move || bio_error().map(|m| view! { <p class="field-error">{m}</p> })}
            </div>
            <div class="field-row">
                <SelectField name="fields[timezone]" label=t_string!(i18n, workspace.account.profile.time_zone) options=zones selected=fields.timezone error/>
                <SelectField name="fields[currency]" label=t_string!(i18n, workspace.account.profile.currency) options=currencies selected=fields.currency error/>
            </div>
            <FormAlert error/>
            {move || save.value().get().and_then(Result::ok).map(|()| view! { <p class="notice" role="status">{t!(i18n, workspace.account.profile.saved)}</p> })}
            <button class="button primary" type="submit" disabled=move || save.pending().get()>{t!(i18n, workspace.account.profile.save)}</button>
        </ActionForm>
    }
}
