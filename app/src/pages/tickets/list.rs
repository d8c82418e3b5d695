//! The tickets list: status tabs with counts, text in the subject, assignee, opened since, any
//! shown column as the order, keyset pages, and bulk actions on the ticked rows.

use super::{priority_label, status_label};
use crate::api::bulk::BulkUpdate;
use crate::api::tickets::list_tickets;
use crate::domain::records::{RecordKind, SortColumn};
use crate::domain::tickets::STATUSES;
use crate::i18n_setup::{t, t_string, use_i18n};
use crate::pages::records::{choices_resource, format_time, use_list_params, use_slug, BulkBar, ErrorNotice, ListFilters, ListParams, Pager, RowCheckbox, SortableHeadings};
use leptos::context::Provider;
use leptos::prelude::*;
use leptos_meta::Title;

/// The columns shown, in order; each orders the list.
const COLUMNS: [SortColumn; 6] = [SortColumn::Name, SortColumn::Status, SortColumn::Priority, SortColumn::Contact, SortColumn::Owner, SortColumn::Created];

#[component]
pub fn TicketsPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = use_slug();
    // Open tickets unless another status (or "all") is asked for.
    let list_params = use_list_params();
    let params = move || {
        let mut params = list_params();
        if params.status.is_empty() {
            params.status = "open".into();
        }
        params
    };
    let bulk = ServerAction::<BulkUpdate>::new();
    let all = RwSignal::new(false);
    let page = Resource::new(
        move || (slug(), params(), bulk.version().get()),
        |(slug, p, _)| list_tickets(slug, if p.status == "all" { String::new() } else { p.status }, p.q, p.after, p.owner, p.sort, p.since),
    );
    let choices = choices_resource(slug, "members");
    view! {
        <Title text=t_string!(i18n, work.tickets.title)/>
        <header class="page-header">
            <h1>{t!(i18n, work.tickets.title)}</h1>
            {crate::pages::records::can_write().then(|| view! { <a class="button primary" href=move || format!("/w/{}/tickets/new", slug())>{t!(i18n, work.tickets.new_ticket)}</a> })}
        </header>
        <Suspense fallback=move || view! { <p class="muted">{t!(i18n, work.common.loading)}</p> }>
            {move || Suspend::new(async move {
                let choices = choices.await.unwrap_or_default();
                let page = match page.await {
                    Ok(page) => page,
                    Err(error) => return view! { <ErrorNotice error/> }.into_any(),
                };
                let params = params();
                let base = format!("/w/{}/tickets", slug());
                let count = |key: &str| page.counts.iter().filter(|(s, _)| key == "all" || s == key).map(|(_, n)| n).sum::<i64>();
                let tabs = STATUSES.iter().map(|(k, _)| (*k, status_label(i18n, k))).chain([("all", t_string!(i18n, work.tickets.list.all))]).map(|(key, text)| {
                    let current = params.status == key;
                    let query = ListParams { status: key.to_owned(), ..params.clone() }.filter_query();
                    view! {
                        <a href=format!("{base}?{query}") class:current=current aria-current=current.then_some("page")>
                            {text} " " <span class="badge">{count(key)}</span>
                        </a>
                    }
                }).collect_view();
                let status = params.status.clone();
                let rows = if page.rows.is_empty() {
                    let message = if params.is_filtered() {
                        view! { <p>{t!(i18n, work.tickets.list.no_match)}<a href=base.clone()>{t!(i18n, work.tickets.list.show_open)}</a></p> }.into_any()
                    } else if count("all") == 0 {
                        view! {
                            <h2>{t!(i18n, work.tickets.list.empty_title)}</h2>
                            <p>{t!(i18n, work.tickets.list.empty_body)}</p>
                            <a class="button primary" href=format!("{base}/new")>{t!(i18n, work.tickets.list.open_first)}</a>
                        }.into_any()
                    } else {
                        view! { <p>{t!(i18n, work.tickets.list.none_with_status)}</p> }.into_any()
                    };
                    view! { <div class="empty-state panel">{message}</div> }.into_any()
                } else {
                    let params = params.clone();
                    let query = params.filter_query();
                    let is_first = params.after.is_empty();
                    view! {
                        <Provider value=choices.clone()>
                        <BulkBar slug=slug() kind=RecordKind::Ticket action=bulk all/>
                        <div class="table-scroll">
                            <table class="records">
                                <SortableHeadings kind=RecordKind::Ticket columns=&COLUMNS params=params.clone() base=base.clone()/>
                                <tbody>
                                    {page.rows.into_iter().enumerate().map(|(index, t)| view! {
                                        <tr>
                                            <td class="select-cell"><RowCheckbox index id=t.id.clone() label=t.subject.clone() all/></td>
                                            <td><a href=format!("{base}/{}", t.id)>{t.subject}</a></td>
                                            <td><span class="badge">{status_label(i18n, &t.status)}</span></td>
                                            <td><span class=format!("badge priority-{}", t.priority)>{priority_label(i18n, &t.priority)}</span></td>
                                            <td>{[t.contact_name, t.company_name].into_iter().flatten().collect::<Vec<_>>().join(", ")}</td>
                                            <td>{t.assignee_name.unwrap_or_else(|| t_string!(i18n, work.tickets.unassigned).into())}</td>
                                            <td>{format_time(t.created_at)}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        <Pager base=base.clone() query next=page.next is_first/>
                        </Provider>
                    }.into_any()
                };
                view! {
                    <nav class="tabs" aria-label=t_string!(i18n, work.tickets.list.status_label)>{tabs}</nav>
                    <Provider value=choices>
                        <ListFilters kind=RecordKind::Ticket params=params.clone()>
                            <input type="hidden" name="status" value=status/>
                        </ListFilters>
                    </Provider>
                    {rows}
                }.into_any()
            })}
        </Suspense>
    }
}
