//! The development mailbox (`/dev/mailbox`): the server's outgoing mail, newest first, and one
//! mail's text part with its links clickable and its HTML part shown as source text (never
//! rendered). Development mode only: in production the server answers "not found".

use crate::api::mail::{dev_mailbox, dev_mailbox_message, MailMessage, MailSummary};
use crate::components::layout::PublicPage;
use crate::i18n_setup::{t, t_string, td_string, use_i18n, Locale};
use crate::pages::records::{format_time, use_record_id, ErrorNotice};
use leptos::prelude::*;
use leptos_meta::Title;

/// What a delivery status means to the reader.
fn status_label(locale: Locale, status: &str) -> &'static str {
    match status {
        "queued" => td_string!(locale, common.mail.statuses.queued),
        "sending" => td_string!(locale, common.mail.statuses.sending),
        "sent" => td_string!(locale, common.mail.statuses.sent),
        "failed" => td_string!(locale, common.mail.statuses.failed),
        "kept" => td_string!(locale, common.mail.statuses.kept),
        _ => td_string!(locale, common.mail.statuses.unknown),
    }
}

#[component]
pub fn DevMailboxPage() -> impl IntoView {
    let i18n = use_i18n();
    let mails = Resource::new(|| (), |()| dev_mailbox());
    view! {
        <Title text=t_string!(i18n, common.mail.title)/>
        <PublicPage>
            <h1>{t!(i18n, common.mail.title)}</h1>
            <p class="muted">{t!(i18n, common.mail.intro)}</p>
            <Suspense fallback=move || view! { <p class="muted">{t!(i18n, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match mails.await {
                        Ok(mails) if mails.is_empty() => view! { <p class="empty-state panel">{t!(i18n, common.mail.empty)}</p> }.into_any(),
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
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    view! {
        <div class="table-scroll">
            <table class="records">
                <thead><tr>
                    <th scope="col">{t!(i18n, common.mail.subject)}</th>
                    <th scope="col">{t!(i18n, common.mail.to)}</th>
                    <th scope="col">{t!(i18n, common.mail.status)}</th>
                    <th scope="col">{t!(i18n, common.mail.written)}</th>
                </tr></thead>
                <tbody>
                    {mails.into_iter().map(|m| view! {
                        <tr>
                            <td><a href=format!("/dev/mailbox/{}", m.id)>{if m.subject.is_empty() { t_string!(i18n, common.mail.no_subject).to_owned() } else { m.subject }}</a></td>
                            <td>{m.to}</td>
                            <td><span class="badge">{status_label(locale, &m.status)}</span></td>
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
    let i18n = use_i18n();
    let id = use_record_id();
    let mail = Resource::new(id, dev_mailbox_message);
    view! {
        <PublicPage>
            <p><a href="/dev/mailbox">{t!(i18n, common.mail.back)}</a></p>
            <Suspense fallback=move || view! { <p class="muted">{t!(i18n, common.loading)}</p> }>
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
    let i18n = use_i18n();
    let subject = if summary.subject.is_empty() { t_string!(i18n, common.mail.no_subject).to_owned() } else { summary.subject.clone() };
    view! {
        <Title text=subject.clone()/>
        <h1>{subject}</h1>
        <dl class="email-preview-head">
            <div><dt>{t!(i18n, common.mail.to)}</dt><dd>{summary.to}</dd></div>
            {reply_to.map(|r| view! { <div><dt>{t!(i18n, common.mail.reply_to)}</dt><dd>{r}</dd></div> })}
            <div><dt>{t!(i18n, common.mail.kind)}</dt><dd>{kind.replace('_', " ")}</dd></div>
            <div>
                <dt>{t!(i18n, common.mail.status)}</dt>
                <dd>
                    {status_label(i18n.get_locale_untracked(), &summary.status)}
                    {t_string!(i18n, common.mail.written_at, time = format_time(summary.created_at))}
                    {summary.sent_at.map(|at| t_string!(i18n, common.mail.sent_at, time = format_time(at)))}
                    {(summary.attempts > 0).then(|| t_string!(i18n, common.mail.attempts, count = summary.attempts))}
                </dd>
            </div>
            {summary.last_error.map(|e| view! { <div><dt>{t!(i18n, common.mail.last_error)}</dt><dd>{e}</dd></div> })}
        </dl>
        <section class="panel" aria-labelledby="text-part-heading">
            <h2 id="text-part-heading">{t!(i18n, common.mail.text_part)}</h2>
            <LinkedText text/>
        </section>
        <section class="panel" aria-labelledby="html-part-heading">
            <h2 id="html-part-heading">{t!(i18n, common.mail.html_part)}</h2>
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
