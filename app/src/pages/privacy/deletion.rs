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
use crate::i18n_setup::{t, t_string, use_i18n};
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
    let i18n = use_i18n();
    view! {
        <section class="panel danger-zone" aria-labelledby="delete-account-heading">
            <h2 id="delete-account-heading">{t!(i18n, privacy.deletion.heading)}</h2>
            <p>{t!(i18n, privacy.deletion.intro)}</p>
            <ul>
                <li>{t!(i18n, privacy.deletion.signed_out)}</li>
                <li>{t!(i18n, privacy.deletion.emails)}</li>
                <li>{t!(i18n, privacy.deletion.deleted_for_good)}</li>
                <li>{t!(i18n, privacy.deletion.records_stay)}</li>
                <li>{t!(i18n, privacy.deletion.workspaces_go)}</li>
            </ul>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    status.await.ok().map(|status| view! { <WhatDeletingDoes status/> })
                })}
            </Suspense>
            <ActionForm action=request attr:class="stack" attr:aria-label=t_string!(i18n, privacy.deletion.heading)>
                <TextField name="password" label=t_string!(i18n, privacy.deletion.password) kind="password" autocomplete="current-password" required=true error
                    hint=t_string!(i18n, privacy.deletion.password_hint)/>
                <FormAlert error/>
                <button class="button danger" type="submit" disabled=move || request.pending().get()>{t!(i18n, privacy.deletion.heading)}</button>
            </ActionForm>
        </section>
    }
}

/// The workspaces that stand in the way (with where to transfer them) and those that go too.
#[component]
fn WhatDeletingDoes(status: DeletionStatus) -> impl IntoView {
    let i18n = use_i18n();
    let names = |list: &[WorkspaceRef]| {
        list.iter().map(|w| t_string!(i18n, privacy.deletion.quoted, name = &w.name).to_string()).collect::<Vec<_>>().join(", ")
    };
    let with_account = (!status.deleted_with_account.is_empty()).then(|| {
        view! { <p>{t!(i18n, privacy.deletion.deleted_with_account)} <strong>{names(&status.deleted_with_account)}</strong> "."</p> }
    });
    let blocking = (!status.transfer_first.is_empty()).then(|| {
        view! {
            <div class="notice" role="note">
                <p>{t!(i18n, privacy.deletion.transfer_first)}</p>
                <ul>
                    {status.transfer_first.into_iter().map(|w| view! {
                        <li><a href=format!("/w/{}/settings/members", w.slug)>{w.name}{t!(i18n, privacy.deletion.members_link)}</a></li>
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
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, privacy.pending.title)/>
        <AccountFrame>
            <Suspense fallback=move || view! { <p class="muted">{t!(i18n, privacy.loading)}</p> }>
                {move || Suspend::new(async move {
                    match status.await {
                        Ok(DeletionStatus { due_at: Some(due_at), requested_at, .. }) => view! { <Pending due_at requested_at cancel/> }.into_any(),
                        Ok(_) => view! {
                            <h1>{t!(i18n, privacy.pending.your_account)}</h1>
                            <p>{t!(i18n, privacy.pending.not_scheduled)}</p>
                            <p><a class="button primary" href="/">{t!(i18n, privacy.pending.continue_link)}</a></p>
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
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, privacy.pending.heading)}</h1>
        <p>
            {requested_at.map(|at| t_string!(i18n, privacy.pending.asked_on, time = format_time(at)).to_string())}
            {t!(i18n, privacy.pending.due_before)} <strong>{format_time(due_at)}</strong> {t!(i18n, privacy.pending.due_after)}
        </p>
        <p>{t!(i18n, privacy.pending.until_then)}</p>
        // The Privacy page's own download section (outside a workspace it offers only the
        // person's data, not a workspace export).
        <super::download::DataDownloadsSection/>
        <section class="panel" aria-labelledby="cancel-heading">
            <h2 id="cancel-heading">{t!(i18n, privacy.pending.changed_mind)}</h2>
            <p>{t!(i18n, privacy.pending.cancelling)}</p>
            <ActionForm action=cancel attr:class="stack" attr:aria-label=t_string!(i18n, privacy.pending.cancel)>
                <FormAlert error/>
                <button class="button primary" type="submit" disabled=move || cancel.pending().get()>{t!(i18n, privacy.pending.cancel)}</button>
            </ActionForm>
        </section>
        <ActionForm action=sign_out>
            <button class="button secondary" type="submit">{t!(i18n, privacy.pending.sign_out)}</button>
        </ActionForm>
    }
}

#[component]
fn SignedOut(just_requested: bool) -> impl IntoView {
    let sign_in = format!("/signin?next={}", encode_query(crate::api::deletion::PENDING_PAGE));
    let i18n = use_i18n();
    view! {
        {if just_requested {
            view! {
                <h1>{t!(i18n, privacy.pending.requested_heading)}</h1>
                <p class="notice" role="status">{t!(i18n, privacy.pending.requested_notice)}</p>
                <p>{t!(i18n, privacy.pending.requested_until)}</p>
            }.into_any()
        } else {
            view! {
                <h1>{t!(i18n, privacy.pending.title)}</h1>
                <p>{t!(i18n, privacy.pending.sign_in_to_see)}</p>
            }.into_any()
        }}
        <p><a class="button primary" href=sign_in>{t!(i18n, privacy.pending.sign_in)}</a></p>
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
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, privacy.accounts.title)/>
        <PublicPage>
            <crate::components::layout::OperatorNav/>
            <h1>{t!(i18n, privacy.accounts.title)}</h1>
            <Suspense fallback=move || view! { <p class="muted">{t!(i18n, privacy.loading)}</p> }>
                {move || Suspend::new(async move {
                    let found = match found.await {
                        Ok(found) => found,
                        Err(error) => return view! { <ErrorNotice error/> }.into_any(),
                    };
                    let asked = email();
                    let outcome = match found {
                        Some(account) => view! { <AccountPanel account report/> }.into_any(),
                        None if !asked.trim().is_empty() => view! { <p class="notice" role="status">{t!(i18n, privacy.accounts.no_account)}</p> }.into_any(),
                        None => ().into_any(),
                    };
                    view! {
                        <form method="get" action="/operator/accounts" class="stack" role="search" aria-label=t_string!(i18n, privacy.accounts.find_label)>
                            <div class="field">
                                <label for="account-email">{t!(i18n, privacy.accounts.email_address)}</label>
                                <input id="account-email" name="email" type="email" required=true value=asked/>
                            </div>
                            <button class="button primary" type="submit">{t!(i18n, privacy.accounts.find)}</button>
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
    let i18n = use_i18n();
    let status = match (account.suspended_at, account.deletion_due_at) {
        (Some(at), _) => t_string!(i18n, privacy.accounts.suspended, time = format_time(at)).to_string(),
        (None, Some(due)) => t_string!(i18n, privacy.accounts.deletion_requested, time = format_time(due)).to_string(),
        (None, None) => t_string!(i18n, privacy.accounts.active).to_owned(),
    };
    let form = account.suspended_at.is_none().then(|| view! {
        <ActionForm action=report attr:class="stack" attr:aria-label=t_string!(i18n, privacy.accounts.report_label)>
            <input type="hidden" name="user_id" value=account.id.clone()/>
            <CheckboxField name="confirm" error>
                {t!(i18n, privacy.accounts.report_confirm)}
            </CheckboxField>
            <FormAlert error/>
            <button class="button danger" type="submit" disabled=move || report.pending().get()>{t!(i18n, privacy.accounts.suspend)}</button>
        </ActionForm>
    });
    view! {
        <section class="panel danger-zone" aria-labelledby="account-heading">
            <h2 id="account-heading">{account.name.clone()}</h2>
            <dl>
                <dt>{t!(i18n, privacy.accounts.email)}</dt><dd>{account.email.clone()}</dd>
                <dt>{t!(i18n, privacy.accounts.signed_up)}</dt><dd>{format_time(account.created_at)}</dd>
                <dt>{t!(i18n, privacy.accounts.workspaces)}</dt><dd>{account.workspaces}</dd>
                <dt>{t!(i18n, privacy.accounts.status)}</dt><dd>{status}</dd>
            </dl>
            {form}
        </section>
    }
}

#[component]
fn ReportsPanel(reports: Resource<Result<Vec<AccountReport>, AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="panel" aria-labelledby="reports-heading">
            <h2 id="reports-heading">{t!(i18n, privacy.accounts.reports_heading)}</h2>
            <Suspense fallback=move || view! { <p class="muted">{t!(i18n, privacy.loading)}</p> }>
                {move || Suspend::new(async move {
                    let list = match reports.await {
                        Ok(list) => list,
                        Err(error) => return view! { <ErrorNotice error/> }.into_any(),
                    };
                    if list.is_empty() {
                        return view! { <p class="muted">{t!(i18n, privacy.accounts.no_reports)}</p> }.into_any();
                    }
                    view! {
                        <div class="table-scroll">
                            <table class="records">
                                <thead>
                                    <tr>
                                        <th scope="col">{t!(i18n, privacy.accounts.reported)}</th>
                                        <th scope="col">{t!(i18n, privacy.accounts.by)}</th>
                                        <th scope="col">{t!(i18n, privacy.accounts.account)}</th>
                                        <th scope="col">{t!(i18n, privacy.accounts.purged)}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {list.into_iter().map(|r| view! {
                                        <tr>
                                            <td>{format_time(r.reported_at)}</td>
                                            <td>{r.reported_by.unwrap_or_else(|| t_string!(i18n, privacy.accounts.former_operator).into())}</td>
                                            <td>{r.account_email.unwrap_or_else(|| t_string!(i18n, privacy.accounts.deleted_account).into())}</td>
                                            <td>{r.purged_at.map(format_time).unwrap_or_else(|| t_string!(i18n, privacy.accounts.next_pass).into())}</td>
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
