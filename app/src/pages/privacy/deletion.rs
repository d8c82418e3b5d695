//! Settings → Privacy → Delete my account, the page a pending account signs in to
//! (`/account/deletion`: download the data, cancel, sign out; nothing else), and the operators'
//! Accounts page (`/operator/accounts`: find an account, mark it reported as under 16).

use crate::api::auth::SignOut;
use crate::api::deletion::{
    load_deletion_status, find_account, list_reports, AccountReport, AccountSummary, CancelDeletion, DeletionStatus, ReportUnder16, RequestDeletion,
    WorkspaceRef,
};
use crate::components::field::{CheckboxField, FormAlert, TextField};
use crate::components::layout::{PublicPage, SiteFooter};
use crate::error::AppError;
use crate::pages::records::{encode_query, format_time, ErrorNotice};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The Privacy page's section: what deleting does, what stands in the way, and the form.
#[component]
pub fn DeleteAccountSection() -> impl IntoView {
    let request = ServerAction::<RequestDeletion>::new();
    let error = Signal::derive(move || request.value().get().and_then(Result::err));
    let status = Resource::new(|| (), |_| load_deletion_status());
    view! {
        <section class="panel danger-zone" aria-labelledby="delete-account-heading">
            <h2 id="delete-account-heading">"Delete my account"</h2>
            <p>"Deleting your account takes 30 days, so that you can change your mind:"</p>
            <ul>
                <li>"You are signed out everywhere at once. For 30 days you can only sign in to download your data or to cancel the deletion."</li>
                <li>"We email you to confirm, and again 7 days and 1 day before the end."</li>
                <li>"After 30 days everything about you is deleted for good: profile, sessions, preferences, consents, usage data and your messages to us. Only anonymous, aggregated statistics remain."</li>
                <li>"Records you created in workspaces that carry on stay there, shown as by a “Former member”."</li>
                <li>"Workspaces where you are the only member are deleted with your account."</li>
            </ul>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    status.await.ok().map(|status| view! { <WhatDeletingDoes status/> })
                })}
            </Suspense>
            <ActionForm action=request attr:class="stack" attr:aria-label="Delete my account">
                <TextField name="password" label="Your password" kind="password" autocomplete="current-password" required=true error
                    hint="We ask for it again so that nobody else can delete your account."/>
                <FormAlert error/>
                <button class="button danger" type="submit" disabled=move || request.pending().get()>"Delete my account"</button>
            </ActionForm>
        </section>
    }
}

/// The workspaces that stand in the way (with where to transfer them) and those that go too.
#[component]
fn WhatDeletingDoes(status: DeletionStatus) -> impl IntoView {
    let names = |list: &[WorkspaceRef]| list.iter().map(|w| format!("“{}”", w.name)).collect::<Vec<_>>().join(", ");
    let with_account = (!status.deleted_with_account.is_empty()).then(|| {
        view! { <p>"Deleted with your account: " <strong>{names(&status.deleted_with_account)}</strong> "."</p> }
    });
    let blocking = (!status.transfer_first.is_empty()).then(|| {
        view! {
            <div class="notice" role="note">
                <p>"You are the only owner of these workspaces, which other people belong to. Transfer ownership of each to another member first:"</p>
                <ul>
                    {status.transfer_first.into_iter().map(|w| view! {
                        <li><a href=format!("/w/{}/settings/members", w.slug)>{w.name}" — Members and workspace"</a></li>
                    }).collect_view()}
                </ul>
            </div>
        }
    });
    view! { {with_account} {blocking} }
}

/// A page outside every workspace: the brand, the content, the footer.
#[component]
fn AccountFrame(children: Children) -> impl IntoView {
    view! {
        <header class="site-header">
            <a class="brand" href="/">"NexaCRM"</a>
        </header>
        <main class="page" id="content"><section class="narrow">{children()}</section></main>
        <SiteFooter/>
    }
}

/// `/account/deletion`: while the deletion waits, the purge date, the data download and "Cancel
/// deletion" — no workspace. Signed out (just after asking), what happens next and sign-in.
#[component]
pub fn PendingDeletionPage() -> impl IntoView {
    let query = use_query_map();
    let just_requested = move || query.read().get("requested").is_some();
    let cancel = ServerAction::<CancelDeletion>::new();
    let status = Resource::new(|| (), |_| load_deletion_status());
    view! {
        <Title text="Account deletion"/>
        <AccountFrame>
            <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match status.await {
                        Ok(DeletionStatus { due_at: Some(due_at), requested_at, .. }) => view! { <Pending due_at requested_at cancel/> }.into_any(),
                        Ok(_) => view! {
                            <h1>"Your account"</h1>
                            <p>"Your account is not scheduled for deletion."</p>
                            <p><a class="button primary" href="/">"Continue"</a></p>
                        }.into_any(),
                        Err(AppError::Unauthenticated) => view! { <SignedOut just_requested=just_requested()/> }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Suspense>
        </AccountFrame>
    }
}

#[component]
fn Pending(due_at: i64, requested_at: Option<i64>, cancel: ServerAction<CancelDeletion>) -> impl IntoView {
    let sign_out = ServerAction::<SignOut>::new();
    let error = Signal::derive(move || cancel.value().get().and_then(Result::err));
    view! {
        <h1>"Your account will be deleted"</h1>
        <p>
            {requested_at.map(|at| format!("You asked on {} to delete your account. ", format_time(at)))}
            "It will be deleted for good on " <strong>{format_time(due_at)}</strong> "."
        </p>
        <p>"Until then you can only download your data or cancel the deletion; your workspaces stay closed to you."</p>
        // The Privacy page's own download section (outside a workspace it offers only the
        // person's data, not a workspace export).
        <super::download::DataDownloadsSection/>
        <section class="panel" aria-labelledby="cancel-heading">
            <h2 id="cancel-heading">"Changed your mind?"</h2>
            <p>"Cancelling brings your account and workspaces back as they were."</p>
            <ActionForm action=cancel attr:class="stack" attr:aria-label="Cancel deletion">
                <FormAlert error/>
                <button class="button primary" type="submit" disabled=move || cancel.pending().get()>"Cancel deletion"</button>
            </ActionForm>
        </section>
        <ActionForm action=sign_out>
            <button class="button secondary" type="submit">"Sign out"</button>
        </ActionForm>
    }
}

#[component]
fn SignedOut(just_requested: bool) -> impl IntoView {
    let sign_in = format!("/signin?next={}", encode_query(crate::api::deletion::PENDING_PAGE));
    view! {
        {if just_requested {
            view! {
                <h1>"Your account will be deleted in 30 days"</h1>
                <p class="notice" role="status">"You have been signed out everywhere. We sent you an email confirming the date."</p>
                <p>"Until then, sign in to download your data or to cancel the deletion."</p>
            }.into_any()
        } else {
            view! {
                <h1>"Account deletion"</h1>
                <p>"Sign in to see when your account will be deleted, to download your data or to cancel the deletion."</p>
            }.into_any()
        }}
        <p><a class="button primary" href=sign_in>"Sign in"</a></p>
    }
}

/// `/operator/accounts`: find an account by address and mark it reported as under 16; the latest
/// reports. Operators only (everyone else sees "not found").
#[component]
pub fn OperatorAccountsPage() -> impl IntoView {
    let query = use_query_map();
    let email = move || query.read().get("email").unwrap_or_default();
    let report = ServerAction::<ReportUnder16>::new();
    let found = Resource::new(move || (email(), report.version().get()), |(email, _)| find_account(email));
    let reports = Resource::new(move || report.version().get(), |_| list_reports());
    view! {
        <Title text="Accounts"/>
        <PublicPage>
            <crate::components::layout::OperatorNav/>
            <h1>"Accounts"</h1>
            <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    let found = match found.await {
                        Ok(found) => found,
                        Err(error) => return view! { <ErrorNotice error/> }.into_any(),
                    };
                    let asked = email();
                    let outcome = match found {
                        Some(account) => view! { <AccountPanel account report/> }.into_any(),
                        None if !asked.trim().is_empty() => view! { <p class="notice" role="status">"No account has this address."</p> }.into_any(),
                        None => ().into_any(),
                    };
                    view! {
                        <form method="get" action="/operator/accounts" class="stack" role="search" aria-label="Find an account">
                            <div class="field">
                                <label for="account-email">"Email address"</label>
                                <input id="account-email" name="email" type="email" required=true value=asked/>
                            </div>
                            <button class="button primary" type="submit">"Find account"</button>
                        </form>
                        {outcome}
                        <ReportsPanel reports/>
                    }.into_any()
                })}
            </Suspense>
        </PublicPage>
    }
}

#[component]
fn AccountPanel(account: AccountSummary, report: ServerAction<ReportUnder16>) -> impl IntoView {
    let error = Signal::derive(move || report.value().get().and_then(Result::err));
    let status = match (account.suspended_at, account.deletion_due_at) {
        (Some(at), _) => format!("Suspended on {} (reported as under 16); purged by the next pass of the hourly job", format_time(at)),
        (None, Some(due)) => format!("Deletion requested; purged on {}", format_time(due)),
        (None, None) => "Active".to_owned(),
    };
    let form = account.suspended_at.is_none().then(|| view! {
        <ActionForm action=report attr:class="stack" attr:aria-label="Report as under 16">
            <input type="hidden" name="user_id" value=account.id.clone()/>
            <CheckboxField name="confirm" error>
                "This account was reported as belonging to someone under 16. Suspend it now and delete it with everything about its holder."
            </CheckboxField>
            <FormAlert error/>
            <button class="button danger" type="submit" disabled=move || report.pending().get()>"Suspend and delete"</button>
        </ActionForm>
    });
    view! {
        <section class="panel danger-zone" aria-labelledby="account-heading">
            <h2 id="account-heading">{account.name.clone()}</h2>
            <dl>
                <dt>"Email"</dt><dd>{account.email.clone()}</dd>
                <dt>"Signed up"</dt><dd>{format_time(account.created_at)}</dd>
                <dt>"Workspaces"</dt><dd>{account.workspaces}</dd>
                <dt>"Status"</dt><dd>{status}</dd>
            </dl>
            {form}
        </section>
    }
}

#[component]
fn ReportsPanel(reports: Resource<Result<Vec<AccountReport>, AppError>>) -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby="reports-heading">
            <h2 id="reports-heading">"Reported as under 16"</h2>
            <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    let list = match reports.await {
                        Ok(list) => list,
                        Err(error) => return view! { <ErrorNotice error/> }.into_any(),
                    };
                    if list.is_empty() {
                        return view! { <p class="muted">"No reports."</p> }.into_any();
                    }
                    view! {
                        <div class="table-scroll">
                            <table class="records">
                                <thead><tr><th scope="col">"Reported"</th><th scope="col">"By"</th><th scope="col">"Account"</th><th scope="col">"Purged"</th></tr></thead>
                                <tbody>
                                    {list.into_iter().map(|r| view! {
                                        <tr>
                                            <td>{format_time(r.reported_at)}</td>
                                            <td>{r.reported_by.unwrap_or_else(|| "A former operator".into())}</td>
                                            <td>{r.account_email.unwrap_or_else(|| "Deleted account".into())}</td>
                                            <td>{r.purged_at.map(format_time).unwrap_or_else(|| "Waiting for the next pass".into())}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any()
                })}
            </Suspense>
        </section>
    }
}
