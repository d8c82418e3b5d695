//! Settings → Privacy: where each piece of personal data is changed (rectification), whom to
//! write to, and privacy requests — a form (kind and message) and the person's requests with their
//! status, due date (30 days after sending) and answer.

use crate::api::privacy::{my_privacy_requests, PrivacyRequest, SendPrivacyRequest, MESSAGE_MAX, REQUEST_KINDS, RESPONSE_DAYS};
use crate::components::field::{FormAlert, FormError};
use crate::i18n_setup::{t, t_string, use_i18n, Locale};
use crate::pages::records::{format_time, use_slug, ErrorNotice};
use leptos::prelude::*;
use leptos_i18n::I18nContext;

/// What a privacy request asks for, as the page names it (`kind` as posted: access, erasure, …).
pub fn request_kind_label(i18n: I18nContext<Locale>, kind: &str) -> &'static str {
    match kind {
        "access" => t_string!(i18n, privacy.requests.kinds.access),
        "rectification" => t_string!(i18n, privacy.requests.kinds.rectification),
        "erasure" => t_string!(i18n, privacy.requests.kinds.erasure),
        "portability" => t_string!(i18n, privacy.requests.kinds.portability),
        "objection" => t_string!(i18n, privacy.requests.kinds.objection),
        "other" => t_string!(i18n, privacy.requests.kinds.other),
        _ => t_string!(i18n, privacy.requests.kinds.unknown),
    }
}

/// Where the person corrects their own data, and the addresses to write to.
#[component]
fn PersonalDataLinks() -> impl IntoView {
    let slug = use_slug();
    let account = move |anchor: &str| format!("/w/{}/account#{anchor}", slug());
    let i18n = use_i18n();
    view! {
        <section class="panel" aria-labelledby="your-data">
            <h2 id="your-data">{t!(i18n, privacy.requests.correct_heading)}</h2>
            <p>{t!(i18n, privacy.requests.correct_intro)}</p>
            <ul class="personal-data-links">
                <li><a href=account("profile")>{t!(i18n, privacy.requests.profile)}</a>{t!(i18n, privacy.requests.profile_where)}</li>
                <li><a href=account("change-email")>{t!(i18n, privacy.requests.email)}</a>{t!(i18n, privacy.requests.email_where)}</li>
                <li><a href=account("change-password")>{t!(i18n, privacy.requests.password)}</a>{t!(i18n, privacy.requests.password_where)}</li>
                <li><a href=account("sessions")>{t!(i18n, privacy.requests.sessions)}</a>{t!(i18n, privacy.requests.sessions_where)}</li>
            </ul>
            <p>
                {t!(i18n, privacy.requests.questions)} <a href="mailto:privacy@nexacrm.io">"privacy@nexacrm.io"</a>
                {t!(i18n, privacy.requests.security)} <a href="mailto:security@nexacrm.io">"security@nexacrm.io"</a> "."
            </p>
        </section>
    }
}

/// Where to correct data, the request form and the person's requests.
#[component]
pub fn PrivacyRequestsSection() -> impl IntoView {
    let slug = use_slug();
    let send = ServerAction::<SendPrivacyRequest>::new();
    let requests = Resource::new(move || send.version().get(), |_| my_privacy_requests());
    let error: FormError = Signal::derive(move || send.value().get().and_then(Result::err));
    let kind_error = move || error.get().and_then(|e| e.field_message("kind"));
    let message_error = move || error.get().and_then(|e| e.field_message("message"));
    let form_ref = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if let Some(Ok(_)) = send.value().get() {
            if let Some(form) = form_ref.get() {
                form.reset();
            }
        }
    });
    let i18n = use_i18n();
    view! {
        <PersonalDataLinks/>
        <section class="panel" aria-labelledby="privacy-requests">
            <h2 id="privacy-requests">{t!(i18n, privacy.requests.heading)}</h2>
            <p>{t_string!(i18n, privacy.requests.intro, days = RESPONSE_DAYS)}</p>
            <ActionForm action=send node_ref=form_ref attr:class="stack" attr:aria-label=t_string!(i18n, privacy.requests.form_label)>
                <input type="hidden" name="slug" value=slug()/>
                <div class="field">
                    <label for="privacy-request-kind">{t!(i18n, privacy.requests.kind)}</label>
                    <select id="privacy-request-kind" name="kind" aria-invalid=move || kind_error().is_some().then_some("true")>
                        {REQUEST_KINDS.iter().map(|(value, _)| view! { <option value=*value>{request_kind_label(i18n, value)}</option> }).collect_view()}
                    </select>
                    {move || kind_error().map(|m| view! { <p class="field-error">{m}</p> })}
                </div>
                <div class="field">
                    <label for="privacy-request-message">{t!(i18n, privacy.requests.message)}</label>
                    <textarea id="privacy-request-message" name="message" rows="5" required=true maxlength=MESSAGE_MAX.to_string()
                        aria-invalid=move || message_error().is_some().then_some("true")
                        aria-describedby=move || message_error().is_some().then_some("privacy-request-message-error")></textarea>
                    {move || message_error().map(|m| view! { <p class="field-error" id="privacy-request-message-error">{m}</p> })}
                </div>
                <FormAlert error/>
                {move || send.value().get().and_then(Result::ok).map(|_| view! {
                    <p class="notice" role="status">{t!(i18n, privacy.requests.sent)}</p>
                })}
                <button class="button primary" type="submit" disabled=move || send.pending().get()>{t!(i18n, privacy.requests.send)}</button>
            </ActionForm>
            <h3>{t!(i18n, privacy.requests.yours)}</h3>
            <Suspense fallback=move || view! { <p class="muted">{t!(i18n, privacy.loading)}</p> }>
                {move || Suspend::new(async move {
                    match requests.await {
                        Ok(list) if list.is_empty() => view! { <p class="muted">{t!(i18n, privacy.requests.none)}</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="communications privacy-requests">
                                {list.into_iter().map(|request| view! { <li><PrivacyRequestView request/></li> }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// "Open" or "Answered" as a badge; "Overdue" beside an open request past its due date.
#[component]
fn RequestStatus(status: String, overdue: bool) -> impl IntoView {
    let i18n = use_i18n();
    let (class, label) = if status == "answered" {
        ("badge success", t_string!(i18n, privacy.shared.answered))
    } else {
        ("badge priority-high", t_string!(i18n, privacy.shared.open))
    };
    view! {
        <span class=class>{label}</span>
        {overdue.then(|| view! { " " <span class="badge danger">{t!(i18n, privacy.shared.overdue)}</span> })}
    }
}

/// One request with its dates and answer.
#[component]
fn PrivacyRequestView(request: PrivacyRequest) -> impl IntoView {
    let i18n = use_i18n();
    let due = if request.status == "answered" {
        request.answered_at.map(|at| t_string!(i18n, privacy.shared.answered_at, time = format_time(at)).to_string()).unwrap_or_default()
    } else {
        t_string!(i18n, privacy.requests.due_by, time = format_time(request.due_at)).to_string()
    };
    view! {
        <article class="communication privacy-request">
            <h4>{request_kind_label(i18n, &request.kind)}</h4>
            <p class="muted">
                <RequestStatus status=request.status.clone() overdue=request.overdue/>
                {t_string!(i18n, privacy.shared.sent_at, time = format_time(request.created_at))} {due}
            </p>
            <p class="message-text">{request.message.clone()}</p>
            {request.answer.clone().map(|answer| view! {
                <div class="communication-reply">
                    <p class="muted">{t!(i18n, privacy.requests.our_answer)}</p>
                    <p class="message-text">{answer}</p>
                </div>
            })}
        </article>
    }
}
