//! The account page: who you are signed in as, your workspaces, and security: the password and
//! the sessions signed in to the account.

use crate::api::account::{list_my_sessions, ChangePassword, EndMyOtherSessions, EndMySession};
use crate::api::workspaces::WorkspaceShell;
use crate::components::field::{FormAlert, TextField};
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
            <h3>"Change password"</h3>
            <ActionForm action=password attr:class="stack" attr:aria-label="Change password">
                <TextField name="current" label="Current password" kind="password" autocomplete="current-password" required=true error=password_error/>
                <TextField name="password" label="New password" kind="password" autocomplete="new-password" required=true error=password_error
                    hint="12 to 128 characters. Your other sessions are signed out."/>
                <FormAlert error=password_error/>
                {move || password.value().get().and_then(Result::ok).map(|()| view! { <p class="notice" role="status">"Password changed. Your other sessions were signed out."</p> })}
                <button class="button primary" type="submit" disabled=move || password.pending().get()>"Change password"</button>
            </ActionForm>
            <h3>"Where you are signed in"</h3>
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
