//! The trash: what was deleted in the last 30 days, and a way back.

use crate::api::trash::{list_trash, RestoreRecord};
use crate::components::field::FormAlert;
use crate::pages::records::{format_time, use_slug, ErrorNotice};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn TrashPage() -> impl IntoView {
    let slug = use_slug();
    let restore = ServerAction::<RestoreRecord>::new();
    let error = Signal::derive(move || restore.value().get().and_then(Result::err));
    let items = Resource::new(move || (slug(), restore.version().get()), |(slug, _)| list_trash(slug));
    view! {
        <Title text="Trash"/>
        <h1>"Trash"</h1>
        <p class="muted">"Deleted records stay here for 30 days. Admins can restore anything; others can restore what they own."</p>
        <FormAlert error/>
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let items = match items.await {
                    Ok(items) => items,
                    Err(error) => return view! { <ErrorNotice error/> }.into_any(),
                };
                if items.is_empty() {
                    return view! { <div class="empty-state panel"><p>"The trash is empty."</p></div> }.into_any();
                }
                view! {
                    <div class="table-scroll">
                        <table class="records">
                            <thead><tr><th scope="col">"Record"</th><th scope="col">"Kind"</th><th scope="col">"Deleted"</th><th scope="col">"Removed for good"</th><th scope="col"><span class="visually-hidden">"Actions"</span></th></tr></thead>
                            <tbody>
                                {items.into_iter().map(|item| view! {
                                    <tr>
                                        <td><a href=format!("/w/{}/{}/{}", slug(), item.kind.path(), item.id)>{item.name}</a></td>
                                        <td>{item.kind.label()}</td>
                                        <td>{format_time(item.deleted_at)} " by " {item.deleted_by.unwrap_or_else(|| "a former member".into())}</td>
                                        <td>{format_time(item.purge_at)}</td>
                                        <td>
                                            <ActionForm action=restore attr:class="inline-form">
                                                <input type="hidden" name="slug" value=slug()/>
                                                <input type="hidden" name="kind" value=item.kind.as_str()/>
                                                <input type="hidden" name="id" value=item.id/>
                                                <button class="button secondary" type="submit">"Restore"</button>
                                            </ActionForm>
                                        </td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            })}
        </Suspense>
    }
}
