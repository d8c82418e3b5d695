//! The trash: what was deleted in the last 30 days, and a way back.

use crate::api::trash::{list_trash, RestoreRecord};
use crate::components::field::FormAlert;
use crate::i18n_setup::{t, t_string, use_i18n};
use crate::pages::records::{format_time, kind_label, use_slug, ErrorNotice};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn TrashPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = use_slug();
    let restore = ServerAction::<RestoreRecord>::new();
    let error = Signal::derive(move || restore.value().get().and_then(Result::err));
    let items = Resource::new(move || (slug(), restore.version().get()), |(slug, _)| list_trash(slug));
    view! {
        <Title text=t_string!(i18n, common.trash.title)/>
        <h1>{t!(i18n, common.trash.title)}</h1>
        <p class="muted">{t!(i18n, common.trash.intro)}</p>
        <FormAlert error/>
        <Suspense fallback=move || view! { <p class="muted">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                let items = match items.await {
                    Ok(items) => items,
                    Err(error) => return view! { <ErrorNotice error/> }.into_any(),
                };
                if items.is_empty() {
                    return view! { <div class="empty-state panel"><p>{t!(i18n, common.trash.empty)}</p></div> }.into_any();
                }
                view! {
                    <div class="table-scroll">
                        <table class="records">
                            <thead><tr>
                                <th scope="col">{t!(i18n, common.trash.record)}</th>
                                <th scope="col">{t!(i18n, common.trash.kind)}</th>
                                <th scope="col">{t!(i18n, common.trash.deleted)}</th>
                                <th scope="col">{t!(i18n, common.trash.purged)}</th>
                                <th scope="col"><span class="visually-hidden">{t!(i18n, common.trash.actions)}</span></th>
                            </tr></thead>
                            <tbody>
                                {items.into_iter().map(|item| view! {
                                    <tr>
                                        <td><a href=format!("/w/{}/{}/{}", slug(), item.kind.path(), item.id)>{item.name}</a></td>
                                        <td>{kind_label(i18n.get_locale_untracked(), item.kind)}</td>
                                        <td>{t_string!(i18n, common.trash.deleted_by, time = format_time(item.deleted_at), who = item.deleted_by.unwrap_or_else(|| t_string!(i18n, common.trash.former_member).to_owned()))}</td>
                                        <td>{format_time(item.purge_at)}</td>
                                        <td>
                                            <ActionForm action=restore attr:class="inline-form">
                                                <input type="hidden" name="slug" value=slug()/>
                                                <input type="hidden" name="kind" value=item.kind.as_str()/>
                                                <input type="hidden" name="id" value=item.id/>
                                                <button class="button secondary" type="submit">{t!(i18n, common.trash.restore)}</button>
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
