//! The development mailbox (`/dev/mailbox`): the server's outgoing mail, newest first, and one
//! mail's text part with its links clickable and its HTML part shown as source text (never
//! rendered). Development mode only: in production the server answers "not found".

use crate::api::mail::{dev_mailbox, dev_mailbox_message, MailMessage, MailSummary};
use crate::components::layout::PublicPage;
use crate::pages::records::{format_time, use_record_id, ErrorNotice};
use leptos::prelude::*;
use leptos_meta::Title;

/// What a delivery status means to the reader.
fn status_label(status: &str) -> &'static str {
    match status {
        "queued" => "Queued",
        "sending" => "Sending",
        "sent" => "Sent",
        "failed" => "Failed",
        "kept" => "Kept (no SMTP)",
        _ => "Unknown",
    }
}

#[component]
pub fn DevMailboxPage() -> impl IntoView {
    let mails = Resource::new(|| (), |()| dev_mailbox());
    view! {
        <Title text="Development mailbox"/>
        <PublicPage>
            <h1>"Development mailbox"</h1>
            <p class="muted">"Every email this server wrote, newest first. Without an SMTP server (NEXACRM_SMTP_URL) mail stays here. This page exists only in development mode."</p>
            <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match mails.await {
                        Ok(mails) if mails.is_empty() => view! { <p class="empty-state panel">"No mail yet."</p> }.into_any(),
                        Ok(mails) => view! { <MailTable mails/> }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Suspense>
        </PublicPage>
    }
}

#[component]
fn MailTable(mails: Vec<MailSummary>) -> impl IntoView {
    view! {
        <div class="table-scroll">
            <table class="records">
                <thead><tr><th scope="col">"Subject"</th><th scope="col">"To"</th><th scope="col">"Status"</th><th scope="col">"Written"</th></tr></thead>
                <tbody>
                    {mails.into_iter().map(|m| view! {
                        <tr>
                            <td><a href=format!("/dev/mailbox/{}", m.id)>{if m.subject.is_empty() { "(no subject)".to_owned() } else { m.subject }}</a></td>
                            <td>{m.to}</td>
                            <td><span class="badge">{status_label(&m.status)}</span></td>
                            <td><time>{format_time(m.created_at)}</time></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
pub fn DevMailPage() -> impl IntoView {
    let id = use_record_id();
    let mail = Resource::new(id, dev_mailbox_message);
    view! {
        <PublicPage>
            <p><a href="/dev/mailbox">"← Development mailbox"</a></p>
            <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match mail.await {
                        Ok(mail) => view! { <MailView mail/> }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Suspense>
        </PublicPage>
    }
}

#[component]
fn MailView(mail: MailMessage) -> impl IntoView {
    let MailMessage { summary, reply_to, kind, text, html } = mail;
    let subject = if summary.subject.is_empty() { "(no subject)".to_owned() } else { summary.subject.clone() };
    view! {
        <Title text=subject.clone()/>
        <h1>{subject}</h1>
        <dl class="email-preview-head">
            <div><dt>"To"</dt><dd>{summary.to}</dd></div>
            {reply_to.map(|r| view! { <div><dt>"Reply to"</dt><dd>{r}</dd></div> })}
            <div><dt>"Kind"</dt><dd>{kind.replace('_', " ")}</dd></div>
            <div>
                <dt>"Status"</dt>
                <dd>
                    {status_label(&summary.status)}
                    {format!(" · written {}", format_time(summary.created_at))}
                    {summary.sent_at.map(|at| format!(" · sent {}", format_time(at)))}
                    {(summary.attempts > 0).then(|| format!(" · {} attempt(s)", summary.attempts))}
                </dd>
            </div>
            {summary.last_error.map(|e| view! { <div><dt>"Last error"</dt><dd>{e}</dd></div> })}
        </dl>
        <section class="panel" aria-labelledby="text-part-heading">
            <h2 id="text-part-heading">"Text part"</h2>
            <LinkedText text/>
        </section>
        <section class="panel" aria-labelledby="html-part-heading">
            <h2 id="html-part-heading">"HTML part (source)"</h2>
            <pre class="mail-source">{html}</pre>
        </section>
    }
}

/// Plain text, escaped by Leptos, line breaks kept, http(s) links made clickable.
#[component]
fn LinkedText(text: String) -> impl IntoView {
    view! {
        <div class="mail-text" data-testid="mail-text">
            {text.lines().map(|line| view! {
                <p>
                    {line.split_inclusive(' ').map(|word| {
                        let bare = word.trim_end();
                        if bare.starts_with("https://") || bare.starts_with("http://") {
                            let trailing = word[bare.len()..].to_owned();
                            view! { <a href=bare.to_owned() rel="noopener noreferrer">{bare.to_owned()}</a>{trailing} }.into_any()
                        } else {
                            word.to_owned().into_any()
                        }
                    }).collect_view()}
                </p>
            }).collect_view()}
        </div>
    }
}
