//! Email templates: a form to create one (or to change the one being edited, `?edit=…`), the
//! list with "Use" (starts a draft) and "Delete…" (with a confirmation), and the merge fields.

use super::{braces, union, BoundField, MergeFieldLegend};
use crate::api::emails::{get_template, list_templates, DeleteTemplate, SaveTemplate, TemplateDetail};
use crate::components::field::FormAlert;
use crate::domain::emails::{render, MergeValues};
use crate::error::AppError;
use crate::pages::records::{encode_query, format_time, use_slug, ErrorNotice};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn TemplatesPage() -> impl IntoView {
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
        <Title text="Email templates"/>
        <p><a href=move || format!("/w/{}/emails", slug())>"← Emails"</a></p>
        <header class="page-header">
            <h1>"Email templates"</h1>
            {move || (!editing().is_empty()).then(|| view! {
                <a class="button secondary" href=format!("/w/{}/emails/templates", slug())>"New template"</a>
            })}
        </header>
        <p class="muted">"Write the emails you send often once; merge fields fill in each contact's details when you start a draft."</p>
        <div class="record-layout email-layout">
            <section class="panel" aria-labelledby="template-form-heading">
                <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
                    {move || Suspend::new(async move {
                        match current.await {
                            Ok(template) => view! { <TemplateForm slug=slug() template save/> }.into_any(),
                            Err(AppError::NotFound) => view! {
                                <h2 id="template-form-heading">"Template not found"</h2>
                                <p>"It may have been deleted. " <a href=format!("/w/{}/emails/templates", slug())>"Write a new template"</a></p>
                            }.into_any(),
                            Err(error) => view! { <ErrorNotice error/> }.into_any(),
                        }
                    })}
                </Suspense>
            </section>
            <div class="record-side">
                <section class="panel" aria-labelledby="templates-heading">
                    <h2 id="templates-heading">"Templates"</h2>
                    <FormAlert error=delete_error/>
                    <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
                        {move || Suspend::new(async move {
                            let rows = match templates.await {
                                Ok(rows) => rows,
                                Err(error) => return view! { <ErrorNotice error/> }.into_any(),
                            };
                            if rows.is_empty() {
                                return view! { <p class="muted empty-note">"No templates yet. The first one you save appears here."</p> }.into_any();
                            }
                            let base = format!("/w/{}/emails", slug());
                            let slug = slug();
                            view! {
                                <ul class="email-templates">
                                    {rows.into_iter().map(|t| {
                                        let confirm = format!("Delete “{}”? Drafts started from it keep their text.", t.name);
                                        let (slug, current) = (slug.clone(), editing() == t.id);
                                        let (edit_href, use_href) = (format!("{base}/templates?edit={}", encode_query(&t.id)), format!("{base}/new?template={}", encode_query(&t.id)));
                                        view! {
                                            <li class:current=current>
                                                <a class="email-template-name" href=edit_href>{t.name.clone()}</a>
                                                <span class="muted">{if t.subject.is_empty() { "(no subject)".to_owned() } else { t.subject.clone() }}</span>
                                                <span class="muted">{format!("Updated {}", format_time(t.updated_at))}</span>
                                                <div class="email-actions">
                                                    <a class="button secondary small" href=use_href
                                                        aria-label=format!("Start a draft from {}", t.name)>"Use"</a>
                                                    <details class="email-delete">
                                                        <summary class="button secondary small" aria-label=format!("Delete {}…", t.name)>"Delete…"</summary>
                                                        <div class="email-delete-confirm">
                                                            <p>{confirm}</p>
                                                            <ActionForm action=delete attr:class="inline-form">
                                                                <input type="hidden" name="slug" value=slug.clone()/>
                                                                <input type="hidden" name="id" value=t.id/>
                                                                <button class="button email-danger small" type="submit">"Delete template"</button>
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
        <h2 id="template-form-heading">{if editing { format!("Edit “{}”", fields.name) } else { "New template".to_owned() }}</h2>
        <FormAlert error/>
        {move || saved().then_some(view! { <p class="notice" role="status">"Template saved."</p> })}
        <ActionForm action=save attr:class="stack record-form" attr:aria-label=if editing { "Edit template" } else { "New template" }>
            <input type="hidden" name="slug" value=slug/>
            <input type="hidden" name="id" value=id/>
            <BoundField name="fields[name]" label="Name" value=name error required=true hint="Only your workspace sees it."/>
            <BoundField name="fields[subject]" label="Subject" value=subject error/>
            <BoundField name="fields[body]" label="Body" value=body error multiline=true required=true
                hint="Plain text. Merge fields such as {{contact.first_name}} are filled in for each contact."/>
            {move || {
                let names = unknown();
                (!names.is_empty()).then(|| view! {
                    <p class="email-warning" role="alert">{format!("Unknown merge fields, left as typed: {}.", braces(&names))}</p>
                })
            }}
            <button class="button primary" type="submit" disabled=move || save.pending().get()>
                {if editing { "Save template" } else { "Create template" }}
            </button>
        </ActionForm>
    }
}
