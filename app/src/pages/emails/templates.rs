//! Email templates: a form to create one (or to change the one being edited, `?edit=…`), the
//! list with "Use" (starts a draft) and "Delete…" (with a confirmation), and the merge fields.

use super::{braces, union, BoundField, MergeFieldLegend, EXAMPLE_FIELD};
use crate::api::emails::{get_template, list_templates, DeleteTemplate, SaveTemplate, TemplateDetail};
use crate::components::field::FormAlert;
use crate::domain::emails::{render, MergeValues};
use crate::error::AppError;
use crate::i18n_setup::{t, t_string, use_i18n};
use crate::pages::records::{encode_query, format_time, use_slug, ErrorNotice};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn TemplatesPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = use_slug();
    let query = use_query_map();
    let editing = move || query.read().get("edit").unwrap_or_default();
    let save = ServerAction::<SaveTemplate>::new();
    let delete = ServerAction::<DeleteTemplate>::new();
    let templates = Resource::new(move || (slug(), save.version().get(), delete.version().get()), |(slug, ..)| list_templates(slug));
    // After a save the form is drawn again from what was stored (empty for a new template); a
    // refused save keeps what was typed.
    let saves = RwSignal::new(0u32);
    Effect::new(move |_| {
        if matches!(save.value().get(), Some(Ok(_))) {
            saves.update(|n| *n += 1);
        }
    });
    let current = Resource::new(
        move || (slug(), editing(), saves.get(), delete.version().get()),
        |(slug, edit, ..)| async move {
            if edit.is_empty() { Ok::<_, AppError>(None) } else { get_template(slug, edit).await.map(Some) }
        },
    );
    let delete_error = Signal::derive(move || delete.value().get().and_then(Result::err));
    view! {
        <Title text=t_string!(i18n, work.emails.templates.title)/>
        <p><a href=move || format!("/w/{}/emails", slug())>{t!(i18n, work.emails.back)}</a></p>
        <header class="page-header">
            <h1>{t!(i18n, work.emails.templates.title)}</h1>
            {move || (!editing().is_empty()).then(|| view! {
                <a class="button secondary" href=format!("/w/{}/emails/templates", slug())>{t!(i18n, work.emails.templates.new_template)}</a>
            })}
        </header>
        <p class="muted">{t!(i18n, work.emails.templates.intro)}</p>
        <div class="record-layout email-layout">
            <section class="panel" aria-labelledby="template-form-heading">
                <Suspense fallback=move || view! { <p class="muted">{t!(i18n, work.common.loading)}</p> }>
                    {move || Suspend::new(async move {
                        match current.await {
                            Ok(template) => view! { <TemplateForm slug=slug() template save/> }.into_any(),
                            Err(AppError::NotFound) => view! {
                                <h2 id="template-form-heading">{t!(i18n, work.emails.templates.not_found)}</h2>
                                <p>{t!(i18n, work.emails.templates.maybe_deleted)} <a href=format!("/w/{}/emails/templates", slug())>{t!(i18n, work.emails.templates.write_new)}</a></p>
                            }.into_any(),
                            Err(error) => view! { <ErrorNotice error/> }.into_any(),
                        }
                    })}
                </Suspense>
            </section>
            <div class="record-side">
                <section class="panel" aria-labelledby="templates-heading">
                    <h2 id="templates-heading">{t!(i18n, work.emails.templates.heading)}</h2>
                    <FormAlert error=delete_error/>
                    <Suspense fallback=move || view! { <p class="muted">{t!(i18n, work.common.loading)}</p> }>
                        {move || Suspend::new(async move {
                            let rows = match templates.await {
                                Ok(rows) => rows,
                                Err(error) => return view! { <ErrorNotice error/> }.into_any(),
                            };
                            if rows.is_empty() {
                                return view! { <p class="muted empty-note">{t!(i18n, work.emails.templates.empty)}</p> }.into_any();
                            }
                            let base = format!("/w/{}/emails", slug());
                            let slug = slug();
                            view! {
                                <ul class="email-templates">
                                    {rows.into_iter().map(|t| {
                                        let confirm = t_string!(i18n, work.emails.templates.delete_confirm, name = t.name.clone());
                                        let (slug, current) = (slug.clone(), editing() == t.id);
                                        let (edit_href, use_href) = (format!("{base}/templates?edit={}", encode_query(&t.id)), format!("{base}/new?template={}", encode_query(&t.id)));
                                        view! {
                                            <li class:current=current>
                                                <a class="email-template-name" href=edit_href>{t.name.clone()}</a>
                                                <span class="muted">{if t.subject.is_empty() { t_string!(i18n, work.common.no_subject).to_owned() } else { t.subject.clone() }}</span>
                                                <span class="muted">{t_string!(i18n, work.emails.templates.updated, time = format_time(t.updated_at))}</span>
                                                <div class="email-actions">
                                                    <a class="button secondary small" href=use_href
                                                        aria-label=t_string!(i18n, work.emails.templates.use_label, name = t.name.clone())>{t!(i18n, work.emails.templates.use_button)}</a>
                                                    <details class="email-delete">
                                                        <summary class="button secondary small" aria-label=t_string!(i18n, work.emails.templates.delete_label, name = t.name.clone())>{t!(i18n, work.common.delete_ellipsis)}</summary>
                                                        <div class="email-delete-confirm">
                                                            <p>{confirm}</p>
                                                            <ActionForm action=delete attr:class="inline-form">
                                                                <input type="hidden" name="slug" value=slug.clone()/>
                                                                <input type="hidden" name="id" value=t.id/>
                                                                <button class="button email-danger small" type="submit">{t!(i18n, work.emails.templates.delete)}</button>
                                                            </ActionForm>
                                                        </div>
                                                    </details>
                                                </div>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        })}
                    </Suspense>
                </section>
                <MergeFieldLegend/>
            </div>
        </div>
    }
}

/// Creates a template, or changes `template`. Warns about merge fields it does not know.
#[component]
fn TemplateForm(slug: String, template: Option<TemplateDetail>, save: ServerAction<SaveTemplate>) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let (id, fields) = template.map(|t| (t.id, t.fields)).unwrap_or_default();
    let editing = !id.is_empty();
    let saved = {
        let id = id.clone();
        move || save.value().with(|v| matches!(v, Some(Ok(saved)) if !editing || *saved == id))
    };
    // Bound to signals so that the form, drawn again empty after a save, shows empty fields.
    let name = RwSignal::new(fields.name.clone());
    let subject = RwSignal::new(fields.subject.clone());
    let body = RwSignal::new(fields.body.clone());
    let unknown = move || {
        let none = MergeValues::default();
        union(render(&subject.get(), &none).unknown, render(&body.get(), &none).unknown)
    };
    view! {
        <h2 id="template-form-heading">{if editing { t_string!(i18n, work.emails.templates.edit_heading, name = fields.name.clone()) } else { t_string!(i18n, work.emails.templates.new_template).to_owned() }}</h2>
        <FormAlert error/>
        {move || saved().then_some(view! { <p class="notice" role="status">{t!(i18n, work.emails.templates.saved)}</p> })}
        <ActionForm action=save attr:class="stack record-form" attr:aria-label=if editing { t_string!(i18n, work.emails.templates.edit_label) } else { t_string!(i18n, work.emails.templates.new_template) }>
            <input type="hidden" name="slug" value=slug/>
            <input type="hidden" name="id" value=id/>
            <BoundField name="fields[name]" label=t_string!(i18n, work.emails.templates.name) value=name error required=true hint=t_string!(i18n, work.emails.templates.name_hint)/>
            <BoundField name="fields[subject]" label=t_string!(i18n, work.common.subject) value=subject error/>
            <BoundField name="fields[body]" label=t_string!(i18n, work.emails.body) value=body error multiline=true required=true
                hint=t_string!(i18n, work.emails.templates.body_hint, example = EXAMPLE_FIELD)/>
            {move || {
                let names = unknown();
                (!names.is_empty()).then(|| view! {
                    <p class="email-warning" role="alert">{t_string!(i18n, work.emails.templates.unknown_fields, names = braces(&names))}</p>
                })
            }}
            <button class="button primary" type="submit" disabled=move || save.pending().get()>
                {if editing { t_string!(i18n, work.emails.templates.save) } else { t_string!(i18n, work.emails.templates.create) }}
            </button>
        </ActionForm>
    }
}
