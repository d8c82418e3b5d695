//! The leads list: name prefix, status, "not converted", owner, added since, any shown column as
//! the order, keyset pages, and bulk actions on the ticked rows.

use crate::api::bulk::BulkUpdate;
use crate::api::leads::list_leads;
use super::{source_label, status_label};
use crate::domain::leads::STATUSES;
use crate::domain::records::{RecordKind, SortColumn};
use crate::i18n_setup::{t, t_string, use_i18n};
use crate::pages::records::{choices_resource, format_time, use_list_params, use_slug, BulkBar, EmptyList, ErrorNotice, ListFilters, Pager, RowCheckbox, SortableHeadings};
use crate::pages::records::{ErasedNotice, PrivacyBadges};
use leptos::context::Provider;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn LeadsPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = use_slug();
    let params = use_list_params();
    let bulk = ServerAction::<BulkUpdate>::new();
    let all = RwSignal::new(false);
    let page = Resource::new(
        move || (slug(), params(), bulk.version().get()),
        |(slug, p, _)| list_leads(slug, p.q, p.status, p.open == "on", p.after, p.owner, p.sort, p.since),
    );
    let choices = choices_resource(slug, "members");
    view! {
        <Title text=t_string!(i18n, records.leads.title)/>
        <header class="page-header">
            <h1>{t!(i18n, records.leads.title)}</h1>
            {crate::pages::records::can_write().then(|| view! {
                <span class="header-actions">
                    <crate::pages::imports::ImportLink slug=slug() kind=RecordKind::Lead/>
                    <a class="button primary" href=move || format!("/w/{}/leads/new", slug())>{t!(i18n, records.leads.new_button)}</a>
                </span>
            })}
        </header>
        <ErasedNotice/>
        <Suspense fallback=move || view! { <p class="muted">{t!(i18n, records.loading)}</p> }>
            {move || Suspend::new(async move {
                let choices = choices.await.unwrap_or_default();
                let page = match page.await {
                    Ok(page) => page,
                    Err(error) => return view! { <ErrorNotice error/> }.into_any(),
                };
                let params = params();
                let base = format!("/w/{}/leads", slug());
                let status = params.status.clone();
                let open = params.open == "on";
                let filter_params = params.clone();
                let filters = view! {
                    <Provider value=choices.clone()>
                        <ListFilters kind=RecordKind::Lead params=filter_params>
                            <label class="visually-hidden" for="lead-status">{t!(i18n, records.leads.status)}</label>
                            <select id="lead-status" name="status">
                                <option value="" selected=status.is_empty()>{t!(i18n, records.leads.any_status)}</option>
                                {STATUSES.iter().map(|(key, _)| view! { <option value=*key selected=status == *key>{status_label(i18n, key)}</option> }).collect_view()}
                            </select>
                            <label class="checkbox"><input type="checkbox" name="open" checked=open/>{t!(i18n, records.leads.not_converted)}</label>
                        </ListFilters>
                    </Provider>
                };
                if page.rows.is_empty() {
                    let filtered = params.is_filtered() || !params.status.is_empty();
                    return view! {
                        {filters}
                        <EmptyList kind=RecordKind::Lead filtered list_href=base.clone() new_href=format!("{base}/new") new_label=t_string!(i18n, records.leads.empty_new)
                            about=t_string!(i18n, records.leads.empty_about)/>
                    }.into_any();
                }
                let query = params.filter_query();
                let is_first = params.after.is_empty();
                view! {
                    {filters}
                    <Provider value=choices>
                    <BulkBar slug=slug() kind=RecordKind::Lead action=bulk all/>
                    <div class="table-scroll">
                        <table class="records">
                            <SortableHeadings kind=RecordKind::Lead columns=SortColumn::for_kind(RecordKind::Lead) params=params.clone() base=base.clone()/>
                            <tbody>
                                {page.rows.into_iter().enumerate().map(|(index, l)| view! {
                                    <tr>
                                        <td class="select-cell"><RowCheckbox index id=l.id.clone() label=l.name.clone() all/></td>
                                        <td><a href=format!("{base}/{}", l.id)>{l.name}</a><PrivacyBadges flags=l.flags/></td>
                                        <td>{l.company_name}</td>
                                        <td>{l.email}</td>
                                        <td>{source_label(i18n, &l.source)}</td>
                                        <td>
                                            <span class="badge">{status_label(i18n, &l.status)}</span>
                                            {l.converted.then(|| view! { " " <span class="badge success">{t!(i18n, records.leads.converted_badge)}</span> })}
                                        </td>
                                        <td>{l.owner_name.unwrap_or_else(|| t_string!(i18n, records.former_member).into())}</td>
                                        <td>{format_time(l.created_at).get(..10).map(str::to_owned)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <Pager base=base.clone() query next=page.next is_first/>
                    </Provider>
                }.into_any()
            })}
        </Suspense>
    }
}
