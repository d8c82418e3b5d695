//! The deals list, beside the board: name prefix, owner, tag, stage and added-since filters, any
//! shown column as the order, keyset pages, and bulk actions on the ticked rows.

use crate::api::bulk::BulkUpdate;
use crate::api::deals::list_deals;
use crate::domain::dates::format_day_in;
use crate::domain::deals::StageKind;
use crate::domain::records::{RecordKind, SortColumn};
use crate::i18n_setup::{t, t_string, use_i18n};
use crate::pages::records::{choices_resource, format_time, use_list_params, use_slug, BulkBar, EmptyList, ErrorNotice, ListFilters, Pager, RowCheckbox, SortableHeadings, TagChips};
use leptos::context::Provider;
use leptos::prelude::*;
use leptos_meta::Title;

/// "Board" and "List": the two views of the pipeline, the current one (`board` or `list`) marked.
#[component]
pub fn PipelineViews(slug: String, current: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let link = |path: &str, key: &str, label: &'static str| {
        let here = key == current;
        view! { <a href=format!("/w/{slug}/deals{path}") class:current=here aria-current=here.then_some("page")>{label}</a> }
    };
    view! {
        <nav class="tabs view-switch" aria-label=t_string!(i18n, work.deals.views.label)>
            {link("", "board", t_string!(i18n, work.deals.views.board))}
            {link("/list", "list", t_string!(i18n, work.deals.views.list))}
        </nav>
    }
}

#[component]
pub fn DealListPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = use_slug();
    let params = use_list_params();
    let bulk = ServerAction::<BulkUpdate>::new();
    let all = RwSignal::new(false);
    let page = Resource::new(
        move || (slug(), params(), bulk.version().get()),
        |(slug, p, _)| list_deals(slug, p.q, p.after, p.owner, p.tag, p.stage, p.sort, p.since),
    );
    let choices = choices_resource(slug, "members,tags,stages");
    view! {
        <Title text=t_string!(i18n, work.deals.list.title)/>
        <header class="page-header">
            <h1>{t!(i18n, work.deals.list.title)}</h1>
            <span class="header-actions">
                {crate::pages::records::can_write().then(|| view! {
                    <crate::pages::imports::ImportLink slug=slug() kind=RecordKind::Deal/>
                    <a class="button primary" href=move || format!("/w/{}/deals/new", slug())>{t!(i18n, work.deals.new_deal)}</a>
                })}
            </span>
        </header>
        {move || view! { <PipelineViews slug=slug() current="list"/> }}
        <Suspense fallback=move || view! { <p class="muted">{t!(i18n, work.common.loading)}</p> }>
            {move || Suspend::new(async move {
                let choices = choices.await.unwrap_or_default();
                let page = match page.await {
                    Ok(page) => page,
                    Err(error) => return view! { <ErrorNotice error/> }.into_any(),
                };
                let params = params();
                let stage = params.stage.clone();
                let base = format!("/w/{}/deals", slug());
                let list = format!("{base}/list");
                let filtered = params.is_filtered();
                let stages = choices.stages.clone();
                let filter_params = params.clone();
                let filters = view! {
                    <Provider value=choices.clone()>
                        <ListFilters kind=RecordKind::Deal params=filter_params>
                            <label class="visually-hidden" for="deal-stage">{t!(i18n, work.deals.stage)}</label>
                            <select id="deal-stage" name="stage">
                                <option value="" selected=stage.is_empty()>{t!(i18n, work.deals.list.any_stage)}</option>
                                {stages.into_iter().map(|s| {
                                    let selected = s.id == stage;
                                    view! { <option value=s.id selected=selected>{s.name}</option> }
                                }).collect_view()}
                            </select>
                        </ListFilters>
                    </Provider>
                };
                if page.rows.is_empty() {
                    return view! {
                        {filters}
                        <EmptyList kind=RecordKind::Deal filtered list_href=list.clone() new_href=format!("{base}/new") new_label=t_string!(i18n, work.deals.list.create_first)
                            about=t_string!(i18n, work.deals.list.about)/>
                    }.into_any();
                }
                let query = params.filter_query();
                let is_first = params.after.is_empty();
                view! {
                    {filters}
                    <Provider value=choices>
                    <BulkBar slug=slug() kind=RecordKind::Deal action=bulk all/>
                    <div class="table-scroll">
                        <table class="records">
                            <SortableHeadings kind=RecordKind::Deal columns=SortColumn::for_kind(RecordKind::Deal) params=params.clone() base=list.clone()/>
                            <tbody>
                                {page.rows.into_iter().enumerate().map(|(index, row)| {
                                    let d = row.card;
                                    let badge = match row.stage_kind {
                                        StageKind::Won => "badge success",
                                        StageKind::Lost => "badge danger",
                                        StageKind::Open => "badge",
                                    };
                                    view! {
                                        <tr>
                                            <td class="select-cell"><RowCheckbox index id=d.id.clone() label=d.name.clone() all/></td>
                                            <td><a href=format!("{base}/{}", d.id)>{d.name}</a><TagChips tags=row.tags/></td>
                                            <td>{d.company_name.unwrap_or_default()}</td>
                                            <td><span class=badge>{row.stage_name}</span></td>
                                            <td class="number">{d.amount}</td>
                                            <td>{format_day_in(&d.expected_close, crate::i18n_setup::current_locale())}</td>
                                            <td>{d.owner_name.unwrap_or_else(|| t_string!(i18n, work.common.former_member).into())}</td>
                                            <td>{format_time(row.created_at).get(..10).map(str::to_owned)}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <Pager base=list query next=page.next is_first/>
                    </Provider>
                }.into_any()
            })}
        </Suspense>
    }
}
