//! The contacts list: name prefix, owner, tag and order filters, keyset pages, and bulk actions
//! on the ticked rows.

use crate::api::bulk::BulkUpdate;
use crate::api::contacts::list_contacts;
use super::status_label;
use crate::domain::records::{RecordKind, SortColumn};
use crate::i18n_setup::{t, t_string, use_i18n};
use crate::pages::records::{choices_resource, format_time, use_list_params, use_slug, BulkBar, EmptyList, ErrorNotice, ListFilters, Pager, RowCheckbox, SortableHeadings, TagChips};
use crate::pages::records::{ErasedNotice, PrivacyBadges};
use leptos::context::Provider;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ContactsPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = use_slug();
    let params = use_list_params();
    let bulk = ServerAction::<BulkUpdate>::new();
    let all = RwSignal::new(false);
    let page = Resource::new(
        move || (slug(), params(), bulk.version().get()),
        |(slug, p, _)| list_contacts(slug, p.q, p.after, p.owner, p.tag, p.sort, p.since),
    );
    let choices = choices_resource(slug, "members,tags");
    view! {
        <Title text=t_string!(i18n, records.contacts.title)/>
        <header class="page-header">
            <h1>{t!(i18n, records.contacts.title)}</h1>
            {crate::pages::records::can_write().then(|| view! {
                <span class="header-actions">
                    <crate::pages::imports::ImportLink slug=slug() kind=RecordKind::Contact/>
                    <a class="button primary" href=move || format!("/w/{}/contacts/new", slug())>{t!(i18n, records.contacts.new_button)}</a>
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
                let base = format!("/w/{}", slug());
                if page.rows.is_empty() {
                    return view! {
                        <Provider value=choices><ListFilters kind=RecordKind::Contact params=params()/></Provider>
                        <EmptyList kind=RecordKind::Contact filtered=params().is_filtered() list_href=format!("{base}/contacts") new_href=format!("{base}/contacts/new") new_label=t_string!(i18n, records.contacts.empty_new)
                            about=t_string!(i18n, records.contacts.empty_about)/>
                    }.into_any();
                }
                view! {
                    <Provider value=choices>
                    <ListFilters kind=RecordKind::Contact params=params()/>
                    <BulkBar slug=slug() kind=RecordKind::Contact action=bulk all/>
                    <div class="table-scroll">
                        <table class="records">
                            <SortableHeadings kind=RecordKind::Contact columns=SortColumn::for_kind(RecordKind::Contact) params=params() base=format!("{base}/contacts")/>
                            <tbody>
                                {page.rows.into_iter().enumerate().map(|(index, c)| view! {
                                    <tr>
                                        <td class="select-cell"><RowCheckbox index id=c.id.clone() label=c.name.clone() all/></td>
                                        <td>
                                            <span class="avatar" aria-hidden="true">{c.initials}</span>
                                            <a href=format!("{base}/contacts/{}", c.id)>{c.name}</a>
                                            <span class="muted">" " {c.job_title}</span>
                                            <PrivacyBadges flags=c.flags/>
                                            <TagChips tags=c.tags/>
                                        </td>
                                        <td>{match (c.company_id, c.company_name) {
                                            (Some(id), Some(name)) => view! { <a href=format!("{base}/companies/{id}")>{name}</a> }.into_any(),
                                            _ => view! { <span class="muted">"—"</span> }.into_any(),
                                        }}</td>
                                        <td>{c.email.unwrap_or_default()}</td>
                                        <td>{c.phone.unwrap_or_default()}</td>
                                        <td><span class="badge">{status_label(i18n, &c.status)}</span></td>
                                        <td>{c.owner_name.unwrap_or_else(|| t_string!(i18n, records.former_member).into())}</td>
                                        <td>{format_time(c.created_at).get(..10).map(str::to_owned)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <Pager base=format!("{base}/contacts") query=params().filter_query() next=page.next is_first=params().after.is_empty()/>
                    </Provider>
                }.into_any()
            })}
        </Suspense>
    }
}
