//! The tags panel of a contact, company or deal: its tags (each removable) and a picker to add
//! one of the workspace's tags (from the page's `Choices`). `set` is the page's action, so the
//! page reloads the record after a change.

use super::use_choices;
use crate::api::tags::SetRecordTag;
use crate::components::field::FormAlert;
use crate::domain::records::RecordKind;
use crate::domain::tags::Tag;
use crate::i18n_setup::{t, t_string, use_i18n};
use leptos::prelude::*;

#[component]
pub fn TagEditor(slug: String, kind: RecordKind, id: String, tags: Vec<Tag>, set: ServerAction<SetRecordTag>, in_trash: bool) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || set.value().get().and_then(Result::err));
    let addable: Vec<Tag> = use_choices().tags.into_iter().filter(|t| !tags.iter().any(|c| c.id == t.id)).collect();
    let chips = tags
        .into_iter()
        .map(|tag| {
            let (slug, id) = (slug.clone(), id.clone());
            let remove = (!in_trash).then(|| {
                let label = t_string!(i18n, common.records.tags.remove, name = &tag.name);
                view! {
                    <ActionForm action=set attr:class="inline-form">
                        <input type="hidden" name="slug" value=slug.clone()/>
                        <input type="hidden" name="kind" value=kind.as_str()/>
                        <input type="hidden" name="id" value=id.clone()/>
                        <input type="hidden" name="tag_id" value=tag.id.clone()/>
                        <input type="hidden" name="on" value="false"/>
                        <button class="tag-remove" type="submit" aria-label=label>"×"</button>
                    </ActionForm>
                }
            });
            view! { <li class=format!("tag tag-{}", tag.color)>{tag.name.clone()}{remove}</li> }
        })
        .collect_view();
    let add = (!in_trash && !addable.is_empty()).then(|| {
        let (slug, id) = (slug.clone(), id.clone());
        view! {
            <ActionForm action=set attr:class="tag-add" attr:aria-label=t_string!(i18n, common.records.tags.add_label)>
                <input type="hidden" name="slug" value=slug/>
                <input type="hidden" name="kind" value=kind.as_str()/>
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="on" value="true"/>
                <label class="visually-hidden" for="add-tag">{t!(i18n, common.records.tags.to_add)}</label>
                <select id="add-tag" name="tag_id">
                    {addable.into_iter().map(|t| view! { <option value=t.id>{t.name}</option> }).collect_view()}
                </select>
                <button class="button secondary small" type="submit">{t!(i18n, common.records.tags.add)}</button>
            </ActionForm>
        }
    });
    view! {
        <section class="panel" aria-labelledby="tags-heading">
            <header class="panel-header">
                <h2 id="tags-heading">{t!(i18n, common.records.tags.title)}</h2>
                <a href=format!("/w/{slug}/settings/tags")>{t!(i18n, common.records.tags.manage)}</a>
            </header>
            <FormAlert error/>
            <ul class="tag-list">{chips}</ul>
            {add}
        </section>
    }
}
