//! The app shell around every workspace page.

use crate::api::auth::{get_session_status, SignOut};
use crate::api::workspaces::{load_workspace_shell, WorkspaceShell};
use crate::error::AppError;
use crate::i18n_setup::{t, t_string, use_i18n};
use crate::pages::not_found::NotFoundMessage;
use leptos::either::EitherOf4;
use leptos::prelude::*;
use leptos_router::components::{Outlet, Redirect, A};
use leptos_router::hooks::{use_location, use_navigate, use_params_map};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Where to send someone whose session is gone, so they come back here after signing in.
fn sign_in_path(current: &str, expired: bool) -> String {
    let next = current.replace('%', "%25").replace('&', "%26").replace('#', "%23").replace('?', "%3F");
    format!("/signin?{}next={next}", if expired { "expired=1&" } else { "" })
}

#[component]
pub fn WorkspaceLayout() -> impl IntoView {
    let params = use_params_map();
    let location = use_location();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let shell = Resource::new(slug, load_workspace_shell);
    let i18n = use_i18n();
    view! {
        <Suspense fallback=move || view! { <p class="muted page">{t!(i18n, workspace.loading)}</p> }>
            {move || Suspend::new(async move {
                match shell.await {
                    Ok(shell) => EitherOf4::A(view! { <AppShell shell/> }),
                    Err(AppError::Unauthenticated) => {
                        let path = sign_in_path(&location.pathname.get_untracked(), true);
                        EitherOf4::B(view! { <Redirect path/> })
                    }
                    // The shell refuses only an account waiting for its deletion: to its page.
                    Err(AppError::Forbidden) => {
                        let path = crate::api::deletion::PENDING_PAGE.to_owned();
                        EitherOf4::B(view! { <Redirect path/> })
                    }
                    Err(AppError::NotFound) => EitherOf4::C(view! { <main class="page"><NotFoundMessage/></main> }),
                    Err(other) => EitherOf4::D(view! {
                        <main class="page"><p class="form-error" role="alert">{other.message(crate::i18n_setup::current_locale())}</p></main>
                    }),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AppShell(shell: WorkspaceShell) -> impl IntoView {
    provide_context(shell.clone());
    provide_context(shell.zone.clone());
    watch_session_end(shell.session_remaining_ms);
    let sign_out = ServerAction::<SignOut>::new();
    let base = format!("/w/{}", shell.workspace.slug);
    let others: Vec<_> = shell.workspaces.iter().filter(|w| w.slug != shell.workspace.slug).cloned().collect();
    let i18n = use_i18n();
    view! {
        <a class="skip-link" href="#content">{t!(i18n, workspace.layout.skip_to_content)}</a>
        <div class="app">
            <nav class="app-nav" aria-label=t_string!(i18n, workspace.layout.nav_label)>
                <details class="workspace-switcher">
                    <summary>
                        <span class="visually-hidden">{t_string!(i18n, workspace.layout.current_workspace)}</span>
                        {shell.workspace.name.clone()}
                        " " <span class="badge">{super::role_label(i18n, shell.workspace.role)}</span>
                    </summary>
                    <ul>
                        {others.into_iter().map(|w| view! {
                            <li><a href=format!("/w/{}", w.slug)>{w.name}" "<span class="badge">{super::role_label(i18n, w.role)}</span></a></li>
                        }).collect_view()}
                        <li class="muted">{t_string!(i18n, workspace.layout.you_are_in, name = shell.workspace.name.clone())}</li>
                    </ul>
                </details>
                <A href=base.clone() exact=true>{t!(i18n, workspace.layout.nav.home)}</A>
                <A href=format!("{base}/work")>{t!(i18n, workspace.layout.nav.my_work)}</A>
                <A href=format!("{base}/contacts")>{t!(i18n, workspace.layout.nav.contacts)}</A>
                <A href=format!("{base}/companies")>{t!(i18n, workspace.layout.nav.companies)}</A>
                <A href=format!("{base}/leads")>{t!(i18n, workspace.layout.nav.leads)}</A>
                <A href=format!("{base}/deals")>{t!(i18n, workspace.layout.nav.pipeline)}</A>
                <A href=format!("{base}/tickets")>{t!(i18n, workspace.layout.nav.tickets)}</A>
                <A href=format!("{base}/emails")>{t!(i18n, workspace.layout.nav.emails)}</A>
                <A href=format!("{base}/trash")>{t!(i18n, workspace.layout.nav.trash)}</A>
            </nav>
            <div class="app-main">
                <header class="app-header">
                    <crate::pages::search::GlobalSearch slug=shell.workspace.slug.clone()/>
                    <details class="user-menu">
                        <summary>{shell.me_name.clone()}</summary>
                        <div class="menu">
                            <p class="muted">{shell.me_email.clone()}</p>
                            <a href=format!("{base}/account")>{t!(i18n, workspace.layout.menu.account)}</a>
                            <a href=format!("{base}/privacy")>{t!(i18n, workspace.layout.menu.privacy)}</a>
                            <a href=format!("{base}/settings/members")>{t!(i18n, workspace.layout.menu.members)}</a>
                            <a href=format!("{base}/settings/pipeline")>{t!(i18n, workspace.layout.menu.pipeline_stages)}</a>
                            <a href=format!("{base}/settings/tags")>{t!(i18n, workspace.layout.menu.tags)}</a>
                            <a href={
                                // The page the person asks from goes with their message (as its context).
                                let (help, here) = (format!("{base}/help?from="), use_location().pathname);
                                move || format!("{help}{}", here.get().replace('%', "%25").replace('&', "%26").replace('#', "%23"))
                            }>{t!(i18n, workspace.layout.menu.help)}</a>
                            <crate::components::consent_banner::ThemeSwitch/>
                            <crate::components::consent_banner::LanguageSwitch/>
                            <ActionForm action=sign_out>
                                <button class="link" type="submit">{t!(i18n, workspace.layout.menu.sign_out)}</button>
                            </ActionForm>
                        </div>
                    </details>
                </header>
                <main class="page" id="content">
                    <crate::pages::privacy::ExportReadyNotice slug=shell.workspace.slug.clone() ready=shell.export_ready/>
                    <crate::pages::settings::WorkspaceDeletionNotice slug=shell.workspace.slug.clone() due_at=shell.deletion_due_at/>
                    <Outlet/>
                </main>
                <footer class="app-footer">
                    <nav aria-label=t_string!(i18n, workspace.layout.footer.label)>
                        <a href="/privacy">{t!(i18n, workspace.layout.footer.privacy_policy)}</a>
                        <a href="/terms">{t!(i18n, workspace.layout.footer.terms)}</a>
                        <crate::components::consent_banner::CookieSettingsLink/>
                    </nav>
                    <crate::components::layout::SecurityContacts/>
                </footer>
            </div>
        </div>
    }
}

/// In the browser: when the session's time is up, ask the server (without extending the session)
/// and go to sign-in if it has really ended; activity in another tab may have extended it. The
/// watch stops when this shell goes away (sign-out, another workspace).
fn watch_session_end(remaining_ms: i64) {
    let alive = Arc::new(AtomicBool::new(true));
    let on_leave = alive.clone();
    on_cleanup(move || on_leave.store(false, Ordering::Relaxed));
    let navigate = use_navigate();
    let path = use_location().pathname.get_untracked();
    Effect::new(move |_| schedule_check(remaining_ms, navigate.clone(), path.clone(), alive.clone()));
}

fn schedule_check(
    remaining_ms: i64,
    navigate: impl Fn(&str, leptos_router::NavigateOptions) + Clone + 'static,
    path: String,
    alive: Arc<AtomicBool>,
) {
    let wait = Duration::from_millis(u64::try_from(remaining_ms).unwrap_or(0).saturating_add(1_000));
    set_timeout(
        move || {
            if !alive.load(Ordering::Relaxed) {
                return;
            }
            leptos::task::spawn_local(async move {
                let status = get_session_status().await;
                if !alive.load(Ordering::Relaxed) {
                    return;
                }
                match status {
                    Ok(status) if status.signed_in => schedule_check(status.remaining_ms, navigate, path, alive),
                    Ok(_) => navigate(&sign_in_path(&path, true), Default::default()),
                    // Offline for a moment: look again in a minute.
                    Err(_) => schedule_check(60_000, navigate, path, alive),
                }
            });
        },
        wait,
    );
}
