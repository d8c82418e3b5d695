//! The companies list: search by name prefix, "mine only", keyset pages.

use crate::api::companies::list_companies;
use crate::pages::records::{encode_query, use_slug, ErrorNotice, Pager};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn CompaniesPage() -> impl IntoView {
    let slug = use_slug();
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    let mine = move || query.read().get("mine").is_some_and(|v| v == "on");
    let after = move || query.read().get("after").unwrap_or_default();
    let page = Resource::new(move || (slug(), q(), mine(), after()), |(slug, q, mine, after)| list_companies(slug, q, mine, after));
    view! {
        <Title text="Companies"/>
        <header class="page-header">
            <h1>"Companies"</h1>
            <a class="button primary" href=move || format!("/w/{}/companies/new", slug())>"New company"</a>
        </header>
        <form class="list-filters" method="get" role="search">
            <label class="visually-hidden" for="company-search">"Search companies by name"</label>
            <input id="company-search" type="search" name="q" placeholder="Name starts with…" value=q/>
            <label class="checkbox"><input type="checkbox" name="mine" checked=mine/>" Mine only"</label>
            <button class="button secondary" type="submit">"Filter"</button>
        </form>
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let page = match page.await {
                    Ok(page) => page,
                    Err(error) => return view! { <ErrorNotice error/> }.into_any(),
                };
                {
                    let base = format!("/w/{}/companies", slug());
                    if page.rows.is_empty() {
                        let filtered = !q().is_empty() || mine();
                        return view! {
                            <div class="empty-state panel">
                                {if filtered {
                                    view! { <p>"No companies match these filters. "<a href=base.clone()>"Show all companies"</a></p> }.into_any()
                                } else {
                                    view! {
                                        <h2>"No companies yet"</h2>
                                        <p>"Add the organisations you sell to or support; their contacts and deals gather on each company's page."</p>
                                        <a class="button primary" href=format!("{base}/new")>"Add your first company"</a>
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
                                <thead><tr><th scope="col">"Name"</th><th scope="col">"Domain"</th><th scope="col">"Industry"</th><th scope="col">"City"</th><th scope="col">"Owner"</th></tr></thead>
                                <tbody>
                                    {page.rows.into_iter().map(|c| view! {
                                        <tr>
                                            <td><a href=format!("{base}/{}", c.id)>{c.name}</a></td>
                                            <td>{c.domain}</td>
                                            <td>{c.industry}</td>
                                            <td>{[c.city, c.country].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(", ")}</td>
                                            <td>{c.owner_name.unwrap_or_else(|| "Former member".into())}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        <Pager base=base.clone() query=filters.join("&") next=page.next is_first=after().is_empty()/>
                    }.into_any()
                }
            })}
        </Suspense>
    }
}
