//! What the contacts and companies lists share: their query parameters, the filter bar (name,
//! owner, tag, order), tag chips, and the bulk bar that acts on the ticked rows.

use super::{encode_query, use_choices};
use crate::api::bulk::BulkUpdate;
use crate::components::field::FormAlert;
use crate::domain::records::{ListSort, RecordKind};
use crate::domain::tags::Tag;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// A list's query parameters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListParams {
    pub q: String,
    /// A member's id, `me`, or empty for anyone.
    pub owner: String,
    pub tag: String,
    pub sort: String,
    /// YYYY-MM-DD: only records added from that day on.
    pub since: String,
    pub after: String,
}

impl ListParams {
    /// The filters as a query string (without the page cursor).
    pub fn filter_query(&self) -> String {
        [("q", &self.q), ("owner", &self.owner), ("tag", &self.tag), ("since", &self.since), ("sort", &self.sort)]
            .into_iter()
            .filter(|(_, value)| !value.is_empty())
            .map(|(name, value)| format!("{name}={}", encode_query(value)))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// Whether anything narrows the list (so "nothing here" means "nothing matches").
    pub fn is_filtered(&self) -> bool {
        !self.q.is_empty() || !self.owner.is_empty() || !self.tag.is_empty() || !self.since.is_empty()
    }
}

/// The list parameters in the URL (`mine=on` from older links means `owner=me`).
pub fn use_list_params() -> impl Fn() -> ListParams + Copy + Send + Sync + 'static {
    let query = use_query_map();
    move || {
        let query = query.read();
        let get = |name: &str| query.get(name).unwrap_or_default();
        let owner = if get("mine") == "on" { "me".to_owned() } else { get("owner") };
        ListParams { q: get("q"), owner, tag: get("tag"), sort: get("sort"), since: get("since"), after: get("after") }
    }
}

/// The filter bar: name prefix, owner, tag and order, submitted as a plain GET form (members and
/// tags from the page's `Choices`).
#[component]
pub fn ListFilters(kind: RecordKind, params: ListParams) -> impl IntoView {
    let choices = use_choices();
    let search_label = format!("Search {} by name", kind.plural_label().to_lowercase());
    let search_id = format!("{}-search", kind.as_str());
    let ListParams { q, owner, tag, sort, since, .. } = params;
    let owners = choices.members.into_iter().map(|(id, name)| {
        let selected = owner == id;
        view! { <option value=id selected=selected>{name}</option> }
    }).collect_view();
    let tags = (!choices.tags.is_empty()).then(|| {
        let options = choices.tags.into_iter().map(|t| {
            let selected = tag == t.id;
            view! { <option value=t.id selected=selected>{t.name}</option> }
        }).collect_view();
        view! {
            <label class="visually-hidden" for="filter-tag">"Tag"</label>
            <select id="filter-tag" name="tag">
                <option value="" selected=tag.is_empty()>"Any tag"</option>
                {options}
            </select>
        }
    });
    view! {
        <form class="list-filters" method="get" role="search">
            <label class="visually-hidden" for=search_id.clone()>{search_label}</label>
            <input id=search_id type="search" name="q" placeholder="Name starts with…" value=q/>
            <label class="visually-hidden" for="filter-owner">"Owner"</label>
            <select id="filter-owner" name="owner">
                <option value="" selected=owner.is_empty()>"Any owner"</option>
                <option value="me" selected=owner == "me">"Mine"</option>
                {owners}
            </select>
            {tags}
            <label class="filter-since" for="filter-since">"Added since" <input id="filter-since" type="date" name="since" value=since/></label>
            <label class="visually-hidden" for="filter-sort">"Order"</label>
            <select id="filter-sort" name="sort">
                {ListSort::ALL.into_iter().map(|s| view! {
                    <option value=s.as_param() selected=ListSort::parse(&sort) == s>{s.label()}</option>
                }).collect_view()}
            </select>
            <button class="button secondary" type="submit">"Filter"</button>
        </form>
    }
}

/// A record's tags as coloured chips.
#[component]
pub fn TagChips(tags: Vec<Tag>) -> impl IntoView {
    (!tags.is_empty()).then(|| view! {
        <span class="tag-chips">
            {tags.into_iter().map(|t| view! { <span class=format!("tag tag-{}", t.color)>{t.name}</span> }).collect_view()}
        </span>
    })
}

/// A row's tick box for bulk actions (inside the bulk form); `all` ticks every row at once.
#[component]
pub fn RowCheckbox(index: usize, id: String, label: String, all: RwSignal<bool>) -> impl IntoView {
    view! {
        <input type="checkbox" class="row-select" form="bulk-form" name=format!("ids[{index}]") value=id aria-label=format!("Select {label}") prop:checked=move || all.get()/>
    }
}

/// The bar above a list that applies an action to the ticked rows. The rows' tick boxes belong
/// to the form with id `bulk-form` (so the table can sit outside it); tags and members come from
/// the page's `Choices`.
#[component]
pub fn BulkBar(slug: String, kind: RecordKind, action: ServerAction<BulkUpdate>, all: RwSignal<bool>) -> impl IntoView {
    let choices = use_choices();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let done = move || action.value().get().and_then(Result::ok).map(|n| format!("{n} {} changed.", if n == 1 { "record" } else { "records" }));
    let taggable = crate::api::tags::TAGGED_KINDS.contains(&kind);
    let tag_select = taggable.then(|| view! {
        <label class="visually-hidden" for="bulk-tag">"Tag"</label>
        <select id="bulk-tag" name="tag_id">
            <option value="">"Tag…"</option>
            {choices.tags.into_iter().map(|t| view! { <option value=t.id>{t.name}</option> }).collect_view()}
        </select>
    });
    view! {
        <ActionForm action attr:id="bulk-form" attr:class="bulk-bar" attr:aria-label="Bulk actions">
            <input type="hidden" name="slug" value=slug/>
            <input type="hidden" name="kind" value=kind.as_str()/>
            <label class="checkbox"><input type="checkbox" on:change=move |ev| all.set(event_target_checked(&ev))/>" All on this page"</label>
            <label class="visually-hidden" for="bulk-action">"Action for the ticked rows"</label>
            <select id="bulk-action" name="action">
                <option value="tag" disabled=!taggable>"Add tag"</option>
                <option value="untag" disabled=!taggable>"Remove tag"</option>
                <option value="owner">"Change owner"</option>
                <option value="trash">"Move to trash"</option>
            </select>
            {tag_select}
            <label class="visually-hidden" for="bulk-owner">"New owner"</label>
            <select id="bulk-owner" name="owner_id">
                <option value="">"Owner…"</option>
                {choices.members.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
            </select>
            <button class="button secondary" type="submit" disabled=move || action.pending().get()>"Apply to ticked"</button>
            <FormAlert error/>
            {move || error.get().and_then(|e| e.field_message("ids").or_else(|| e.field_message("tag_id")).or_else(|| e.field_message("owner_id")))
                .map(|m| view! { <p class="field-error">{m}</p> })}
            {move || done().map(|text| view! { <p class="notice" role="status">{text}</p> })}
        </ActionForm>
    }
}
