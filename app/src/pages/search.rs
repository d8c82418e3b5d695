//! Global search: the box in the header (`/` or Ctrl+K focuses it; results appear as you type,
//! grouped by kind, chosen with the arrow keys and Enter) and the results page it submits to,
//! which also works without JavaScript.

use crate::api::search::{search, SearchGroup};
use crate::i18n_setup::{t, t_string, use_i18n};
use crate::pages::records::{kind_plural, use_slug, ErrorNotice};
use leptos::ev;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};

/// The address of a hit's page.
fn hit_href(slug: &str, group: &SearchGroup, id: &str) -> String {
    format!("/w/{slug}/{}/{id}", group.kind.path())
}

/// The search box of the app header.
#[component]
pub fn GlobalSearch(slug: String) -> impl IntoView {
    let i18n = use_i18n();
    let query = RwSignal::new(String::new());
    let active = RwSignal::new(0usize);
    let input_ref = NodeRef::<leptos::html::Input>::new();
    // Plain signals, not a Resource: a Resource read here would suspend the whole app shell (the
    // nearest Suspense) on every keystroke and take the focus out of the box.
    let results = RwSignal::new(Vec::<SearchGroup>::new());
    let searching = RwSignal::new(false);
    let run_search = {
        let slug = slug.clone();
        move |q: String| {
            let slug = slug.clone();
            searching.set(true);
            leptos::task::spawn_local(async move {
                let found = if q.trim().is_empty() { Ok(Vec::new()) } else { search(slug, q.clone()).await };
                // Only the answer to what is in the box now counts; slower earlier answers are dropped.
                if query.get_untracked() == q {
                    results.set(found.unwrap_or_default());
                    searching.set(false);
                }
            });
        }
    };
    // `/` (outside a text field) or Ctrl+K / ⌘K jumps to the box from anywhere.
    let focus_on_shortcut = window_event_listener(ev::keydown, move |event| {
        let typing = event
            .target()
            .and_then(|target| leptos::wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(target).ok())
            .is_some_and(|element| matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || element.has_attribute("contenteditable"));
        let shortcut = (event.key() == "/" && !typing) || ((event.ctrl_key() || event.meta_key()) && event.key().eq_ignore_ascii_case("k"));
        if shortcut {
            if let Some(input) = input_ref.get() {
                event.prevent_default();
                let _ = input.focus();
                input.select();
            }
        }
    });
    on_cleanup(move || focus_on_shortcut.remove());
    let hits = move || -> Vec<String> {
        results.with(|groups| groups.iter().flat_map(|g| g.hits.iter().map(move |h| format!("{}/{}", g.kind.path(), h.id))).collect())
    };
    let navigate = use_navigate();
    let on_keydown = {
        let slug = slug.clone();
        move |event: ev::KeyboardEvent| {
            let count = hits().len();
            match event.key().as_str() {
                "ArrowDown" if count > 0 => {
                    event.prevent_default();
                    active.update(|i| *i = (*i + 1) % count);
                }
                "ArrowUp" if count > 0 => {
                    event.prevent_default();
                    active.update(|i| *i = (*i + count - 1) % count);
                }
                "Enter" if count > 0 => {
                    event.prevent_default();
                    if let Some(target) = hits().get(active.get_untracked()) {
                        navigate(&format!("/w/{slug}/{target}"), Default::default());
                        query.set(String::new());
                    }
                }
                "Escape" => query.set(String::new()),
                _ => {}
            }
        }
    };
    let option_id = |index: usize| format!("search-hit-{index}");
    let action = format!("/w/{slug}/search");
    let slug = StoredValue::new(slug);
    view! {
        <form class="global-search" method="get" action=action role="search">
            <label class="visually-hidden" for="global-search">{t!(i18n, common.search.box_label)}</label>
            <input id="global-search" type="search" name="q" placeholder=t_string!(i18n, common.search.box_placeholder) autocomplete="off" node_ref=input_ref
                role="combobox" aria-autocomplete="list" aria-controls="search-results"
                aria-expanded=move || (!query.get().trim().is_empty()).to_string()
                aria-activedescendant=move || (!hits().is_empty()).then(|| option_id(active.get()))
                prop:value=query
                on:input=move |event| {
                    let q = event_target_value(&event);
                    query.set(q.clone());
                    active.set(0);
                    run_search(q);
                }
                on:keydown=on_keydown/>
            <Show when=move || !query.get().trim().is_empty()>
                <div class="search-results" id="search-results" role="listbox" aria-label=t_string!(i18n, common.search.results_label)>
                    {move || {
                        let slug = slug.get_value();
                        let groups = results.get();
                        if groups.is_empty() {
                            let message = if searching.get() { t_string!(i18n, common.search.searching) } else { t_string!(i18n, common.search.nothing_found) };
                            return view! { <p class="muted">{message}</p> }.into_any();
                        }
                        let mut index = 0;
                        groups.iter().map(|group| {
                            let options = group.hits.iter().map(|hit| {
                                let mine = index;
                                index += 1;
                                view! {
                                    <a id=option_id(mine) role="option" href=hit_href(&slug, group, &hit.id)
                                        aria-selected=move || (active.get() == mine).to_string()
                                        class:active=move || active.get() == mine
                                        on:click=move |_| query.set(String::new())>
                                        <span>{hit.title.clone()}</span>
                                        <span class="muted">{hit.detail.clone()}</span>
                                    </a>
                                }
                            }).collect_view();
                            let plural = kind_plural(i18n.get_locale_untracked(), group.kind);
                            view! {
                                <div role="group" aria-label=plural>
                                    <p class="search-group">{plural}</p>
                                    {options}
                                </div>
                            }
                        }).collect_view().into_any()
                    }}
                </div>
            </Show>
        </form>
    }
}

/// The full results of a search (what the header box submits to).
#[component]
pub fn SearchPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = use_slug();
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    let results = Resource::new(move || (slug(), q()), |(slug, q)| search(slug, q));
    view! {
        <Title text=t_string!(i18n, common.search.title)/>
        <h1>{t!(i18n, common.search.title)}</h1>
        <form class="list-filters" method="get" role="search">
            <label class="visually-hidden" for="search-page-q">{t!(i18n, common.search.query_label)}</label>
            <input id="search-page-q" type="search" name="q" value=q placeholder=t_string!(i18n, common.search.query_placeholder)/>
            <button class="button secondary" type="submit">{t!(i18n, common.search.submit)}</button>
        </form>
        <Suspense fallback=move || view! { <p class="muted">{t!(i18n, common.search.searching)}</p> }>
            {move || Suspend::new(async move {
                let groups = match results.await {
                    Ok(groups) => groups,
                    Err(error) => return view! { <ErrorNotice error/> }.into_any(),
                };
                if q().trim().is_empty() {
                    return view! { <p class="muted">{t!(i18n, common.search.hint)}</p> }.into_any();
                }
                if groups.is_empty() {
                    return view! { <div class="empty-state panel"><p>{t_string!(i18n, common.search.no_match, query = q())}</p></div> }.into_any();
                }
                let slug = slug();
                let locale = i18n.get_locale_untracked();
                groups.iter().map(|group| view! {
                    <section class="panel search-section">
                        <h2>{kind_plural(locale, group.kind)}</h2>
                        <ul class="related">
                            {group.hits.iter().map(|hit| view! {
                                <li><a href=hit_href(&slug, group, &hit.id)>{hit.title.clone()}</a> " " <span class="muted">{hit.detail.clone()}</span></li>
                            }).collect_view()}
                        </ul>
                    </section>
                }).collect_view().into_any()
            })}
        </Suspense>
    }
}
