//! What the record lists share: their query parameters, the filter bar (search, owner, tag,
//! added since, order), sortable column headings, tag chips, and the bulk bar that acts on the
//! ticked rows.

use super::{encode_query, in_sentence, kind_plural, use_choices};
use crate::api::bulk::{BulkOutcome, BulkUpdate};
use crate::components::field::FormAlert;
use crate::domain::records::{ListSort, RecordKind, SortColumn};
use crate::domain::tags::Tag;
use crate::i18n_setup::{t, t_string, td_string, use_i18n, Locale};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// A list's query parameters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListParams {
    pub q: String,
    /// A member's id, `me`, or empty for anyone.
    pub owner: String,
    pub tag: String,
    /// A status key (leads, tickets); for tickets also `all`, and empty means open.
    pub status: String,
    /// `on`: leads not yet converted.
    pub open: String,
    /// A pipeline stage's id (deals).
    pub stage: String,
    pub sort: String,
    /// YYYY-MM-DD: only records added from that day on.
    pub since: String,
    pub after: String,
}

impl ListParams {
    /// The filters as a query string (without the page cursor).
    pub fn filter_query(&self) -> String {
        self.query_with_sort(&self.sort)
    }

    /// The filters with another order, as a query string (without the page cursor).
    pub fn query_with_sort(&self, sort: &str) -> String {
        [("q", &self.q), ("status", &self.status), ("open", &self.open), ("stage", &self.stage), ("owner", &self.owner), ("tag", &self.tag), ("since", &self.since)]
            .into_iter()
            .chain([("sort", &sort.to_owned())])
            .filter(|(_, value)| !value.is_empty())
            .map(|(name, value)| format!("{name}={}", encode_query(value)))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// Whether anything narrows the list (so "nothing here" means "nothing matches"); a tickets
    /// status tab is not a filter.
    pub fn is_filtered(&self) -> bool {
        !self.q.is_empty() || !self.owner.is_empty() || !self.tag.is_empty() || !self.since.is_empty() || !self.open.is_empty() || !self.stage.is_empty()
    }
}

/// The list parameters in the URL (`mine=on` from older links means `owner=me`).
pub fn use_list_params() -> impl Fn() -> ListParams + Copy + Send + Sync + 'static {
    let query = use_query_map();
    move || {
        let query = query.read();
        let get = |name: &str| query.get(name).unwrap_or_default();
        let owner = if get("mine") == "on" { "me".to_owned() } else { get("owner") };
        ListParams {
            q: get("q"),
            owner,
            tag: get("tag"),
            status: get("status"),
            open: get("open"),
            stage: get("stage"),
            sort: get("sort"),
            since: get("since"),
            after: get("after"),
        }
    }
}

/// A column's heading in a kind's list (the interface's words for `SortColumn::label`).
fn column_label(locale: Locale, column: SortColumn, kind: RecordKind) -> &'static str {
    match (column, kind) {
        (SortColumn::Name, RecordKind::Ticket) => td_string!(locale, common.records.columns.subject),
        (SortColumn::Name, _) => td_string!(locale, common.records.columns.name),
        (SortColumn::Company, _) => td_string!(locale, common.records.columns.company),
        (SortColumn::Contact, _) => td_string!(locale, common.records.columns.contact),
        (SortColumn::Email, _) => td_string!(locale, common.records.columns.email),
        (SortColumn::Phone, _) => td_string!(locale, common.records.columns.phone),
        (SortColumn::Domain, _) => td_string!(locale, common.records.columns.domain),
        (SortColumn::Industry, _) => td_string!(locale, common.records.columns.industry),
        (SortColumn::City, _) => td_string!(locale, common.records.columns.city),
        (SortColumn::Status, _) => td_string!(locale, common.records.columns.status),
        (SortColumn::Priority, _) => td_string!(locale, common.records.columns.priority),
        (SortColumn::Source, _) => td_string!(locale, common.records.columns.source),
        (SortColumn::Stage, _) => td_string!(locale, common.records.columns.stage),
        (SortColumn::Amount, _) => td_string!(locale, common.records.columns.amount),
        (SortColumn::CloseDate, _) => td_string!(locale, common.records.columns.expected_close),
        (SortColumn::Owner, RecordKind::Ticket) => td_string!(locale, common.records.columns.assignee),
        (SortColumn::Owner, _) => td_string!(locale, common.records.columns.owner),
        (SortColumn::Created, RecordKind::Ticket) => td_string!(locale, common.records.columns.opened),
        (SortColumn::Created, _) => td_string!(locale, common.records.columns.added),
    }
}

/// What the order select shows for an order (the interface's words for `ListSort::label`).
fn sort_label(locale: Locale, sort: ListSort, kind: RecordKind) -> String {
    if sort.column == SortColumn::Created {
        let label = if sort.descending { td_string!(locale, common.records.sort.newest_first) } else { td_string!(locale, common.records.sort.oldest_first) };
        return label.to_owned();
    }
    let direction = match (sort.column, sort.descending) {
        (SortColumn::Status | SortColumn::Stage, false) => td_string!(locale, common.records.sort.first_to_last),
        (SortColumn::Status | SortColumn::Stage, true) => td_string!(locale, common.records.sort.last_to_first),
        (SortColumn::Amount, false) => td_string!(locale, common.records.sort.smallest_first),
        (SortColumn::Amount, true) => td_string!(locale, common.records.sort.largest_first),
        (SortColumn::CloseDate, false) => td_string!(locale, common.records.sort.soonest_first),
        (SortColumn::CloseDate, true) => td_string!(locale, common.records.sort.latest_first),
        (SortColumn::Priority, false) => td_string!(locale, common.records.sort.low_to_urgent),
        (SortColumn::Priority, true) => td_string!(locale, common.records.sort.urgent_to_low),
        (_, false) => td_string!(locale, common.records.sort.a_to_z),
        (_, true) => td_string!(locale, common.records.sort.z_to_a),
    };
    td_string!(locale, common.records.sort.label, column = column_label(locale, sort.column, kind), direction = direction)
}

/// The filter bar: search, owner, tag (when the page's `Choices` hold tags), added since and
/// order, submitted as a plain GET form; `children` adds the kind's own controls.
#[component]
pub fn ListFilters(kind: RecordKind, params: ListParams, #[prop(optional)] children: Option<Children>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let choices = use_choices();
    let tickets = kind == RecordKind::Ticket;
    let search_label = if tickets {
        t_string!(i18n, common.records.filters.search_tickets).to_owned()
    } else {
        t_string!(i18n, common.records.filters.search_kind, kinds = in_sentence(kind_plural(locale, kind), locale))
    };
    let search_id = format!("{}-search", kind.as_str());
    let owner_label = column_label(locale, SortColumn::Owner, kind);
    // The export links carry the same filters and order (not the page cursor: they export every page).
    let (export, query) = (format!("/w/{}/export/{}", super::use_slug()(), kind.path()), params.filter_query());
    let ListParams { q, owner, tag, sort, since, .. } = params;
    let sort = ListSort::parse(&sort, kind);
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
            <label class="visually-hidden" for="filter-tag">{t!(i18n, common.records.filters.tag)}</label>
            <select id="filter-tag" name="tag">
                <option value="" selected=tag.is_empty()>{t!(i18n, common.records.filters.any_tag)}</option>
                {options}
            </select>
        }
    });
    view! {
        <form class="list-filters" method="get" role="search">
            <label class="visually-hidden" for=search_id.clone()>{search_label}</label>
            <input id=search_id type="search" name="q" placeholder=if tickets { t_string!(i18n, common.records.filters.subject_placeholder) } else { t_string!(i18n, common.records.filters.name_placeholder) } value=q/>
            {children.map(|extra| extra())}
            <label class="visually-hidden" for="filter-owner">{owner_label}</label>
            <select id="filter-owner" name="owner">
                <option value="" selected=owner.is_empty()>{if tickets { t_string!(i18n, common.records.filters.any_assignee) } else { t_string!(i18n, common.records.filters.any_owner) }}</option>
                <option value="me" selected=owner == "me">{if tickets { t_string!(i18n, common.records.filters.assigned_to_me) } else { t_string!(i18n, common.records.filters.mine) }}</option>
                {owners}
            </select>
            {tags}
            <label class="filter-since" for="filter-since">{if tickets { t_string!(i18n, common.records.filters.opened_since) } else { t_string!(i18n, common.records.filters.added_since) }} <input id="filter-since" type="date" name="since" value=since/></label>
            <label class="visually-hidden" for="filter-sort">{t!(i18n, common.records.filters.order)}</label>
            <select id="filter-sort" name="sort">
                {ListSort::options(kind).into_iter().map(|s| view! {
                    <option value=s.as_param() selected=sort == s>{sort_label(locale, s, kind)}</option>
                }).collect_view()}
            </select>
            <button class="button secondary" type="submit">{t!(i18n, common.records.filters.submit)}</button>
            <span class="list-export" role="group" aria-label=t_string!(i18n, common.records.filters.export_label)>
                <a class="button secondary" href=format!("{export}/csv?{query}") rel="external" download>{t!(i18n, common.records.filters.export_csv)}</a>
                <a class="button secondary" href=format!("{export}/json?{query}") rel="external" download>{t!(i18n, common.records.filters.export_json)}</a>
            </span>
        </form>
    }
}

/// A column heading that orders the list by its column: a link to the same filters in the
/// column's natural direction, or the other direction when the list is already ordered by it.
#[component]
pub fn SortHeader(kind: RecordKind, column: SortColumn, params: ListParams, base: String) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let current = ListSort::parse(&params.sort, kind);
    let label = column_label(locale, column, kind);
    let (next, aria_sort, arrow) = if current.column == column {
        let arrow = if current.descending { " ↓" } else { " ↑" };
        (current.reversed(), Some(if current.descending { "descending" } else { "ascending" }), arrow)
    } else {
        (ListSort::options(kind).into_iter().find(|s| s.column == column).unwrap_or(current), None, "")
    };
    let href = format!("{base}?{}", params.query_with_sort(&next.as_param()));
    view! {
        <th scope="col" aria-sort=aria_sort>
            <a class="sort-link" href=href title=t_string!(i18n, common.records.sort.order_by, order = in_sentence(&sort_label(locale, next, kind), locale))>{label}{arrow}</a>
        </th>
    }
}

/// The heading row of a list with tick boxes: an unlabelled select column, then `columns` as
/// sortable headings.
#[component]
pub fn SortableHeadings(kind: RecordKind, columns: &'static [SortColumn], params: ListParams, base: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <thead><tr>
            <th scope="col"><span class="visually-hidden">{t!(i18n, common.records.select_column)}</span></th>
            {columns.iter().map(|&column| view! { <SortHeader kind column params=params.clone() base=base.clone()/> }).collect_view()}
        </tr></thead>
    }
}

/// What an empty list says: with filters, that nothing matches and a link to the whole list;
/// without, what the kind is for (`about`) and a button to add the first one.
#[component]
pub fn EmptyList(kind: RecordKind, filtered: bool, list_href: String, about: &'static str, new_href: String, new_label: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let plural = in_sentence(kind_plural(locale, kind), locale);
    view! {
        <div class="empty-state panel">
            {if filtered {
                view! {
                    <p>
                        {t_string!(i18n, common.records.empty.no_match, kinds = &plural)}
                        <a href=list_href>{t_string!(i18n, common.records.empty.show_all, kinds = &plural)}</a>
                    </p>
                }.into_any()
            } else {
                view! {
                    <h2>{t_string!(i18n, common.records.empty.none_yet, kinds = &plural)}</h2>
                    <p>{about}</p>
                    <a class="button primary" href=new_href>{new_label}</a>
                }.into_any()
            }}
        </div>
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
    let i18n = use_i18n();
    super::can_write().then(|| view! {
        <input type="checkbox" class="row-select" form="bulk-form" name=format!("ids[{index}]") value=id
            aria-label=t_string!(i18n, common.records.select_row, label = label) prop:checked=move || all.get()/>
    })
}

/// "2 records changed." and, when some were skipped, why.
fn bulk_message(locale: Locale, outcome: &BulkOutcome) -> String {
    let mut text = match outcome.changed {
        1 => td_string!(locale, common.records.bulk.changed_single, count = 1),
        n => td_string!(locale, common.records.bulk.changed_many, count = n),
    };
    match outcome.skipped_restricted {
        0 => {}
        1 => text.push_str(&td_string!(locale, common.records.bulk.skipped_single, count = 1)),
        n => text.push_str(&td_string!(locale, common.records.bulk.skipped_many, count = n)),
    }
    text
}

/// The bar above a list that applies an action to the ticked rows. The rows' tick boxes belong
/// to the form with id `bulk-form` (so the table can sit outside it); tags and members come from
/// the page's `Choices`.
#[component]
pub fn BulkBar(slug: String, kind: RecordKind, action: ServerAction<BulkUpdate>, all: RwSignal<bool>) -> impl IntoView {
    // Viewers change nothing, so they get no bulk bar.
    let writer = super::can_write();
    let i18n = use_i18n();
    let choices = use_choices();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let done = move || action.value().get().and_then(Result::ok).map(|outcome| bulk_message(i18n.get_locale_untracked(), &outcome));
    let taggable = crate::api::tags::TAGGED_KINDS.contains(&kind);
    let tag_select = taggable.then(|| view! {
        <label class="visually-hidden" for="bulk-tag">{t!(i18n, common.records.bulk.tag)}</label>
        <select id="bulk-tag" name="tag_id">
            <option value="">{t!(i18n, common.records.bulk.tag_placeholder)}</option>
            {choices.tags.into_iter().map(|t| view! { <option value=t.id>{t.name}</option> }).collect_view()}
        </select>
    });
    writer.then(|| view! {
        <ActionForm action attr:id="bulk-form" attr:class="bulk-bar" attr:aria-label=t_string!(i18n, common.records.bulk.label)>
            <input type="hidden" name="slug" value=slug/>
            <input type="hidden" name="kind" value=kind.as_str()/>
            <label class="checkbox"><input type="checkbox" on:change=move |ev| all.set(event_target_checked(&ev))/>{t!(i18n, common.records.bulk.all_on_page)}</label>
            <label class="visually-hidden" for="bulk-action">{t!(i18n, common.records.bulk.action)}</label>
            <select id="bulk-action" name="action">
                <option value="tag" disabled=!taggable>{t!(i18n, common.records.bulk.add_tag)}</option>
                <option value="untag" disabled=!taggable>{t!(i18n, common.records.bulk.remove_tag)}</option>
                <option value="owner">{t!(i18n, common.records.bulk.change_owner)}</option>
                <option value="trash">{t!(i18n, common.records.move_to_trash)}</option>
            </select>
            {tag_select}
            <label class="visually-hidden" for="bulk-owner">{t!(i18n, common.records.bulk.new_owner)}</label>
            <select id="bulk-owner" name="owner_id">
                <option value="">{t!(i18n, common.records.bulk.owner_placeholder)}</option>
                {choices.members.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
            </select>
            <button class="button secondary" type="submit" disabled=move || action.pending().get()>{t!(i18n, common.records.bulk.apply)}</button>
            <FormAlert error/>
            {move || error.get().and_then(|e| e.field_message("ids").or_else(|| e.field_message("tag_id")).or_else(|| e.field_message("owner_id")))
                .map(|m| view! { <p class="field-error">{m}</p> })}
            {move || done().map(|text| view! { <p class="notice" role="status">{text}</p> })}
        </ActionForm>
    })
}
