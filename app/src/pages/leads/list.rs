//! The leads list: search by name, status, open only, mine only, keyset pages.

use crate::api::leads::list_leads;
use crate::domain::leads::{SOURCES, STATUSES};
use crate::domain::records::option_label as label;
use crate::pages::records::{encode_query, use_slug, ErrorNotice, Pager};
use crate::api::bulk::BulkUpdate;
use crate::domain::records::RecordKind;
use crate::pages::records::{choices_resource, BulkBar, RowCheckbox};
use leptos::context::Provider;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LeadsPage() -> impl IntoView {
    let slug = use_slug();
    let query = use_query_map();
    let param = move |name: &str| query.read().get(name).unwrap_or_default();
    let q = move || param("q");
    let status = move || param("status");
    let open = move || param("open") == "on";
    let mine = move || param("mine") == "on";
    let after = move || param("after");
    let bulk = ServerAction::<BulkUpdate>::new();
    let all = RwSignal::new(false);
    let page = Resource::new(
        move || (slug(), q(), status(), open(), mine(), after(), bulk.version().get()),
        |(slug, q, status, open, mine, after, _)| list_leads(slug, q, status, open, mine, after),
    );
    let choices = choices_resource(slug, "members");
    view! {
        <Title text="Leads"/>
        <header class="page-header">
            <h1>"Leads"</h1>
            <a class="button primary" href=move || format!("/w/{}/leads/new", slug())>"New lead"</a>
        </header>
        <form class="list-filters" method="get" role="search">
            <label class="visually-hidden" for="lead-search">"Search leads by name"</label>
            <input id="lead-search" type="search" name="q" placeholder="Name starts with…" value=q/>
            <label class="visually-hidden" for="lead-status">"Status"</label>
            <select id="lead-status" name="status">
                <option value="" selected=move || status().is_empty()>"Any status"</option>
                {STATUSES.iter().map(|(key, text)| view! { <option value=*key selected=move || status() == *key>{*text}</option> }).collect_view()}
            </select>
            <label class="checkbox"><input type="checkbox" name="open" checked=open/>" Not converted"</label>
            <label class="checkbox"><input type="checkbox" name="mine" checked=mine/>" Mine only"</label>
            <button class="button secondary" type="submit">"Filter"</button>
        </form>
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let choices = choices.await.unwrap_or_default();
                let page = match page.await {
                    Ok(page) => page,
                    Err(error) => return view! { <ErrorNotice error/> }.into_any(),
                };
                let base = format!("/w/{}/leads", slug());
                if page.rows.is_empty() {
                    let filtered = !q().is_empty() || !status().is_empty() || open() || mine();
                    return view! {
                        <div class="empty-state panel">
                            {if filtered {
                                view! { <p>"No leads match these filters. "<a href=base.clone()>"Show all leads"</a></p> }.into_any()
                            } else {
                                view! {
                                    <h2>"No leads yet"</h2>
                                    <p>"Leads are people and companies you have not qualified yet. Convert one into a contact, a company and a deal when it is ready."</p>
                                    <a class="button primary" href=format!("{base}/new")>"Add your first lead"</a>
                                }.into_any()
                            }}
                        </div>
                    }.into_any();
                }
                let mut filters = Vec::new();
                if !q().is_empty() { filters.push(format!("q={}", encode_query(&q()))); }
                if !status().is_empty() { filters.push(format!("status={}", encode_query(&status()))); }
                if open() { filters.push("open=on".to_owned()); }
                if mine() { filters.push("mine=on".to_owned()); }
                view! {
                    <Provider value=choices>
                    <BulkBar slug=slug() kind=RecordKind::Lead action=bulk all/>
                    <div class="table-scroll">
                        <table class="records">
                            <thead><tr><th scope="col"><span class="visually-hidden">"Select"</span></th><th scope="col">"Name"</th><th scope="col">"Company"</th><th scope="col">"Email"</th><th scope="col">"Source"</th><th scope="col">"Status"</th><th scope="col">"Owner"</th></tr></thead>
                            <tbody>
                                {page.rows.into_iter().enumerate().map(|(index, l)| view! {
                                    <tr>
                                        <td class="select-cell"><RowCheckbox index id=l.id.clone() label=l.name.clone() all/></td>
                                        <td><a href=format!("{base}/{}", l.id)>{l.name}</a></td>
                                        <td>{l.company_name}</td>
                                        <td>{l.email}</td>
                                        <td>{label(&SOURCES, &l.source)}</td>
                                        <td>
                                            <span class="badge">{label(&STATUSES, &l.status)}</span>
                                            {l.converted.then(|| view! { " " <span class="badge success">"Converted"</span> })}
                                        </td>
                                        <td>{l.owner_name.unwrap_or_else(|| "Former member".into())}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <Pager base=base.clone() query=filters.join("&") next=page.next is_first=after().is_empty()/>
                    </Provider>
                }.into_any()
            })}
        </Suspense>
    }
}
