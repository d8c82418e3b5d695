//! The pipeline board: a column per stage with count and totals, cards moved by drag and drop or
//! by each card's "Move to" menu (which also works without JavaScript).

use crate::api::deals::{load_board, Column, MoveDeal, Stage};
use crate::components::field::FormAlert;
use crate::domain::dates::format_day_in;
use crate::domain::deals::StageKind;
use crate::i18n_setup::{t, t_string, use_i18n};
use crate::pages::records::{use_slug, ErrorNotice};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn DealsPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = use_slug();
    let query = use_query_map();
    let mine = move || query.read().get("mine").is_some_and(|v| v == "on");
    let move_deal = ServerAction::<MoveDeal>::new();
    let admin = use_context::<crate::api::workspaces::WorkspaceShell>().is_some_and(|shell| shell.workspace.role.is_admin());
    let error = Signal::derive(move || move_deal.value().get().and_then(Result::err));
    let board = Resource::new(move || (slug(), mine(), move_deal.version().get()), |(slug, mine, _)| load_board(slug, mine));
    view! {
        <Title text=t_string!(i18n, work.deals.board.title)/>
        <header class="page-header">
            <h1>{t!(i18n, work.deals.board.title)}</h1>
            <span class="header-actions">
                {admin.then(|| view! { <a class="button secondary" href=move || format!("/w/{}/settings/pipeline", slug())>{t!(i18n, work.deals.board.edit_stages)}</a> })}
                {crate::pages::records::can_write().then(|| view! { <a class="button primary" href=move || format!("/w/{}/deals/new", slug())>{t!(i18n, work.deals.new_deal)}</a> })}
            </span>
        </header>
        {move || view! { <super::list::PipelineViews slug=slug() current="board"/> }}
        <form class="list-filters" method="get">
            <label class="checkbox"><input type="checkbox" name="mine" checked=mine/>{t!(i18n, work.deals.board.mine_only)}</label>
            <button class="button secondary" type="submit">{t!(i18n, work.deals.board.filter)}</button>
        </form>
        <FormAlert error/>
        <Suspense fallback=move || view! { <p class="muted">{t!(i18n, work.common.loading)}</p> }>
            {move || Suspend::new(async move {
                let board = match board.await {
                    Ok(board) => board,
                    Err(error) => return view! { <ErrorNotice error/> }.into_any(),
                };
                let stages: Vec<Stage> = board.columns.iter().map(|c| c.stage.clone()).collect();
                let empty = board.columns.iter().all(|c| c.deals.is_empty());
                view! {
                    {empty.then(|| view! {
                        <p class="notice">{t!(i18n, work.deals.board.empty)}</p>
                    })}
                    <div class="board" role="list" aria-label=t_string!(i18n, work.deals.board.stages_label)>
                        {board.columns.into_iter().map(|column| view! {
                            <BoardColumn column stages=stages.clone() slug=slug() move_deal/>
                        }).collect_view()}
                    </div>
                }.into_any()
            })}
        </Suspense>
    }
}

#[component]
fn BoardColumn(column: Column, stages: Vec<Stage>, slug: String, move_deal: ServerAction<MoveDeal>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = crate::i18n_setup::current_locale();
    let stage_id = column.stage.id.clone();
    let drop_slug = slug.clone();
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        let dragged = ev.data_transfer().and_then(|dt| dt.get_data("text/plain").ok()).unwrap_or_default();
        if !dragged.is_empty() {
            move_deal.dispatch(MoveDeal { slug: drop_slug.clone(), id: dragged, stage_id: stage_id.clone() });
        }
    };
    // Viewers see the board but move nothing.
    let writer = crate::pages::records::can_write();
    let closed_stage = column.stage.kind != StageKind::Open;
    let count = column.count;
    let shown = column.deals.len();
    let hidden = column.count - i64::try_from(shown).unwrap_or(0);
    let totals = if column.totals.is_empty() { "—".to_owned() } else { column.totals.join(" · ") };
    view! {
        <section class="board-column" class:closed-stage=closed_stage role="listitem"
            aria-label=column.stage.name.clone() data-stage=column.stage.id.clone()
            on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=on_drop>
            <details open=!closed_stage>
                <summary>
                    <span class="column-name">{column.stage.name.clone()}</span>
                    <span class="badge" aria-label=t_string!(i18n, work.deals.board.count_label)>{count}</span>
                    <span class="column-total">{totals}</span>
                </summary>
                <ul class="cards">
                    {column.deals.into_iter().map(|deal| {
                        let id = deal.id.clone();
                        let href = format!("/w/{slug}/deals/{}", deal.id);
                        let options: Vec<Stage> = stages.iter().filter(|s| s.id != column.stage.id).cloned().collect();
                        let (form_slug, form_id) = (slug.clone(), deal.id.clone());
                        view! {
                            <li class="deal-card" draggable=if writer { "true" } else { "false" }
                                on:dragstart=move |ev: leptos::ev::DragEvent| {
                                    if let Some(dt) = ev.data_transfer() {
                                        let _ = dt.set_data("text/plain", &id);
                                    }
                                }>
                                <a class="deal-name" href=href>{deal.name}</a>
                                <p class="deal-amount">{deal.amount}</p>
                                {deal.company_name.map(|c| view! { <p class="muted">{c}</p> })}
                                {(!deal.expected_close.is_empty()).then(|| view! { <p class="muted">{t_string!(i18n, work.deals.board.close, date = format_day_in(&deal.expected_close, locale))}</p> })}
                                {writer.then(|| view! {
                                <details class="card-menu">
                                    <summary>{t!(i18n, work.deals.board.move_to)}</summary>
                                    <ActionForm action=move_deal attr:class="inline-form">
                                        <input type="hidden" name="slug" value=form_slug/>
                                        <input type="hidden" name="id" value=form_id/>
                                        <label class="visually-hidden" for=format!("move-{}", deal.id)>{t!(i18n, work.deals.stage)}</label>
                                        <select id=format!("move-{}", deal.id) name="stage_id">
                                            {options.into_iter().map(|s| view! { <option value=s.id>{s.name}</option> }).collect_view()}
                                        </select>
                                        <button class="button secondary" type="submit">{t!(i18n, work.deals.board.move_button)}</button>
                                    </ActionForm>
                                </details>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
                {(hidden > 0).then(|| view! { <p class="muted more-cards">{t_string!(i18n, work.deals.board.more_cards, hidden = hidden, shown = shown)}</p> })}
            </details>
        </section>
    }
}
