//! The operators' privacy pages (`NEXACRM_OPERATOR_EMAILS`; 404 for everyone else):
//! `/operator/privacy-requests` — open requests by due date, overdue ones marked, each with a form
//! for the answer (mailed to the person and shown to them), and the answered ones — and
//! `/operator/news` — write product news and send it to the people who opted in.

use crate::api::privacy::{news_audience, operator_privacy_requests, AnswerPrivacyRequest, PrivacyRequest, SendProductNews, MESSAGE_MAX};
use crate::components::field::{FormAlert, FormError, TextField};
use crate::components::layout::PublicPage;
use crate::pages::records::{format_time, ErrorNotice};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The requests of one status (`?status=answered`, open otherwise).
#[component]
pub fn OperatorPrivacyRequestsPage() -> impl IntoView {
    let query = use_query_map();
    let status = move || if query.read().get("status").as_deref() == Some("answered") { "answered".to_owned() } else { "open".to_owned() };
    // Bumped by each request's form when its answer went out, to reload the list.
    let answered = RwSignal::new(0_u32);
    let requests = Resource::new(move || (status(), answered.get()), |(status, _)| operator_privacy_requests(status));
    view! {
        <Title text="Privacy requests"/>
        <PublicPage>
            <crate::components::layout::OperatorNav/>
            <h1>"Privacy requests"</h1>
            <p class="lead">"Each request must be answered within 30 days of being sent. Your answer is emailed to the person and shown on their privacy page."</p>
            <nav class="filters" aria-label="Filter by status">
                <a href="/operator/privacy-requests" aria-current=move || (status() == "open").then_some("page")>"Open"</a>
                " "
                <a href="/operator/privacy-requests?status=answered" aria-current=move || (status() == "answered").then_some("page")>"Answered"</a>
            </nav>
            {move || (answered.get() > 0).then(|| view! { <p class="notice" role="status">"Answer sent."</p> })}
            <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match requests.await {
                        Ok(list) if list.is_empty() => view! { <p class="empty-state panel">"No requests."</p> }.into_any(),
                        Ok(list) => view! {
                            <ol class="communications privacy-requests">
                                {list.into_iter().map(|request| view! { <li><OperatorRequestView request answered/></li> }).collect_view()}
                            </ol>
                        }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Suspense>
        </PublicPage>
    }
}

/// One request: who, what, when it is due, and the answer or a form for it.
#[component]
fn OperatorRequestView(request: PrivacyRequest, answered: RwSignal<u32>) -> impl IntoView {
    let answer = ServerAction::<AnswerPrivacyRequest>::new();
    let error: FormError = Signal::derive(move || answer.value().get().and_then(Result::err));
    Effect::new(move |_| {
        if let Some(Ok(())) = answer.value().get() {
            answered.update(|n| *n += 1);
        }
    });
    let open = request.status == "open";
    let (status_class, status_label) = if open { ("badge priority-high", "Open") } else { ("badge success", "Answered") };
    let field_id = format!("answer-{}", request.id);
    let heading = format!("{} — {} <{}>", request.kind_label, request.from_name, request.from_email);
    let form_label = format!("Answer the request of {}", request.from_email);
    let id = request.id.clone();
    let answer_error = move || error.get().and_then(|e| e.field_message("answer"));
    view! {
        <article class="communication privacy-request" class:overdue=request.overdue>
            <h2>{heading}</h2>
            <p class="muted">
                <span class=status_class>{status_label}</span>
                {request.overdue.then(|| view! { " " <span class="badge danger">"Overdue"</span> })}
                " · sent " {format_time(request.created_at)} " · due " <time>{format_time(request.due_at)}</time>
                {request.answered_at.map(|at| format!(" · answered {}", format_time(at)))}
            </p>
            <p class="message-text">{request.message.clone()}</p>
            {match request.answer.clone() {
                Some(text) => view! {
                    <div class="communication-reply"><p class="muted">"Answer"</p><p class="message-text">{text}</p></div>
                }.into_any(),
                None if open => view! {
                    <ActionForm action=answer attr:class="stack" attr:aria-label=form_label>
                        <input type="hidden" name="id" value=id/>
                        <div class="field">
                            <label for=field_id.clone()>"Your answer (sent by email)"</label>
                            <textarea id=field_id name="answer" rows="4" required=true maxlength=MESSAGE_MAX.to_string()></textarea>
                            {move || answer_error().map(|m| view! { <p class="field-error">{m}</p> })}
                        </div>
                        <FormAlert error/>
                        <button class="button primary" type="submit" disabled=move || answer.pending().get()>"Send answer"</button>
                    </ActionForm>
                }.into_any(),
                None => ().into_any(),
            }}
        </article>
    }
}

/// Product news: a subject and a text, sent through the outbox to everyone who opted in.
#[component]
pub fn OperatorNewsPage() -> impl IntoView {
    let send = ServerAction::<SendProductNews>::new();
    // Loaded once: sending does not change who opted in, and the form keeps what was typed.
    let audience = Resource::new(|| (), |()| news_audience());
    view! {
        <Title text="Product news"/>
        <PublicPage>
            <crate::components::layout::OperatorNav/>
            <h1>"Product news"</h1>
            <p class="lead">
                "News goes by email only to people who opted in on their privacy page. Each email has a one-click "
                "unsubscribe link; account mail is never sent from here."
            </p>
            <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match audience.await {
                        Ok(count) => view! { <NewsForm send count/> }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Suspense>
        </PublicPage>
    }
}

/// The news form and how many people it would reach (`count` opted in).
#[component]
fn NewsForm(send: ServerAction<SendProductNews>, count: u64) -> impl IntoView {
    let error: FormError = Signal::derive(move || send.value().get().and_then(Result::err));
    let body_error = move || error.get().and_then(|e| e.field_message("body"));
    let form_ref = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if let Some(Ok(_)) = send.value().get() {
            if let Some(form) = form_ref.get() {
                form.reset();
            }
        }
    });
    let audience = match count {
        1 => "1 person has opted in.".to_owned(),
        n => format!("{n} people have opted in."),
    };
    view! {
        <section class="panel" aria-labelledby="news-heading">
            <h2 id="news-heading">"Write the news"</h2>
            <p class="muted">{audience}</p>
            <ActionForm action=send node_ref=form_ref attr:class="stack" attr:aria-labelledby="news-heading">
                <TextField name="subject" label="Subject" required=true error hint="One line, at most 200 characters."/>
                <div class="field">
                    <label for="news-body">"Text"</label>
                    <textarea id="news-body" name="body" rows="10" required=true maxlength=MESSAGE_MAX.to_string()
                        aria-invalid=move || body_error().is_some().then_some("true")></textarea>
                    {move || body_error().map(|m| view! { <p class="field-error">{m}</p> })}
                </div>
                <FormAlert error/>
                {move || send.value().get().and_then(Result::ok).map(|count| view! {
                    <p class="notice" role="status">{sent_to(count)}</p>
                })}
                <button class="button primary" type="submit" disabled=move || send.pending().get()>"Send to opted-in people"</button>
            </ActionForm>
        </section>
    }
}

/// "Sent to 3 people.", with the case nobody opted in spelled out.
fn sent_to(count: u64) -> String {
    match count {
        0 => "Nobody has opted in to product news, so it was sent to no one.".to_owned(),
        1 => "Sent to 1 person.".to_owned(),
        n => format!("Sent to {n} people."),
    }
}
