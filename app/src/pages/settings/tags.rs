//! Tag settings (admins): create tags with a colour, rename or recolour them, delete them.

use crate::api::tags::{list_tags, DeleteTag, SaveTag};
use crate::api::workspaces::WorkspaceShell;
use crate::components::field::{FormAlert, SelectField, TextField};
use crate::domain::tags::COLORS;
use crate::i18n_setup::{t, t_string, use_i18n, Locale};
use crate::pages::records::{use_slug, ErrorNotice};
use leptos::prelude::*;
use leptos_meta::Title;

/// A tag colour's name in the page's language (the domain's label for any other key).
fn colour_label(i18n: leptos_i18n::I18nContext<Locale>, key: &str, label: &'static str) -> &'static str {
    match key {
        "gray" => t_string!(i18n, settings.tags.colours.gray),
        "red" => t_string!(i18n, settings.tags.colours.red),
        "orange" => t_string!(i18n, settings.tags.colours.orange),
        "green" => t_string!(i18n, settings.tags.colours.green),
        "teal" => t_string!(i18n, settings.tags.colours.teal),
        "blue" => t_string!(i18n, settings.tags.colours.blue),
        "purple" => t_string!(i18n, settings.tags.colours.purple),
        "pink" => t_string!(i18n, settings.tags.colours.pink),
        _ => label,
    }
}

fn colour_options(i18n: leptos_i18n::I18nContext<Locale>) -> Vec<(String, String)> {
    COLORS.iter().map(|(k, l)| ((*k).to_owned(), colour_label(i18n, k, l).to_owned())).collect()
}

#[component]
pub fn TagSettingsPage() -> impl IntoView {
    let slug = use_slug();
    let is_admin = expect_context::<WorkspaceShell>().workspace.role.is_admin();
    let save = ServerAction::<SaveTag>::new();
    let delete = ServerAction::<DeleteTag>::new();
    let error = Signal::derive(move || save.value().get().and_then(Result::err).or_else(|| delete.value().get().and_then(Result::err)));
    let tags = Resource::new(move || (slug(), save.version().get(), delete.version().get()), |(slug, ..)| list_tags(slug));
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, settings.tags.title)/>
        <h1>{t!(i18n, settings.tags.title)}</h1>
        <p class="muted">{t!(i18n, settings.tags.intro)}</p>
        {(!is_admin).then(|| view! { <p class="notice" role="status">{t!(i18n, settings.tags.admins_only)}</p> })}
        <FormAlert error/>
        <section class="panel" aria-labelledby="new-tag">
            <h2 id="new-tag">{t!(i18n, settings.tags.new_tag)}</h2>
            <ActionForm action=save attr:class="field-row tag-form" attr:aria-label=t_string!(i18n, settings.tags.new_tag)>
                <input type="hidden" name="slug" value=slug/>
                <input type="hidden" name="id" value=""/>
                <TextField name="fields[name]" label=t_string!(i18n, settings.tags.name) required=true autocomplete="off" error/>
                <SelectField name="fields[color]" label=t_string!(i18n, settings.tags.colour) options=colour_options(i18n) selected="blue" error/>
                <button class="button primary" type="submit" disabled=move || !is_admin || save.pending().get()>{t!(i18n, settings.tags.create)}</button>
            </ActionForm>
        </section>
        <Suspense fallback=move || view! { <p class="muted">{t!(i18n, settings.loading)}</p> }>
            {move || Suspend::new(async move {
                let tags = match tags.await {
                    Ok(tags) => tags,
                    Err(error) => return view! { <ErrorNotice error/> }.into_any(),
                };
                if tags.is_empty() {
                    return view! { <div class="empty-state panel"><p>{t!(i18n, settings.tags.empty)}</p></div> }.into_any();
                }
                view! {
                    <ul class="tag-settings">
                        {tags.into_iter().map(|tag| {
                            let name_id = format!("tag-{}-name", tag.id);
                            let colour_id = format!("tag-{}-colour", tag.id);
                            let edit_label = t_string!(i18n, settings.tags.edit_label, name = tag.name.clone());
                            let delete_label = t_string!(i18n, settings.tags.delete_label, name = tag.name.clone());
                            let (edit_id, delete_id, name, colour) = (tag.id.clone(), tag.id.clone(), tag.name.clone(), tag.color.clone());
                            let options = COLORS.iter().map(|(key, label)| view! { <option value=*key selected=*key == colour>{colour_label(i18n, key, label)}</option> }).collect_view();
                            view! {
                                <li class="panel">
                                    <span class=format!("tag tag-{}", tag.color)>{tag.name}</span>
                                    <ActionForm action=save attr:class="inline-form tag-edit" attr:aria-label=edit_label>
                                        <input type="hidden" name="slug" value=slug()/>
                                        <input type="hidden" name="id" value=edit_id/>
                                        <label class="visually-hidden" for=name_id.clone()>{t!(i18n, settings.tags.name)}</label>
                                        <input id=name_id name="fields[name]" value=name required=true/>
                                        <label class="visually-hidden" for=colour_id.clone()>{t!(i18n, settings.tags.colour)}</label>
                                        <select id=colour_id name="fields[color]">{options}</select>
                                        <button class="button secondary small" type="submit" disabled=!is_admin>{t!(i18n, settings.tags.save)}</button>
                                    </ActionForm>
                                    <ActionForm action=delete attr:class="inline-form">
                                        <input type="hidden" name="slug" value=slug()/>
                                        <input type="hidden" name="id" value=delete_id/>
                                        <button class="button secondary small" type="submit" disabled=!is_admin aria-label=delete_label>{t!(i18n, settings.tags.delete)}</button>
                                    </ActionForm>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
        </Suspense>
    }
}
