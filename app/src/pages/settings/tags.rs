//! Tag settings (admins): create tags with a colour, rename or recolour them, delete them.

use crate::api::tags::{list_tags, DeleteTag, SaveTag};
use crate::api::workspaces::WorkspaceShell;
use crate::components::field::{FormAlert, SelectField, TextField};
use crate::domain::tags::COLORS;
use crate::pages::records::{use_slug, ErrorNotice};
use leptos::prelude::*;
use leptos_meta::Title;

fn colour_options() -> Vec<(String, String)> {
    COLORS.iter().map(|(k, l)| ((*k).to_owned(), (*l).to_owned())).collect()
}

#[component]
pub fn TagSettingsPage() -> impl IntoView {
    let slug = use_slug();
    let is_admin = expect_context::<WorkspaceShell>().workspace.role.is_admin();
    let save = ServerAction::<SaveTag>::new();
    let delete = ServerAction::<DeleteTag>::new();
    let error = Signal::derive(move || save.value().get().and_then(Result::err).or_else(|| delete.value().get().and_then(Result::err)));
    let tags = Resource::new(move || (slug(), save.version().get(), delete.version().get()), |(slug, ..)| list_tags(slug));
    view! {
        <Title text="Tags"/>
        <h1>"Tags"</h1>
        <p class="muted">"Tags group contacts, companies and deals across the workspace: add them on a record's page or to many rows at once from a list."</p>
        {(!is_admin).then(|| view! { <p class="notice" role="status">"Only the workspace's owners and admins can create, change or delete tags."</p> })}
        <FormAlert error/>
        <section class="panel" aria-labelledby="new-tag">
            <h2 id="new-tag">"New tag"</h2>
            <ActionForm action=save attr:class="field-row tag-form" attr:aria-label="New tag">
                <input type="hidden" name="slug" value=slug/>
                <input type="hidden" name="id" value=""/>
                <TextField name="fields[name]" label="Name" required=true autocomplete="off" error/>
                <SelectField name="fields[color]" label="Colour" options=colour_options() selected="blue" error/>
                <button class="button primary" type="submit" disabled=move || !is_admin || save.pending().get()>"Create tag"</button>
            </ActionForm>
        </section>
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let tags = match tags.await {
                    Ok(tags) => tags,
                    Err(error) => return view! { <ErrorNotice error/> }.into_any(),
                };
                if tags.is_empty() {
                    return view! { <div class="empty-state panel"><p>"No tags yet. Create the first one above, for example “VIP” or “Newsletter”."</p></div> }.into_any();
                }
                view! {
                    <ul class="tag-settings">
                        {tags.into_iter().map(|tag| {
                            let name_id = format!("tag-{}-name", tag.id);
                            let colour_id = format!("tag-{}-colour", tag.id);
                            let edit_label = format!("Edit tag {}", tag.name);
                            let delete_label = format!("Delete tag {}", tag.name);
                            let (edit_id, delete_id, name, colour) = (tag.id.clone(), tag.id.clone(), tag.name.clone(), tag.color.clone());
                            let options = COLORS.iter().map(|(key, label)| view! { <option value=*key selected=*key == colour>{*label}</option> }).collect_view();
                            view! {
                                <li class="panel">
                                    <span class=format!("tag tag-{}", tag.color)>{tag.name}</span>
                                    <ActionForm action=save attr:class="inline-form tag-edit" attr:aria-label=edit_label>
                                        <input type="hidden" name="slug" value=slug()/>
                                        <input type="hidden" name="id" value=edit_id/>
                                        <label class="visually-hidden" for=name_id.clone()>"Name"</label>
                                        <input id=name_id name="fields[name]" value=name required=true/>
                                        <label class="visually-hidden" for=colour_id.clone()>"Colour"</label>
                                        <select id=colour_id name="fields[color]">{options}</select>
                                        <button class="button secondary small" type="submit" disabled=!is_admin>"Save"</button>
                                    </ActionForm>
                                    <ActionForm action=delete attr:class="inline-form">
                                        <input type="hidden" name="slug" value=slug()/>
                                        <input type="hidden" name="id" value=delete_id/>
                                        <button class="button secondary small" type="submit" disabled=!is_admin aria-label=delete_label>"Delete"</button>
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
