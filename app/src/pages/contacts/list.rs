//! The contacts list: search by name prefix, "mine only", keyset pages.

use crate::api::contacts::list_contacts;
use crate::domain::contacts::status_label;
use crate::pages::records::{encode_query, use_slug, ErrorNotice, Pager};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ContactsPage() -> impl IntoView {
    let slug = use_slug();
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    let mine = move || query.read().get("mine").is_some_and(|v| v == "on");
    let after = move || query.read().get("after").unwrap_or_default();
    let page = Resource::new(move || (slug(), q(), mine(), after()), |(slug, q, mine, after)| list_contacts(slug, q, mine, after));
    view! {
        <Title text="Contacts"/>
        <header class="page-header">
            <h1>"Contacts"</h1>
            <a class="button primary" href=move || format!("/w/{}/contacts/new", slug())>"New contact"</a>
        </header>
        <form class="list-filters" method="get" role="search">
            <label class="visually-hidden" for="contact-search">"Search contacts by name"</label>
            <input id="contact-search" type="search" name="q" placeholder="Name starts with…" value=q/>
            <label class="checkbox"><input type="checkbox" name="mine" checked=mine/>" Mine only"</label>
            <button class="button secondary" type="submit">"Filter"</button>
        </form>
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let page = match page.await {
                    Ok(page) => page,
                    Err(error) => return view! { <ErrorNotice error/> }.into_any(),
                };
                let base = format!("/w/{}", slug());
                if page.rows.is_empty() {
                    let filtered = !q().is_empty() || mine();
                    return view! {
                        <div class="empty-state panel">
                            {if filtered {
                                view! { <p>"No contacts match these filters. "<a href=format!("{base}/contacts")>"Show all contacts"</a></p> }.into_any()
                            } else {
                                view! {
                                    <h2>"No contacts yet"</h2>
                                    <p>"Add the people you talk to. Give each one a company, emails and phones, and keep notes on their page."</p>
                                    <a class="button primary" href=format!("{base}/contacts/new")>"Add your first contact"</a>
                                }.into_any()
                            }}
                        </div>
                    }.into_any();
                }
                let mut filters = Vec::new();
                if !q().is_empty() { filters.push(format!("q={}", encode_query(&q()))); }
                if mine() { filters.push("mine=on".to_owned()); }
                view! {
                    <div class="table-scroll">
                        <table class="records">
                            <thead><tr><th scope="col">"Name"</th><th scope="col">"Company"</th><th scope="col">"Email"</th><th scope="col">"Phone"</th><th scope="col">"Status"</th><th scope="col">"Owner"</th></tr></thead>
                            <tbody>
                                {page.rows.into_iter().map(|c| view! {
                                    <tr>
                                        <td>
                                            <span class="avatar" aria-hidden="true">{c.initials}</span>
                                            <a href=format!("{base}/contacts/{}", c.id)>{c.name}</a>
                                            <span class="muted">" " {c.job_title}</span>
                                        </td>
                                        <td>{match (c.company_id, c.company_name) {
                                            (Some(id), Some(name)) => view! { <a href=format!("{base}/companies/{id}")>{name}</a> }.into_any(),
                                            _ => view! { <span class="muted">"—"</span> }.into_any(),
                                        }}</td>
                                        <td>{c.email.unwrap_or_default()}</td>
                                        <td>{c.phone.unwrap_or_default()}</td>
                                        <td><span class="badge">{status_label(&c.status)}</span></td>
                                        <td>{c.owner_name.unwrap_or_else(|| "Former member".into())}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <Pager base=format!("{base}/contacts") query=filters.join("&") next=page.next is_first=after().is_empty()/>
                }.into_any()
            })}
        </Suspense>
    }
}
