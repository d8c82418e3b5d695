//! The operators' privacy pages (`NEXACRM_OPERATOR_EMAILS`; 404 for everyone else):
//! `/operator/privacy-requests` — open requests by due date, overdue ones marked, each with a form
//! for the answer (mailed to the person and shown to them), and the answered ones — and
//! `/operator/news` — write product news and send it to the people who opted in.

use crate::api::privacy::{news_audience, operator_privacy_requests, AnswerPrivacyRequest, PrivacyRequest, SendProductNews, MESSAGE_MAX};
use crate::components::field::{FormAlert, FormError, TextField};
use crate::components::layout::PublicPage;
use crate::i18n_setup::{t, t_string, use_i18n, Locale};
use crate::pages::privacy::request_kind_label;
use crate::pages::records::{format_time, ErrorNotice};
use leptos::prelude::*;
use leptos_i18n::I18nContext;
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
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, privacy.operator_requests.title)/>
        <PublicPage>
            <crate::components::layout::OperatorNav/>
            <h1>{t!(i18n, privacy.operator_requests.title)}</h1>
            <p class="lead">{t!(i18n, privacy.operator_requests.lead)}</p>
            <nav class="filters" aria-label=t_string!(i18n, privacy.shared.filter_by_status)>
                <a href="/operator/privacy-requests" aria-current=move || (status() == "open").then_some("page")>{t!(i18n, privacy.shared.open)}</a>
                " "
                <a href="/operator/privacy-requests?status=answered" aria-current=move || (status() == "answered").then_some("page")>
                    {t!(i18n, privacy.shared.answered)}
                </a>
            </nav>
            {move || (answered.get() > 0).then(|| view! { <p class="notice" role="status">{t!(i18n, privacy.operator_requests.answer_sent)}</p> })}
            <Suspense fallback=move || view! { <p class="muted">{t!(i18n, privacy.loading)}</p> }>
                {move || Suspend::new(async move {
                    match requests.await {
                        Ok(list) if list.is_empty() => view! { <p class="empty-state panel">{t!(i18n, privacy.operator_requests.none)}</p> }.into_any(),
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
    let i18n = use_i18n();
    let open = request.status == "open";
    let (status_class, status_label) = if open {
        ("badge priority-high", t_string!(i18n, privacy.shared.open))
    } else {
        ("badge success", t_string!(i18n, privacy.shared.answered))
    };
    let field_id = format!("answer-{}", request.id);
    let heading = format!("{} — {} <{}>", request_kind_label(i18n, &request.kind), request.from_name, request.from_email);
    let form_label = t_string!(i18n, privacy.operator_requests.answer_form, email = &request.from_email).to_string();
    let id = request.id.clone();
    let answer_error = move || error.get().and_then(|e| e.field_message("answer"));
    view! {
        <article class="communication privacy-request" class:overdue=request.overdue>
            <h2>{heading}</h2>
            <p class="muted">
                <span class=status_class>{status_label}</span>
                {request.overdue.then(|| view! { " " <span class="badge danger">{t!(i18n, privacy.shared.overdue)}</span> })}
                {t_string!(i18n, privacy.shared.sent_at, time = format_time(request.created_at))}
                {t!(i18n, privacy.operator_requests.due)} <time>{format_time(request.due_at)}</time>
                {request.answered_at.map(|at| t_string!(i18n, privacy.shared.answered_at, time = format_time(at)).to_string())}
            </p>
            <p class="message-text">{request.message.clone()}</p>
            {match request.answer.clone() {
                Some(text) => view! {
                    <div class="communication-reply"><p class="muted">{t!(i18n, privacy.operator_requests.answer)}</p><p class="message-text">{text}</p></div>
                }.into_any(),
                None if open => view! {
                    <ActionForm action=answer attr:class="stack" attr:aria-label=form_label>
                        <input type="hidden" name="id" value=id/>
                        <div class="field">
                            <label for=field_id.clone()>{t!(i18n, privacy.shared.your_answer_by_email)}</label>
                            <textarea id=field_id name="answer" rows="4" required=true maxlength=MESSAGE_MAX.to_string()></textarea>
                            {move || answer_error().map(|m| view! { <p class="field-error">{m}</p> })}
                        </div>
                        <FormAlert error/>
                        <button class="button primary" type="submit" disabled=move || answer.pending().get()>{t!(i18n, privacy.shared.send_answer)}</button>
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
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, privacy.news.title)/>
        <PublicPage>
            <crate::components::layout::OperatorNav/>
            <h1>{t!(i18n, privacy.news.title)}</h1>
            <p class="lead">{t!(i18n, privacy.news.lead)}</p>
            <Suspense fallback=move || view! { <p class="muted">{t!(i18n, privacy.loading)}</p> }>
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
    let i18n = use_i18n();
    let audience = match count {
        1 => t_string!(i18n, privacy.news.audience_one).to_owned(),
        n => t_string!(i18n, privacy.news.audience_many, n = n).to_string(),
    };
    view! {
        <section class="panel" aria-labelledby="news-heading">
            <h2 id="news-heading">{t!(i18n, privacy.news.heading)}</h2>
            <p class="muted">{audience}</p>
            <ActionForm action=send node_ref=form_ref attr:class="stack" attr:aria-labelledby="news-heading">
                <TextField name="subject" label=t_string!(i18n, privacy.news.subject) required=true error hint=t_string!(i18n, privacy.news.subject_hint)/>
                <div class="field">
                    <label for="news-body">{t!(i18n, privacy.news.text)}</label>
                    <textarea id="news-body" name="body" rows="10" required=true maxlength=MESSAGE_MAX.to_string()
                        aria-invalid=move || body_error().is_some().then_some("true")></textarea>
                    {move || body_error().map(|m| view! { <p class="field-error">{m}</p> })}
                </div>
                <FormAlert error/>
                {move || send.value().get().and_then(Result::ok).map(|count| view! {
                    <p class="notice" role="status">{sent_to(i18n, count)}</p>
                })}
                <button class="button primary" type="submit" disabled=move || send.pending().get()>{t!(i18n, privacy.news.send)}</button>
            </ActionForm>
        </section>
    }
}

/// "Sent to 3 people.", with the case nobody opted in spelled out.
fn sent_to(i18n: I18nContext<Locale>, count: u64) -> String {
    match count {
        0 => t_string!(i18n, privacy.news.sent_none).to_owned(),
        1 => t_string!(i18n, privacy.news.sent_one).to_owned(),
        n => t_string!(i18n, privacy.news.sent_many, n = n).to_string(),
    }
}
