//! The drafts list: most recently changed first, optionally for one contact (`?contact=…`); sent
//! emails are listed with them, marked sent.

use crate::api::emails::list_drafts;
use crate::pages::records::{encode_query, format_time, use_slug, ErrorNotice, Pager};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn EmailsPage() -> impl IntoView {
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
        <Title text="Emails"/>
        <header class="page-header">
            <h1>"Emails"</h1>
            <div class="email-actions">
                <a class="button secondary" href=move || format!("/w/{}/emails/templates", slug())>"Templates"</a>
                <a class="button primary" href=new_href>"New draft"</a>
            </div>
        </header>
        <p class="muted">"Drafts are saved here until you send them; sent emails stay listed, marked sent."</p>
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let page = match page.await {
                    Ok(page) => page,
                    Err(error) => return view! { <ErrorNotice error/> }.into_any(),
                };
                let base = format!("/w/{}/emails", slug());
                let filtered = (!contact().is_empty()).then(|| view! {
                    <p class="notice" role="status">"Showing the drafts to one contact. " <a href=base.clone()>"Show all drafts"</a></p>
                });
                if page.rows.is_empty() {
                    return view! {
                        {filtered}
                        <div class="empty-state panel">
                            <h2>"No drafts yet"</h2>
                            <p>"Write to a contact from scratch, or start from a template whose merge fields fill in their name, their company and yours."</p>
                            <a class="button primary" href=new_href()>"Write a draft"</a>
                            " "
                            <a class="button secondary" href=format!("{base}/templates")>"Set up a template"</a>
                        </div>
                    }.into_any();
                }
                let filters = if contact().is_empty() { String::new() } else { format!("contact={}", encode_query(&contact())) };
                let contacts = format!("/w/{}/contacts", slug());
                view! {
                    {filtered}
                    <div class="table-scroll">
                        <table class="records">
                            <thead><tr><th scope="col">"Subject"</th><th scope="col">"To"</th><th scope="col">"Updated"</th><th scope="col">"By"</th></tr></thead>
                            <tbody>
                                {page.rows.into_iter().map(|d| view! {
                                    <tr>
                                        <td>
                                            <a href=format!("{base}/{}", d.id)>{if d.subject.is_empty() { "(no subject)".to_owned() } else { d.subject }}</a>
                                            {d.sent_at.map(|at| view! { " " <span class="badge" title=format!("Sent {}", format_time(at))>"Sent"</span> })}
                                        </td>
                                        <td>
                                            <a href=format!("{contacts}/{}", d.contact_id)>{d.contact_name}</a>
                                            {d.contact_in_trash.then(|| view! { " " <span class="badge">"In trash"</span> })}
                                            <br/><span class="muted">{d.to_address}</span>
                                        </td>
                                        <td><time>{format_time(d.updated_at)}</time></td>
                                        <td>{d.author_name.unwrap_or_else(|| "Former member".into())}</td>
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
