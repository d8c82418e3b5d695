//! The companies list: name prefix, owner, tag and order filters, keyset pages, and bulk actions
//! on the ticked rows.

use crate::api::bulk::BulkUpdate;
use crate::api::companies::list_companies;
use crate::domain::records::{RecordKind, SortColumn};
use crate::i18n_setup::{t, t_string, use_i18n};
use crate::pages::records::{choices_resource, format_time, use_list_params, use_slug, BulkBar, EmptyList, ErrorNotice, ListFilters, Pager, RowCheckbox, SortableHeadings, TagChips};
use leptos::context::Provider;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn CompaniesPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = use_slug();
    let params = use_list_params();
    let bulk = ServerAction::<BulkUpdate>::new();
    let all = RwSignal::new(false);
    let page = Resource::new(
        move || (slug(), params(), bulk.version().get()),
        |(slug, p, _)| list_companies(slug, p.q, p.after, p.owner, p.tag, p.sort, p.since),
    );
    let choices = choices_resource(slug, "members,tags");
    view! {
        <Title text=t_string!(i18n, records.companies.title)/>
        <header class="page-header">
            <h1>{t!(i18n, records.companies.title)}</h1>
            {crate::pages::records::can_write().then(|| view! {
                <span class="header-actions">
                    <crate::pages::imports::ImportLink slug=slug() kind=RecordKind::Company/>
                    <a class="button primary" href=move || format!("/w/{}/companies/new", slug())>{t!(i18n, records.companies.new_button)}</a>
                </span>
            })}
        </header>
        <Suspense fallback=move || view! { <p class="muted">{t!(i18n, records.loading)}</p> }>
            {move || Suspend::new(async move {
                let choices = choices.await.unwrap_or_default();
                let page = match page.await {
                    Ok(page) => page,
                    Err(error) => return view! { <ErrorNotice error/> }.into_any(),
                };
                let base = format!("/w/{}/companies", slug());
                if page.rows.is_empty() {
                    return view! {
                        <Provider value=choices><ListFilters kind=RecordKind::Company params=params()/></Provider>
                        <EmptyList kind=RecordKind::Company filtered=params().is_filtered() list_href=base.clone() new_href=format!("{base}/new") new_label=t_string!(i18n, records.companies.empty_new)
                            about=t_string!(i18n, records.companies.empty_about)/>
                    }.into_any();
                }
                view! {
                    <Provider value=choices>
                    <ListFilters kind=RecordKind::Company params=params()/>
                    <BulkBar slug=slug() kind=RecordKind::Company action=bulk all/>
                    <div class="table-scroll">
                        <table class="records">
                            <SortableHeadings kind=RecordKind::Company columns=SortColumn::for_kind(RecordKind::Company) params=params() base=base.clone()/>
                            <tbody>
                                {page.rows.into_iter().enumerate().map(|(index, c)| view! {
                                    <tr>
                                        <td class="select-cell"><RowCheckbox index id=c.id.clone() label=c.name.clone() all/></td>
                                        <td><a href=format!("{base}/{}", c.id)>{c.name}</a><TagChips tags=c.tags/></td>
                                        <td>{c.domain}</td>
                                        <td>{c.industry}</td>
                                        <td>{[c.city, c.country].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(", ")}</td>
                                        <td>{c.owner_name.unwrap_or_else(|| t_string!(i18n, records.former_member).into())}</td>
                                        <td>{format_time(c.created_at).get(..10).map(str::to_owned)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <Pager base=base.clone() query=params().filter_query() next=page.next is_first=params().after.is_empty()/>
                    </Provider>
                }.into_any()
            })}
        </Suspense>
    }
}
