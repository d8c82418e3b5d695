//! Communications with NexaCRM: the help page (`/w/{slug}/help`: contact support, send feedback,
//! your messages with their answers), the satisfaction survey panel on the workspace home, and the
//! operators' support inbox (`/operator/support`, and one message at `/operator/support/{id}`).
//! Every message is plain text, escaped by Leptos, its line breaks kept by CSS.

use crate::api::support::{
    my_messages, operator_inbox, operator_message, survey_due, AnswerSurvey, Communication, DismissSurvey, ReplyToMessage,
    SendMessage, SetMessageStatus,
};
use crate::components::field::{FormAlert, FormError};
use crate::components::layout::PublicPage;
use crate::domain::support::{Kind, MESSAGE_MAX, STATUSES, SURVEY_CATEGORY};
use crate::i18n_setup::{t, t_string, use_i18n, Locale};
use crate::pages::records::{format_time, use_record_id, use_slug, ErrorNotice};
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn status_label(i18n: I18nContext<Locale>, status: &str) -> &'static str {
    match status {
        "open" => t_string!(i18n, privacy.support.status.open),
        "answered" => t_string!(i18n, privacy.support.status.answered),
        "closed" => t_string!(i18n, privacy.support.status.closed),
        _ => t_string!(i18n, privacy.support.status.unknown),
    }
}

/// A category of support or feedback (`key` as posted) as the page names it.
fn category_label(i18n: I18nContext<Locale>, kind: Kind, key: &str) -> &'static str {
    match (kind, key) {
        (Kind::Support, "account") => t_string!(i18n, privacy.support.categories.account),
        (Kind::Support, "question") => t_string!(i18n, privacy.support.categories.question),
        (Kind::Support, "bug") => t_string!(i18n, privacy.support.categories.bug),
        (Kind::Support, "privacy") => t_string!(i18n, privacy.support.categories.privacy),
        (Kind::Feedback, "idea") => t_string!(i18n, privacy.support.categories.idea),
        (Kind::Feedback, "praise") => t_string!(i18n, privacy.support.categories.praise),
        (Kind::Feedback, "problem") => t_string!(i18n, privacy.support.categories.problem),
        (Kind::Support | Kind::Feedback, "other") => t_string!(i18n, privacy.support.categories.other),
        (Kind::Survey, SURVEY_CATEGORY) => t_string!(i18n, privacy.support.categories.recommendation),
        _ => t_string!(i18n, privacy.support.categories.unknown),
    }
}

/// The category of a communication, translated: it carries the English label, so its key is
/// found again among its kind's categories.
fn communication_category(i18n: I18nContext<Locale>, c: &Communication) -> &'static str {
    let kind = Kind::parse(&c.kind).unwrap_or(Kind::Support);
    let key = kind.categories().iter().find(|(_, label)| *label == c.category_label).map_or("", |(key, _)| *key);
    category_label(i18n, kind, key)
}

fn status_badge(status: &str) -> &'static str {
    match status {
        "open" => "badge priority-high",
        "answered" => "badge success",
        _ => "badge",
    }
}

/// "Support: Something is not working", "Survey: 9 of 10".
fn heading_of(i18n: I18nContext<Locale>, c: &Communication) -> String {
    match (c.kind.as_str(), c.score) {
        ("survey", Some(score)) => t_string!(i18n, privacy.support.survey_heading, score = score).to_string(),
        ("feedback", _) => t_string!(i18n, privacy.support.feedback_heading, category = communication_category(i18n, c)).to_string(),
        _ => t_string!(i18n, privacy.support.support_heading, category = communication_category(i18n, c)).to_string(),
    }
}

#[component]
pub fn HelpPage() -> impl IntoView {
    let slug = use_slug();
    let query = use_query_map();
    let from = query.read_untracked().get("from").unwrap_or_default();
    let support = ServerAction::<SendMessage>::new();
    let feedback = ServerAction::<SendMessage>::new();
    let messages = Resource::new(move || (slug(), support.version().get(), feedback.version().get()), |(slug, _, _)| my_messages(slug));
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, privacy.support.title)/>
        <h1>{t!(i18n, privacy.support.title)}</h1>
        <p class="lead">{t!(i18n, privacy.support.lead)}</p>
        <MessageForm action=support kind=Kind::Support slug=slug() context=from.clone()/>
        <MessageForm action=feedback kind=Kind::Feedback slug=slug() context=from/>
        <section class="panel" aria-labelledby="your-messages">
            <h2 id="your-messages">{t!(i18n, privacy.support.your_messages)}</h2>
            <Suspense fallback=move || view! { <p class="muted">{t!(i18n, privacy.loading)}</p> }>
                {move || Suspend::new(async move {
                    match messages.await {
                        Ok(list) if list.is_empty() => view! { <p class="muted">{t!(i18n, privacy.support.none)}</p> }.into_any(),
                        Ok(list) => view! {
                            <ul class="communications">
                                {list.into_iter().map(|c| view! { <li><CommunicationView c/></li> }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// "Contact support" or "Send feedback": a category, the message, and the page the person came
/// from as a hidden field. Emptied after a successful send.
#[component]
fn MessageForm(action: ServerAction<SendMessage>, kind: Kind, slug: String, context: String) -> impl IntoView {
    let error: FormError = Signal::derive(move || action.value().get().and_then(Result::err));
    let form_ref = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = action.value().get() {
            if let Some(form) = form_ref.get() {
                form.reset();
            }
        }
    });
    let i18n = use_i18n();
    let (heading, button, prefix) = match kind {
        Kind::Feedback => (t_string!(i18n, privacy.support.send_feedback), t_string!(i18n, privacy.support.send_feedback), "feedback"),
        _ => (t_string!(i18n, privacy.support.contact_support), t_string!(i18n, privacy.support.send_to_support), "support"),
    };
    let heading_id = format!("{prefix}-heading");
    let (section_label, form_label) = (heading_id.clone(), heading_id.clone());
    let category_id = format!("{prefix}-category");
    let message_id = format!("{prefix}-message");
    let message_error_id = format!("{prefix}-message-error");
    let category_error = move || error.get().and_then(|e| e.field_message("category"));
    let message_error = move || error.get().and_then(|e| e.field_message("message"));
    view! {
        <section class="panel" aria-labelledby=section_label>
            <h2 id=heading_id>{heading}</h2>
            <ActionForm action node_ref=form_ref attr:class="stack" attr:aria-labelledby=form_label>
                <input type="hidden" name="slug" value=slug/>
                <input type="hidden" name="kind" value=kind.as_str()/>
                <input type="hidden" name="context" value=context/>
                <div class="field">
                    <label for=category_id.clone()>{t!(i18n, privacy.support.category)}</label>
                    <select id=category_id name="category" aria-invalid=move || category_error().is_some().then_some("true")>
                        {kind.categories().iter().map(|(value, _)| view! { <option value=*value>{category_label(i18n, kind, value)}</option> }).collect_view()}
                    </select>
                    {move || category_error().map(|m| view! { <p class="field-error">{m}</p> })}
                </div>
                <div class="field">
                    <label for=message_id.clone()>{t!(i18n, privacy.support.message)}</label>
                    <textarea id=message_id name="message" rows="6" required=true maxlength=MESSAGE_MAX.to_string()
                        aria-invalid=move || message_error().is_some().then_some("true")
                        aria-describedby=move || message_error().is_some().then(|| message_error_id.clone())></textarea>
                    {move || message_error().map(|m| view! { <p class="field-error" id=format!("{prefix}-message-error")>{m}</p> })}
                </div>
                <FormAlert error/>
                {move || action.value().get().and_then(Result::ok).map(|()| view! {
                    <p class="notice" role="status">{t!(i18n, privacy.support.thanks)}</p>
                })}
                <button class="button primary" type="submit" disabled=move || action.pending().get()>{button}</button>
            </ActionForm>
        </section>
    }
}

/// One communication with its replies.
#[component]
fn CommunicationView(c: Communication) -> impl IntoView {
    let i18n = use_i18n();
    let heading = heading_of(i18n, &c);
    view! {
        <article class="communication">
            <h3>{heading}</h3>
            <p class="muted">
                <span class=status_badge(&c.status)>{status_label(i18n, &c.status)}</span>
                {t_string!(i18n, privacy.shared.sent_at, time = format_time(c.created_at))}
                {(!c.context.is_empty()).then(|| t_string!(i18n, privacy.support.from_page, page = &c.context).to_string())}
            </p>
            {(!c.message.is_empty()).then(|| view! { <p class="message-text">{c.message.clone()}</p> })}
            {c.replies.into_iter().map(|r| view! {
                <div class="communication-reply">
                    <p class="muted">
                        {t_string!(
                            i18n,
                            privacy.support.answer_from,
                            name = r.author_name.unwrap_or_else(|| "NexaCRM".to_owned()),
                            time = format_time(r.created_at)
                        )}
                    </p>
                    <p class="message-text">{r.message}</p>
                </div>
            }).collect_view()}
        </article>
    }
}

/// The satisfaction survey on the workspace home, when it is due: a score, a comment, or "not
/// now" / "don't ask again". Disappears once answered or put off.
#[component]
pub fn SurveyPanel() -> impl IntoView {
    let slug = use_slug();
    let answer = ServerAction::<AnswerSurvey>::new();
    let dismiss = ServerAction::<DismissSurvey>::new();
    let due = Resource::new(move || (slug(), answer.version().get(), dismiss.version().get()), |(slug, _, _)| survey_due(slug));
    let error: FormError = Signal::derive(move || answer.value().get().and_then(Result::err).or_else(|| dismiss.value().get().and_then(Result::err)));
    let score_error = move || error.get().and_then(|e| e.field_message("score"));
    let comment_error = move || error.get().and_then(|e| e.field_message("comment"));
    let i18n = use_i18n();
    view! {
        {move || answer.value().get().and_then(Result::ok).map(|()| view! {
            <p class="notice" role="status">{t!(i18n, privacy.support.survey_thanks)}</p>
        })}
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                if !matches!(due.await, Ok(true)) {
                    return ().into_any();
                }
                view! {
                    <section class="panel survey" aria-labelledby="survey-heading">
                        <h2 id="survey-heading">{t!(i18n, privacy.support.survey_title)}</h2>
                        <ActionForm action=answer attr:class="stack" attr:aria-labelledby="survey-heading">
                            <input type="hidden" name="slug" value=slug()/>
                            <fieldset class="survey-scale">
                                <legend>{t!(i18n, privacy.support.survey_question)}</legend>
                                {(0..=10).map(|n| {
                                    let (id, label_for) = (format!("survey-score-{n}"), format!("survey-score-{n}"));
                                    view! {
                                        <label for=label_for><input type="radio" id=id name="score" value=n.to_string() required=true/>{n}</label>
                                    }
                                }).collect_view()}
                            </fieldset>
                            {move || score_error().map(|m| view! { <p class="field-error">{m}</p> })}
                            <div class="field">
                                <label for="survey-comment">{t!(i18n, privacy.support.survey_comment)}</label>
                                <textarea id="survey-comment" name="comment" rows="3" maxlength=MESSAGE_MAX.to_string()></textarea>
                                {move || comment_error().map(|m| view! { <p class="field-error">{m}</p> })}
                            </div>
                            <FormAlert error/>
                            <button class="button primary" type="submit" disabled=move || answer.pending().get()>{t!(i18n, privacy.shared.send_answer)}</button>
                        </ActionForm>
                        <div class="survey-dismiss">
                            <ActionForm action=dismiss attr:class="inline-form">
                                <input type="hidden" name="slug" value=slug()/>
                                <input type="hidden" name="forever" value=""/>
                                <button class="button secondary small" type="submit">{t!(i18n, privacy.support.not_now)}</button>
                            </ActionForm>
                            <ActionForm action=dismiss attr:class="inline-form">
                                <input type="hidden" name="slug" value=slug()/>
                                <input type="hidden" name="forever" value="on"/>
                                <button class="button secondary small" type="submit">{t!(i18n, privacy.support.never)}</button>
                            </ActionForm>
                        </div>
                    </section>
                }.into_any()
            })}
        </Suspense>
    }
}

/// The support inbox: every communication, filtered by `?status=`. Operators only (404 otherwise).
#[component]
pub fn OperatorInboxPage() -> impl IntoView {
    let query = use_query_map();
    let status = move || query.read().get("status").unwrap_or_default();
    let inbox = Resource::new(status, operator_inbox);
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, privacy.support.inbox)/>
        <PublicPage>
            <Suspense fallback=move || view! { <p class="muted">{t!(i18n, privacy.loading)}</p> }>
                {move || Suspend::new(async move {
                    match inbox.await {
                        Ok(list) => view! { <InboxView list current=status()/> }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Suspense>
        </PublicPage>
    }
}

#[component]
fn InboxView(list: Vec<Communication>, current: String) -> impl IntoView {
    let i18n = use_i18n();
    let filters: Vec<(String, &'static str)> = std::iter::once((String::new(), t_string!(i18n, privacy.support.all)))
        .chain(STATUSES.iter().map(|(key, _)| ((*key).to_owned(), status_label(i18n, key))))
        .collect();
    view! {
        <crate::components::layout::OperatorNav/>
        <h1>{t!(i18n, privacy.support.inbox)}</h1>
        <nav class="filters" aria-label=t_string!(i18n, privacy.shared.filter_by_status)>
            {filters.into_iter().map(|(key, label)| {
                let href = if key.is_empty() { "/operator/support".to_owned() } else { format!("/operator/support?status={key}") };
                let current = (key == current).then_some("page");
                view! { <a href=href aria-current=current>{label}</a> " " }
            }).collect_view()}
        </nav>
        {if list.is_empty() {
            view! { <p class="empty-state panel">{t!(i18n, privacy.support.no_messages)}</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll">
                    <table class="records">
                        <thead>
                            <tr>
                                <th scope="col">{t!(i18n, privacy.support.message)}</th>
                                <th scope="col">{t!(i18n, privacy.support.from)}</th>
                                <th scope="col">{t!(i18n, privacy.support.status_heading)}</th>
                                <th scope="col">{t!(i18n, privacy.support.received)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {list.into_iter().map(|c| {
                                let preview: String = c.message.chars().take(80).collect();
                                view! {
                                    <tr>
                                        <td><a href=format!("/operator/support/{}", c.id)>{heading_of(i18n, &c)}</a><br/><span class="muted">{preview}</span></td>
                                        <td>{c.from_name.clone()}<br/><span class="muted">{c.from_email.clone()}</span></td>
                                        <td><span class=status_badge(&c.status)>{status_label(i18n, &c.status)}</span></td>
                                        <td><time>{format_time(c.created_at)}</time></td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
    }
}

/// One communication for an operator: its replies, a reply form, close or reopen.
#[component]
pub fn OperatorMessagePage() -> impl IntoView {
    let id = use_record_id();
    let reply = ServerAction::<ReplyToMessage>::new();
    let status = ServerAction::<SetMessageStatus>::new();
    let message = Resource::new(move || (id(), reply.version().get(), status.version().get()), |(id, _, _)| operator_message(id));
    let reply_error: FormError = Signal::derive(move || reply.value().get().and_then(Result::err));
    let status_error: FormError = Signal::derive(move || status.value().get().and_then(Result::err));
    let form_ref = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = reply.value().get() {
            if let Some(form) = form_ref.get() {
                form.reset();
            }
        }
    });
    let message_error = move || reply_error.get().and_then(|e| e.field_message("message"));
    let i18n = use_i18n();
    view! {
        <PublicPage>
            <p><a href="/operator/support">{t!(i18n, privacy.support.back_to_inbox)}</a></p>
            <Suspense fallback=move || view! { <p class="muted">{t!(i18n, privacy.loading)}</p> }>
                {move || Suspend::new(async move {
                    let c = match message.await {
                        Ok(c) => c,
                        Err(error) => return view! { <ErrorNotice error/> }.into_any(),
                    };
                    let (next, toggle) = if c.status == "closed" {
                        ("open", t_string!(i18n, privacy.support.reopen))
                    } else {
                        ("closed", t_string!(i18n, privacy.support.close))
                    };
                    let (reply_id, status_id) = (c.id.clone(), c.id.clone());
                    let from = t_string!(i18n, privacy.support.from_person, person = format!("{} <{}>", c.from_name, c.from_email)).to_string();
                    let (title, heading) = (heading_of(i18n, &c), heading_of(i18n, &c));
                    view! {
                        <Title text=title/>
                        <h1>{heading}</h1>
                        <p>{from}</p>
                        <CommunicationView c/>
                        <section class="panel" aria-labelledby="reply-heading">
                            <h2 id="reply-heading">{t!(i18n, privacy.support.reply)}</h2>
                            <ActionForm action=reply node_ref=form_ref attr:class="stack" attr:aria-labelledby="reply-heading">
                                <input type="hidden" name="id" value=reply_id/>
                                <div class="field">
                                    <label for="reply-message">{t!(i18n, privacy.shared.your_answer_by_email)}</label>
                                    <textarea id="reply-message" name="message" rows="6" required=true maxlength=MESSAGE_MAX.to_string()
                                        aria-invalid=move || message_error().is_some().then_some("true")></textarea>
                                    {move || message_error().map(|m| view! { <p class="field-error">{m}</p> })}
                                </div>
                                <FormAlert error=reply_error/>
                                <button class="button primary" type="submit" disabled=move || reply.pending().get()>{t!(i18n, privacy.support.send_reply)}</button>
                            </ActionForm>
                            <ActionForm action=status attr:class="inline-form">
                                <input type="hidden" name="id" value=status_id/>
                                <input type="hidden" name="status" value=next/>
                                <button class="button secondary" type="submit">{toggle}</button>
                            </ActionForm>
                            <FormAlert error=status_error/>
                        </section>
                    }.into_any()
                })}
            </Suspense>
        </PublicPage>
    }
}
