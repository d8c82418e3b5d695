//! One draft, new (`?contact=…&deal=…&template=…` start it) or saved: the contact, deal and
//! template pickers, the address and text, and a preview that fills the merge fields in as you
//! type. Without JavaScript the form still saves (the server fills the address and a chosen
//! template in) and the preview shows what was saved. A saved draft can be sent; a sent one is
//! shown read-only with how its delivery stands.

use super::{braces, union, BoundField, MergeFieldLegend, EXAMPLE_FIELD};
use crate::api::emails::{get_template, load_draft_form, preview_email, DeleteDraft, DraftDetail, DraftForm, SaveDraft, SendDraft, TemplateDetail};
use crate::components::field::{FormAlert, FormError, SelectField};
use crate::domain::emails::render;
use crate::i18n_setup::{t, t_string, use_i18n, Locale};
use crate::pages::records::{format_time, use_record_id, use_slug, ErrorNotice};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

// Each page loads with one server function: a page rendered twice on the server drops its first
// copy, and a resource that awaited several calls could then finish without its context.

/// `options` after an empty first option saying `none`.
fn with_none(none: &str, options: Vec<(String, String)>) -> Vec<(String, String)> {
    std::iter::once((String::new(), none.to_owned())).chain(options).collect()
}

/// A new draft.
#[component]
pub fn NewDraftPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = use_slug();
    let query = use_query_map();
    let param = move |name: &str| query.read().get(name).unwrap_or_default();
    let save = ServerAction::<SaveDraft>::new();
    let form = Resource::new(
        move || (slug(), param("contact"), param("deal"), param("template")),
        |(slug, contact, deal, template)| load_draft_form(slug, String::new(), contact, deal, template),
    );
    view! {
        <Title text=t_string!(i18n, work.emails.new_draft)/>
        <p><a href=move || format!("/w/{}/emails", slug())>{t!(i18n, work.emails.back)}</a></p>
        <h1>{t!(i18n, work.emails.new_draft)}</h1>
        <Suspense fallback=move || view! { <p class="muted">{t!(i18n, work.common.loading)}</p> }>
            {move || Suspend::new(async move {
                match form.await {
                    Ok(form) => view! { <DraftEditor slug=slug() id=String::new() form save/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A saved draft: edit, save again, delete.
#[component]
pub fn DraftPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = use_slug();
    let id = use_record_id();
    let query = use_query_map();
    let save = ServerAction::<SaveDraft>::new();
    let send = ServerAction::<SendDraft>::new();
    // Reload after a successful save or send only: a refused one keeps what was typed.
    let saves = RwSignal::new(0u32);
    Effect::new(move |_| {
        if matches!(save.value().get(), Some(Ok(_))) || matches!(send.value().get(), Some(Ok(_))) {
            saves.update(|n| *n += 1);
        }
    });
    let form = Resource::new(
        move || (slug(), id(), saves.get()),
        |(slug, id, _)| load_draft_form(slug, id, String::new(), String::new(), String::new()),
    );
    let just_created = move || query.read().get("saved").is_some();
    view! {
        <Suspense fallback=move || view! { <p class="muted">{t!(i18n, work.common.loading)}</p> }>
            {move || Suspend::new(async move {
                match form.await {
                    Ok(form) => match form.draft.clone() {
                        Some(detail) if detail.sent_at.is_some() => view! { <SentDraft detail slug=slug()/> }.into_any(),
                        Some(detail) => view! { <SavedDraft detail form slug=slug() save send just_created=just_created()/> }.into_any(),
                        None => view! { <ErrorNotice error=crate::error::AppError::NotFound/> }.into_any(),
                    },
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SavedDraft(detail: DraftDetail, form: DraftForm, slug: String, save: ServerAction<SaveDraft>, send: ServerAction<SendDraft>, just_created: bool) -> impl IntoView {
    let i18n = use_i18n();
    let title = if detail.fields.subject.is_empty() { t_string!(i18n, work.emails.draft.untitled_draft).to_owned() } else { detail.fields.subject.clone() };
    let from_template = detail.template_name.clone().map(|name| t_string!(i18n, work.emails.draft.from_template, name = name));
    view! {
        <DraftHeader detail=detail.clone() slug=slug.clone() title/>
        <p class="muted">
            {t_string!(i18n, work.emails.draft.to_prefix)}
            <a href=format!("/w/{slug}/contacts/{}", detail.fields.contact_id)>{detail.contact_name.clone()}</a>
            {t_string!(
                i18n,
                work.emails.draft.written_created_updated,
                author = detail.author_name.clone().unwrap_or_else(|| t_string!(i18n, work.emails.draft.former_author).into()),
                created = format_time(detail.created_at),
                updated = format_time(detail.updated_at)
            )}
            {from_template}
        </p>
        {detail.contact_in_trash.then(|| view! {
            <p class="notice" role="status">{t!(i18n, work.emails.draft.contact_in_trash)}</p>
        })}
        {crate::pages::records::can_write().then(|| view! { <SendDraftControl slug=slug.clone() id=detail.id.clone() send/> })}
        <DraftEditor slug id=detail.id form save just_created/>
    }
}

/// "Send": the saved draft goes to its contact; refusals are explained beside the button.
#[component]
fn SendDraftControl(slug: String, id: String, send: ServerAction<SendDraft>) -> impl IntoView {
    let i18n = use_i18n();
    let message = move || {
        send.value().get().and_then(Result::err).map(|error| match error {
            crate::error::AppError::Validation { fields } => fields.into_values().collect::<Vec<_>>().join(" "),
            other => {
                let text = other.to_string();
                let mut chars = text.chars();
                chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
            }
        })
    };
    view! {
        <div class="email-send">
            <ActionForm action=send attr:class="inline-form" attr:aria-label=t_string!(i18n, work.emails.draft.send_label)>
                <input type="hidden" name="slug" value=slug/>
                <input type="hidden" name="id" value=id/>
                <button class="button primary" type="submit" disabled=move || send.pending().get()>{t!(i18n, work.emails.draft.send)}</button>
            </ActionForm>
            <p class="hint">{t!(i18n, work.emails.draft.send_hint)}</p>
            {move || message().map(|text| view! { <p class="form-error" role="alert">{text}</p> })}
        </div>
    }
}

/// What a sent draft's delivery status means to the reader.
fn delivery_label(i18n: leptos_i18n::I18nContext<Locale>, status: Option<&str>) -> &'static str {
    match status {
        Some("queued") => t_string!(i18n, work.emails.delivery.queued),
        Some("sending") => t_string!(i18n, work.emails.delivery.sending),
        Some("sent") => t_string!(i18n, work.emails.delivery.sent),
        Some("failed") => t_string!(i18n, work.emails.delivery.failed),
        Some("kept") => t_string!(i18n, work.emails.delivery.kept),
        _ => t_string!(i18n, work.emails.delivery.unknown),
    }
}

/// The title with the way back to the list and, for those who may write, "Delete…".
#[component]
fn DraftHeader(detail: DraftDetail, slug: String, title: String) -> impl IntoView {
    let i18n = use_i18n();
    let delete = crate::pages::records::can_write().then(|| view! { <DeleteDraftControl slug=slug.clone() id=detail.id.clone()/> });
    view! {
        <Title text=title.clone()/>
        <p><a href=format!("/w/{slug}/emails")>{t!(i18n, work.emails.back)}</a></p>
        <header class="page-header">
            <h1>{title}</h1>
            {delete}
        </header>
    }
}

/// A sent draft: read-only, with its delivery status.
#[component]
fn SentDraft(detail: DraftDetail, slug: String) -> impl IntoView {
    let i18n = use_i18n();
    let title = if detail.fields.subject.is_empty() { t_string!(i18n, work.emails.draft.untitled_email).to_owned() } else { detail.fields.subject.clone() };
    view! {
        <DraftHeader detail=detail.clone() slug=slug.clone() title/>
        <p class="muted">
            {t_string!(i18n, work.emails.draft.to_prefix)}
            <a href=format!("/w/{slug}/contacts/{}", detail.fields.contact_id)>{detail.contact_name.clone()}</a>
            {t_string!(
                i18n,
                work.emails.draft.written_sent,
                author = detail.author_name.clone().unwrap_or_else(|| t_string!(i18n, work.emails.draft.former_author).into()),
                sent = detail.sent_at.map(format_time).unwrap_or_default()
            )}
            {detail.deal_name.clone().map(|deal| t_string!(i18n, work.emails.draft.about_deal, deal = deal))}
        </p>
        <p class="notice" role="status">{t_string!(i18n, work.emails.draft.sent_notice, status = delivery_label(i18n, detail.delivery.as_deref()))}</p>
        <section class="panel email-preview" aria-labelledby="sent-heading">
            <h2 id="sent-heading">{t!(i18n, work.emails.draft.sent_email)}</h2>
            <dl class="email-preview-head">
                <div><dt>{t!(i18n, work.emails.to)}</dt><dd>{detail.fields.to_address.clone()}</dd></div>
                <div><dt>{t!(i18n, work.common.subject)}</dt><dd class="email-preview-subject">{detail.fields.subject.clone()}</dd></div>
            </dl>
            <div class="email-preview-body">{detail.fields.body.clone()}</div>
        </section>
    }
}

/// "Delete…" opens a confirmation; deleting goes back to the list.
#[component]
fn DeleteDraftControl(slug: String, id: String) -> impl IntoView {
    let i18n = use_i18n();
    let delete = ServerAction::<DeleteDraft>::new();
    let error = Signal::derive(move || delete.value().get().and_then(Result::err));
    view! {
        <details class="email-delete">
            <summary class="button secondary">{t!(i18n, work.common.delete_ellipsis)}</summary>
            <div class="email-delete-confirm">
                <p>{t!(i18n, work.emails.draft.delete_confirm)}</p>
                <FormAlert error/>
                <ActionForm action=delete attr:class="inline-form">
                    <input type="hidden" name="slug" value=slug/>
                    <input type="hidden" name="id" value=id/>
                    <button class="button email-danger" type="submit" disabled=move || delete.pending().get()>{t!(i18n, work.emails.draft.delete)}</button>
                </ActionForm>
            </div>
        </details>
    }
}

/// The draft form and its preview. `id` is empty for a new draft.
#[component]
fn DraftEditor(
    slug: String,
    id: String,
    form: DraftForm,
    save: ServerAction<SaveDraft>,
    /// Arrived here right after creating the draft.
    #[prop(optional)]
    just_created: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let DraftForm { fields, values, contacts, deals, templates, .. } = form;
    let error: FormError = Signal::derive(move || save.value().get().and_then(Result::err));
    let is_new = id.is_empty();
    let saved = move || !is_new && save.value().with(|v| match v {
        Some(result) => result.is_ok(),
        None => just_created,
    });
    let contact_id = RwSignal::new(fields.contact_id.clone());
    let deal_id = RwSignal::new(fields.deal_id.clone());
    let to = RwSignal::new(fields.to_address.clone());
    // The address the contact gave; replaced when the contact changes, unless the person typed another.
    let auto_to = RwSignal::new(values.contact_email.clone());
    let subject = RwSignal::new(fields.subject.clone());
    let body = RwSignal::new(fields.body.clone());
    let merge = RwSignal::new(values);
    // The text a template put in the fields: choosing another template replaces it unasked.
    let applied = RwSignal::new((is_new && !fields.template_id.is_empty()).then(|| (fields.subject.clone(), fields.body.clone())));
    // A template chosen over text the person wrote, waiting for "Replace".
    let offered = RwSignal::new(None::<TemplateDetail>);

    let refresh = {
        let slug = slug.clone();
        move || {
            let (slug, contact, deal) = (slug.clone(), contact_id.get_untracked(), deal_id.get_untracked());
            leptos::task::spawn_local(async move {
                let Ok(preview) = preview_email(slug, String::new(), String::new(), String::new(), contact.clone(), deal.clone()).await else { return };
                let (values, address) = (preview.values, preview.to);
                // Only the answer for what is chosen now counts.
                if contact_id.get_untracked() != contact || deal_id.get_untracked() != deal {
                    return;
                }
                let current = to.get_untracked();
                if current.trim().is_empty() || current == auto_to.get_untracked() {
                    to.set(address.clone());
                }
                auto_to.set(address);
                merge.set(values);
            });
        }
    };
    let on_link_change = move |ev: leptos::ev::Event| {
        let name = event_target::<web_sys::Element>(&ev).get_attribute("name");
        let value = event_target_value(&ev);
        match name.as_deref() {
            Some("fields[contact_id]") => contact_id.set(value),
            Some("fields[deal_id]") => deal_id.set(value),
            _ => return,
        }
        refresh();
    };
    let apply = move |template_subject: String, template_body: String| {
        subject.set(template_subject.clone());
        body.set(template_body.clone());
        applied.set(Some((template_subject, template_body)));
        offered.set(None);
    };
    let on_template_change = {
        let slug = slug.clone();
        move |ev: leptos::ev::Event| {
            let chosen = event_target_value(&ev);
            offered.set(None);
            if chosen.is_empty() {
                return;
            }
            let slug = slug.clone();
            leptos::task::spawn_local(async move {
                let Ok(template) = get_template(slug, chosen).await else { return };
                let (typed_subject, typed_body) = (subject.get_untracked(), body.get_untracked());
                let untouched = (typed_subject.trim().is_empty() && typed_body.trim().is_empty())
                    || applied.get_untracked().is_some_and(|(s, b)| s == typed_subject && b == typed_body);
                if untouched {
                    apply(template.fields.subject, template.fields.body);
                } else {
                    offered.set(Some(template));
                }
            });
        }
    };

    let rendered_subject = Memo::new(move |_| merge.with(|v| render(&subject.get(), v)));
    let rendered_body = Memo::new(move |_| merge.with(|v| render(&body.get(), v)));
    let unknown = move || union(rendered_subject.with(|r| r.unknown.clone()), rendered_body.with(|r| r.unknown.clone()));
    let empty = move || union(rendered_subject.with(|r| r.empty.clone()), rendered_body.with(|r| r.empty.clone()));

    let offer = move || {
        offered.get().map(|template| {
            let (s, b) = (template.fields.subject, template.fields.body);
            view! {
                <div class="notice email-offer" role="status">
                    <p>{t_string!(i18n, work.emails.draft.replace_offer, name = template.fields.name)}</p>
                    <button type="button" class="button secondary small" on:click=move |_| apply(s.clone(), b.clone())>{t!(i18n, work.emails.draft.replace)}</button>
                    " "
                    <button type="button" class="link" on:click=move |_| offered.set(None)>{t!(i18n, work.emails.draft.keep)}</button>
                </div>
            }
        })
    };
    view! {
        <div class="record-layout email-layout">
            <section class="panel" aria-labelledby="draft-heading">
                <h2 id="draft-heading">{t!(i18n, work.emails.draft.heading)}</h2>
                <FormAlert error/>
                {move || saved().then_some(view! { <p class="notice" role="status">{t!(i18n, work.common.saved)}</p> })}
                {offer}
                <ActionForm action=save attr:class="stack record-form" attr:aria-label=t_string!(i18n, work.emails.draft.form_label)>
                    <input type="hidden" name="slug" value=slug.clone()/>
                    <input type="hidden" name="id" value=id/>
                    <div class="field-row" on:change=on_link_change>
                        <SelectField name="fields[contact_id]" label=t_string!(i18n, work.common.contact) options=with_none(t_string!(i18n, work.emails.draft.choose_contact), contacts) selected=fields.contact_id error/>
                        <SelectField name="fields[deal_id]" label=t_string!(i18n, work.emails.draft.deal) options=with_none(t_string!(i18n, work.emails.draft.no_deal), deals) selected=fields.deal_id error/>
                    </div>
                    <div class="email-template-pick" on:change=on_template_change>
                        <SelectField name="fields[template_id]" label=t_string!(i18n, work.emails.draft.template) options=with_none(t_string!(i18n, work.emails.draft.no_template), templates) selected=fields.template_id error/>
                        <p class="hint">{t!(i18n, work.emails.draft.template_hint)}</p>
                    </div>
                    <BoundField name="fields[to_address]" label=t_string!(i18n, work.emails.to) kind="email" value=to error required=true
                        hint=t_string!(i18n, work.emails.draft.to_hint)/>
                    <BoundField name="fields[subject]" label=t_string!(i18n, work.common.subject) value=subject error/>
                    <BoundField name="fields[body]" label=t_string!(i18n, work.emails.body) value=body error multiline=true
                        hint=t_string!(i18n, work.emails.draft.body_hint, example = EXAMPLE_FIELD)/>
                    <button class="button primary" type="submit" disabled=move || save.pending().get()>{t!(i18n, work.emails.draft.save)}</button>
                </ActionForm>
            </section>
            <div class="record-side">
                <section class="panel email-preview" aria-labelledby="preview-heading">
                    <h2 id="preview-heading">{t!(i18n, work.emails.draft.preview)}</h2>
                    <dl class="email-preview-head">
                        <div>
                            <dt>{t!(i18n, work.emails.to)}</dt>
                            <dd>{move || { let to = to.get(); if to.trim().is_empty() { t_string!(i18n, work.emails.draft.no_address).to_owned() } else { to } }}</dd>
                        </div>
                        <div>
                            <dt>{t!(i18n, work.common.subject)}</dt>
                            <dd class="email-preview-subject">{move || rendered_subject.with(|r| if r.text.trim().is_empty() { t_string!(i18n, work.common.no_subject).to_owned() } else { r.text.clone() })}</dd>
                        </div>
                    </dl>
                    <div class="email-preview-body" data-testid="preview-body">
                        {move || rendered_body.with(|r| if r.text.trim().is_empty() {
                            view! { <span class="muted">{t!(i18n, work.emails.draft.nothing_written)}</span> }.into_any()
                        } else {
                            r.text.clone().into_any()
                        })}
                    </div>
                    {move || {
                        let names = unknown();
                        (!names.is_empty()).then(|| view! {
                            <p class="email-warning" role="alert">
                                {t_string!(i18n, work.emails.draft.unknown_fields, names = braces(&names))}
                            </p>
                        })
                    }}
                    {move || {
                        let names = empty();
                        (!names.is_empty()).then(|| view! {
                            <p class="muted">{t_string!(i18n, work.emails.draft.empty_fields, names = braces(&names))}</p>
                        })
                    }}
                </section>
                <MergeFieldLegend/>
            </div>
        </div>
    }
}
