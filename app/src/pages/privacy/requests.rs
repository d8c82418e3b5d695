//! Settings → Privacy: where each piece of personal data is changed (rectification), whom to
//! write to, and privacy requests — a form (kind and message) and the person's requests with their
//! status, due date (30 days after sending) and answer.

use crate::api::privacy::{my_privacy_requests, PrivacyRequest, SendPrivacyRequest, MESSAGE_MAX, REQUEST_KINDS, RESPONSE_DAYS};
use crate::components::field::{FormAlert, FormError};
use crate::pages::records::{format_time, use_slug, ErrorNotice};
use leptos::prelude::*;

/// Where the person corrects their own data, and the addresses to write to.
#[component]
fn PersonalDataLinks() -> impl IntoView {
    let slug = use_slug();
    let account = move |anchor: &str| format!("/w/{}/account#{anchor}", slug());
    view! {
        <section class="panel" aria-labelledby="your-data">
            <h2 id="your-data">"Correct your data"</h2>
            <p>"You can change what we hold about you yourself, at any time:"</p>
            <ul class="personal-data-links">
                <li><a href=account("profile")>"Name, job title, phone, about you, time zone, currency and picture"</a>" — Account → Profile"</li>
                <li><a href=account("change-email")>"Email address"</a>" — Account → Change email address"</li>
                <li><a href=account("change-password")>"Password"</a>" — Account → Change password"</li>
                <li><a href=account("sessions")>"Sessions: browsers, devices and networks signed in"</a>" — Account → Where you are signed in"</li>
            </ul>
            <p>
                "Questions about your data: " <a href="mailto:privacy@nexacrm.io">"privacy@nexacrm.io"</a>
                ". Security issues: " <a href="mailto:security@nexacrm.io">"security@nexacrm.io"</a> "."
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
    view! {
        <PersonalDataLinks/>
        <section class="panel" aria-labelledby="privacy-requests">
            <h2 id="privacy-requests">"Privacy requests"</h2>
            <p>
                "Ask us to act on your rights: a copy of your data, a correction, erasure, your data in a standard "
                "format, or an objection. We answer within " {RESPONSE_DAYS} " days, by email and on this page."
            </p>
            <ActionForm action=send node_ref=form_ref attr:class="stack" attr:aria-label="Send a privacy request">
                <input type="hidden" name="slug" value=slug()/>
                <div class="field">
                    <label for="privacy-request-kind">"What are you asking for?"</label>
                    <select id="privacy-request-kind" name="kind" aria-invalid=move || kind_error().is_some().then_some("true")>
                        {REQUEST_KINDS.iter().map(|(value, label)| view! { <option value=*value>{*label}</option> }).collect_view()}
                    </select>
                    {move || kind_error().map(|m| view! { <p class="field-error">{m}</p> })}
                </div>
                <div class="field">
                    <label for="privacy-request-message">"Your request"</label>
                    <textarea id="privacy-request-message" name="message" rows="5" required=true maxlength=MESSAGE_MAX.to_string()
                        aria-invalid=move || message_error().is_some().then_some("true")
                        aria-describedby=move || message_error().is_some().then_some("privacy-request-message-error")></textarea>
                    {move || message_error().map(|m| view! { <p class="field-error" id="privacy-request-message-error">{m}</p> })}
                </div>
                <FormAlert error/>
                {move || send.value().get().and_then(Result::ok).map(|_| view! {
                    <p class="notice" role="status">"Request sent. It is listed below with the date we will answer by; a confirmation is on its way to your email."</p>
                })}
                <button class="button primary" type="submit" disabled=move || send.pending().get()>"Send request"</button>
            </ActionForm>
            <h3>"Your requests"</h3>
            <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match requests.await {
                        Ok(list) if list.is_empty() => view! { <p class="muted">"You have not made a privacy request."</p> }.into_any(),
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
    let (class, label) = if status == "answered" { ("badge success", "Answered") } else { ("badge priority-high", "Open") };
    view! {
        <span class=class>{label}</span>
        {overdue.then(|| view! { " " <span class="badge danger">"Overdue"</span> })}
    }
}

/// One request with its dates and answer.
#[component]
fn PrivacyRequestView(request: PrivacyRequest) -> impl IntoView {
    let due = if request.status == "answered" {
        request.answered_at.map(|at| format!(" · answered {}", format_time(at))).unwrap_or_default()
    } else {
        format!(" · answer due by {}", format_time(request.due_at))
    };
    view! {
        <article class="communication privacy-request">
            <h4>{request.kind_label.clone()}</h4>
            <p class="muted">
                <RequestStatus status=request.status.clone() overdue=request.overdue/>
                " · sent " {format_time(request.created_at)} {due}
            </p>
            <p class="message-text">{request.message.clone()}</p>
            {request.answer.clone().map(|answer| view! {
                <div class="communication-reply">
                    <p class="muted">"Our answer"</p>
                    <p class="message-text">{answer}</p>
                </div>
            })}
        </article>
    }
}
