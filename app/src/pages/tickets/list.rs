//! The tickets list: status tabs with counts, text in the subject, "assigned to me", newest first.

use crate::api::tickets::list_tickets;
use crate::domain::records::option_label as label;
use crate::domain::tickets::{PRIORITIES, STATUSES};
use crate::pages::records::{encode_query, format_time, use_slug, ErrorNotice, Pager};
use crate::api::bulk::BulkUpdate;
use crate::domain::records::RecordKind;
use crate::pages::records::{choices_resource, BulkBar, RowCheckbox};
use leptos::context::Provider;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn TicketsPage() -> impl IntoView {
    let slug = use_slug();
    let query = use_query_map();
    let param = move |name: &str| query.read().get(name).unwrap_or_default();
    // Open tickets unless another status (or "all") is asked for.
    let status = move || query.read().get("status").unwrap_or_else(|| "open".into());
    let q = move || param("q");
    let mine = move || param("mine") == "on";
    let after = move || param("after");
    let bulk = ServerAction::<BulkUpdate>::new();
    let all = RwSignal::new(false);
    let page = Resource::new(
        move || (slug(), status(), q(), mine(), after(), bulk.version().get()),
        |(slug, status, q, mine, after, _)| list_tickets(slug, if status == "all" { String::new() } else { status }, q, mine, after),
    );
    let choices = choices_resource(slug, "members");
    view! {
        <Title text="Tickets"/>
        <header class="page-header">
            <h1>"Tickets"</h1>
            <a class="button primary" href=move || format!("/w/{}/tickets/new", slug())>"New ticket"</a>
        </header>
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let choices = choices.await.unwrap_or_default();
                let page = match page.await {
                    Ok(page) => page,
                    Err(error) => return view! { <ErrorNotice error/> }.into_any(),
                };
                let base = format!("/w/{}/tickets", slug());
                let count = |key: &str| page.counts.iter().filter(|(s, _)| key == "all" || s == key).map(|(_, n)| n).sum::<i64>();
                let tabs = STATUSES.iter().map(|(k, l)| (*k, *l)).chain([("all", "All")]).map(|(key, text)| {
                    let current = status() == key;
                    view! {
                        <a href=format!("{base}?status={key}") class:current=current aria-current=current.then_some("page")>
                            {text} " " <span class="badge">{count(key)}</span>
                        </a>
                    }
                }).collect_view();
                let mut filters = vec![format!("status={}", encode_query(&status()))];
                if !q().is_empty() { filters.push(format!("q={}", encode_query(&q()))); }
                if mine() { filters.push("mine=on".to_owned()); }
                let rows = if page.rows.is_empty() {
                    let message = if !q().is_empty() || mine() {
                        view! { <p>"No tickets match these filters. "<a href=base.clone()>"Show open tickets"</a></p> }.into_any()
                    } else if count("all") == 0 {
                        view! {
                            <h2>"No tickets yet"</h2>
                            <p>"Tickets track what customers ask for until it is resolved. Open one from here or from a contact's page."</p>
                            <a class="button primary" href=format!("{base}/new")>"Open the first ticket"</a>
                        }.into_any()
                    } else {
                        view! { <p>"No tickets with this status."</p> }.into_any()
                    };
                    view! { <div class="empty-state panel">{message}</div> }.into_any()
                } else {
                    view! {
                        <Provider value=choices.clone()>
                        <BulkBar slug=slug() kind=RecordKind::Ticket action=bulk all/>
                        <div class="table-scroll">
                            <table class="records">
                                <thead><tr><th scope="col"><span class="visually-hidden">"Select"</span></th><th scope="col">"Subject"</th><th scope="col">"Status"</th><th scope="col">"Priority"</th><th scope="col">"Contact"</th><th scope="col">"Assignee"</th><th scope="col">"Opened"</th></tr></thead>
                                <tbody>
                                    {page.rows.into_iter().enumerate().map(|(index, t)| view! {
                                        <tr>
                                        <td class="select-cell"><RowCheckbox index id=t.id.clone() label=t.subject.clone() all/></td>
                                            <td><a href=format!("{base}/{}", t.id)>{t.subject}</a></td>
                                            <td><span class="badge">{label(&STATUSES, &t.status)}</span></td>
                                            <td><span class=format!("badge priority-{}", t.priority)>{label(&PRIORITIES, &t.priority)}</span></td>
                                            <td>{[t.contact_name, t.company_name].into_iter().flatten().collect::<Vec<_>>().join(", ")}</td>
                                            <td>{t.assignee_name.unwrap_or_else(|| "Unassigned".into())}</td>
                                            <td>{format_time(t.created_at)}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        <Pager base=base.clone() query=filters.join("&") next=page.next is_first=after().is_empty()/>
                        </Provider>
                    }.into_any()
                };
                view! {
                    <nav class="tabs" aria-label="Ticket status">{tabs}</nav>
                    <form class="list-filters" method="get" role="search">
                        <input type="hidden" name="status" value=status()/>
                        <label class="visually-hidden" for="ticket-search">"Search ticket subjects"</label>
                        <input id="ticket-search" type="search" name="q" placeholder="Subject contains…" value=q()/>
                        <label class="checkbox"><input type="checkbox" name="mine" checked=mine()/>" Assigned to me"</label>
                        <button class="button secondary" type="submit">"Filter"</button>
                    </form>
                    {rows}
                }.into_any()
            })}
        </Suspense>
    }
}
