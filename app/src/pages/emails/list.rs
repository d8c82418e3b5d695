//! The drafts list: most recently changed first, optionally for one contact (`?contact=…`); sent
//! emails are listed with them, marked sent.

use crate::api::emails::list_drafts;
use crate::i18n_setup::{t, t_string, use_i18n};
use crate::pages::records::{encode_query, format_time, use_slug, ErrorNotice, Pager};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn EmailsPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = use_slug();
    let query = use_query_map();
    let param = move |name: &str| query.read().get(name).unwrap_or_default();
    let contact = move || param("contact");
    let after = move || param("after");
    let page = Resource::new(move || (slug(), contact(), after()), |(slug, contact, after)| list_drafts(slug, contact, after));
    let new_href = move || {
        let base = format!("/w/{}/emails/new", slug());
        if contact().is_empty() { base } else { format!("{base}?contact={}", encode_query(&contact())) }
    };
    view! {
        <Title text=t_string!(i18n, work.emails.title)/>
        <header class="page-header">
            <h1>{t!(i18n, work.emails.title)}</h1>
            <div class="email-actions">
                <a class="button secondary" href=move || format!("/w/{}/emails/templates", slug())>{t!(i18n, work.emails.list.templates)}</a>
                <a class="button primary" href=new_href>{t!(i18n, work.emails.new_draft)}</a>
            </div>
        </header>
        <p class="muted">{t!(i18n, work.emails.list.intro)}</p>
        <Suspense fallback=move || view! { <p class="muted">{t!(i18n, work.common.loading)}</p> }>
            {move || Suspend::new(async move {
                let page = match page.await {
                    Ok(page) => page,
                    Err(error) => return view! { <ErrorNotice error/> }.into_any(),
                };
                let base = format!("/w/{}/emails", slug());
                let filtered = (!contact().is_empty()).then(|| view! {
                    <p class="notice" role="status">{t!(i18n, work.emails.list.one_contact)} <a href=base.clone()>{t!(i18n, work.emails.list.show_all)}</a></p>
                });
                if page.rows.is_empty() {
                    return view! {
                        {filtered}
                        <div class="empty-state panel">
                            <h2>{t!(i18n, work.emails.list.empty_title)}</h2>
                            <p>{t!(i18n, work.emails.list.empty_body)}</p>
                            <a class="button primary" href=new_href()>{t!(i18n, work.emails.list.write_draft)}</a>
                            " "
                            <a class="button secondary" href=format!("{base}/templates")>{t!(i18n, work.emails.list.set_up_template)}</a>
                        </div>
                    }.into_any();
                }
                let filters = if contact().is_empty() { String::new() } else { format!("contact={}", encode_query(&contact())) };
                let contacts = format!("/w/{}/contacts", slug());
                view! {
                    {filtered}
                    <div class="table-scroll">
                        <table class="records">
                            <thead>
                                <tr>
                                    <th scope="col">{t!(i18n, work.common.subject)}</th>
                                    <th scope="col">{t!(i18n, work.emails.to)}</th>
                                    <th scope="col">{t!(i18n, work.emails.list.updated)}</th>
                                    <th scope="col">{t!(i18n, work.emails.list.by)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {page.rows.into_iter().map(|d| view! {
                                    <tr>
                                        <td>
                                            <a href=format!("{base}/{}", d.id)>{if d.subject.is_empty() { t_string!(i18n, work.common.no_subject).to_owned() } else { d.subject }}</a>
                                            {d.sent_at.map(|at| view! { " " <span class="badge" title=t_string!(i18n, work.emails.list.sent_at, time = format_time(at))>{t!(i18n, work.emails.list.sent)}</span> })}
                                        </td>
                                        <td>
                                            <a href=format!("{contacts}/{}", d.contact_id)>{d.contact_name}</a>
                                            {d.contact_in_trash.then(|| view! { " " <span class="badge">{t!(i18n, work.emails.list.in_trash)}</span> })}
                                            <br/><span class="muted">{d.to_address}</span>
                                        </td>
                                        <td><time>{format_time(d.updated_at)}</time></td>
                                        <td>{d.author_name.unwrap_or_else(|| t_string!(i18n, work.common.former_member).into())}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <Pager base=base.clone() query=filters next=page.next is_first=after().is_empty()/>
                }.into_any()
            })}
        </Suspense>
    }
}
