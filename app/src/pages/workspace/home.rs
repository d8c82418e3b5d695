//! The signed-in start page: the workspace's dashboard (pipeline, won and lost deals, forecast, my
//! due activities, recent activity), and the first steps while the workspace is still empty.

use crate::api::dashboard::{load_dashboard, Dashboard, DueList, MonthFigures, QuarterForecast, RecentEvent, StageFigures};
use crate::api::workspaces::WorkspaceShell;
use crate::components::charts::{Bar, BarChart, BarGroup, GroupedBarChart};
use crate::domain::dates::format_day_in;
use crate::domain::deals::format_amount_in;
use crate::domain::records::RecordKind;
use crate::domain::workspaces::Role;
use crate::i18n_setup::{current_locale, format_number, t, t_string, use_i18n, Locale};
use crate::pages::records::{format_time, use_slug, ErrorNotice};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn WorkspaceHome() -> impl IntoView {
    let shell = expect_context::<WorkspaceShell>();
    let slug = use_slug();
    let dashboard = Resource::new(slug, load_dashboard);
    let first_name = shell.me_name.split_whitespace().next().unwrap_or_default().to_owned();
    let i18n = use_i18n();
    view! {
        <Title text=shell.workspace.name.clone()/>
        <h1>{shell.workspace.name.clone()}</h1>
        <p class="lead">{t_string!(i18n, workspace.home.welcome, name = first_name)}</p>
        <crate::pages::support::SurveyPanel/>
        <Suspense fallback=move || view! { <p class="muted">{t!(i18n, workspace.loading)}</p> }>
            {move || Suspend::new(async move {
                match dashboard.await {
                    Ok(dashboard) => view! { <DashboardView dashboard slug=slug()/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DashboardView(dashboard: Dashboard, slug: String) -> impl IntoView {
    let base = format!("/w/{slug}");
    view! {
        {dashboard.is_new.then(|| view! { <GettingStarted/> })}
        <div class="dashboard">
            <PipelinePanel stages=dashboard.pipeline currency=dashboard.currency.clone() base=base.clone()/>
            <ClosedPanel months=dashboard.months currency=dashboard.currency base=base.clone()/>
            <ForecastPanel quarters=dashboard.forecast base=base.clone()/>
            <MyWorkPanel overdue=dashboard.overdue due_today=dashboard.due_today base=base.clone()/>
            <RecentPanel events=dashboard.recent base/>
        </div>
    }
}

type I18n = leptos_i18n::I18nContext<Locale>;

fn deals_word(i18n: I18n, count: i64) -> String {
    if count == 1 {
        t_string!(i18n, workspace.home.deals.singular).to_owned()
    } else {
        t_string!(i18n, workspace.home.deals.plural, n = format_number(count, i18n.get_locale_untracked()))
    }
}

/// "Nov 2026" from "2026-11", in the page's language (the server's label otherwise).
fn month_label(i18n: I18n, month: &str, fallback: &str) -> String {
    let name = match month.get(5..) {
        Some("01") => t_string!(i18n, workspace.home.months.jan),
        Some("02") => t_string!(i18n, workspace.home.months.feb),
        Some("03") => t_string!(i18n, workspace.home.months.mar),
        Some("04") => t_string!(i18n, workspace.home.months.apr),
        Some("05") => t_string!(i18n, workspace.home.months.may),
        Some("06") => t_string!(i18n, workspace.home.months.jun),
        Some("07") => t_string!(i18n, workspace.home.months.jul),
        Some("08") => t_string!(i18n, workspace.home.months.aug),
        Some("09") => t_string!(i18n, workspace.home.months.sep),
        Some("10") => t_string!(i18n, workspace.home.months.oct),
        Some("11") => t_string!(i18n, workspace.home.months.nov),
        Some("12") => t_string!(i18n, workspace.home.months.dec),
        _ => return fallback.to_owned(),
    };
    format!("{name} {}", &month[..4])
}

/// An activity's kind (call, meeting, task, email) as the due lists show it.
fn activity_kind(i18n: I18n, kind: &str) -> String {
    match kind {
        "call" => t_string!(i18n, workspace.home.work.kinds.call).to_owned(),
        "meeting" => t_string!(i18n, workspace.home.work.kinds.meeting).to_owned(),
        "task" => t_string!(i18n, workspace.home.work.kinds.task).to_owned(),
        "email" => t_string!(i18n, workspace.home.work.kinds.email).to_owned(),
        other => other.to_owned(),
    }
}

/// A recent event's words before and after the record's name: "created company" and "" in
/// English, "hat Unternehmen" and "erstellt" in German.
fn event_words(i18n: I18n, action: &str, kind: RecordKind) -> (String, &'static str) {
    let kind = match kind {
        RecordKind::Company => t_string!(i18n, workspace.home.recent.kinds.company),
        RecordKind::Contact => t_string!(i18n, workspace.home.recent.kinds.contact),
        RecordKind::Deal => t_string!(i18n, workspace.home.recent.kinds.deal),
        RecordKind::Lead => t_string!(i18n, workspace.home.recent.kinds.lead),
        RecordKind::Ticket => t_string!(i18n, workspace.home.recent.kinds.ticket),
        RecordKind::Activity => t_string!(i18n, workspace.home.recent.kinds.activity),
    };
    match action {
        "created" => (t_string!(i18n, workspace.home.recent.actions.created.before, kind), t_string!(i18n, workspace.home.recent.actions.created.after)),
        "updated" => (t_string!(i18n, workspace.home.recent.actions.updated.before, kind), t_string!(i18n, workspace.home.recent.actions.updated.after)),
        "deleted" => (t_string!(i18n, workspace.home.recent.actions.deleted.before, kind), t_string!(i18n, workspace.home.recent.actions.deleted.after)),
        "restored" => (t_string!(i18n, workspace.home.recent.actions.restored.before, kind), t_string!(i18n, workspace.home.recent.actions.restored.after)),
        "moved" => (t_string!(i18n, workspace.home.recent.actions.moved.before, kind), t_string!(i18n, workspace.home.recent.actions.moved.after)),
        "converted" => (t_string!(i18n, workspace.home.recent.actions.converted.before, kind), t_string!(i18n, workspace.home.recent.actions.converted.after)),
        "completed" => (t_string!(i18n, workspace.home.recent.actions.completed.before, kind), t_string!(i18n, workspace.home.recent.actions.completed.after)),
        "reopened" => (t_string!(i18n, workspace.home.recent.actions.reopened.before, kind), t_string!(i18n, workspace.home.recent.actions.reopened.after)),
        "emailed" => (t_string!(i18n, workspace.home.recent.actions.emailed.before, kind), t_string!(i18n, workspace.home.recent.actions.emailed.after)),
        other => (format!("{other} {kind}"), ""),
    }
}

/// Open deals per stage, charted in the workspace's currency; other currencies as text.
#[component]
fn PipelinePanel(stages: Vec<StageFigures>, currency: String, base: String) -> impl IntoView {
    let i18n = use_i18n();
    let locale = current_locale();
    let open_deals: i64 = stages.iter().map(|s| s.deals).sum();
    let body = if open_deals == 0 {
        view! {
            <p class="dashboard-empty">
                {t_string!(i18n, workspace.home.pipeline.empty_before)}
                <a href=format!("{base}/deals/new")>{t_string!(i18n, workspace.home.pipeline.empty_link)}</a>
                {t_string!(i18n, workspace.home.pipeline.empty_after)}
            </p>
        }
        .into_any()
    } else {
        let bars = stages
            .iter()
            .map(|stage| {
                let minor = stage.amounts.iter().find(|a| a.currency == currency).map_or(0, |a| a.minor);
                Bar { label: stage.name.clone(), value: minor, shown: format!("{} · {}", deals_word(i18n, stage.deals), format_amount_in(minor, &currency, locale)) }
            })
            .collect();
        let others: Vec<String> = stages
            .iter()
            .flat_map(|stage| stage.amounts.iter().filter(|a| a.currency != currency).map(move |a| format!("{}: {}", stage.name, a.shown)))
            .collect();
        view! {
            <BarChart
                title=t_string!(i18n, workspace.home.pipeline.chart_title, currency = currency.clone())
                label_heading=t_string!(i18n, workspace.home.pipeline.stage_heading)
                value_heading=t_string!(i18n, workspace.home.pipeline.value_heading)
                bars
            />
            {(!others.is_empty()).then(|| view! {
                <p class="muted">{t_string!(i18n, workspace.home.pipeline.other_currencies, amounts = others.join("; "))}</p>
            })}
        }
        .into_any()
    };
    view! {
        <section class="panel dashboard-pipeline" aria-labelledby="dashboard-pipeline">
            <header class="panel-header">
                <h2 id="dashboard-pipeline">{t!(i18n, workspace.home.pipeline.heading)}</h2>
                <a href=format!("{base}/deals")>{t!(i18n, workspace.home.pipeline.open_link)}</a>
            </header>
            {body}
        </section>
    }
}

/// Deals won and lost in each of the last 12 months.
#[component]
fn ClosedPanel(months: Vec<MonthFigures>, currency: String, base: String) -> impl IntoView {
    let i18n = use_i18n();
    let locale = current_locale();
    let (won, lost): (i64, i64) = months.iter().fold((0, 0), |(won, lost), m| (won + m.won, lost + m.lost));
    let won_minor: i64 = months.iter().map(|m| m.won_minor).sum();
    let body = if won + lost == 0 {
        view! {
            <p class="dashboard-empty">
                {t_string!(i18n, workspace.home.closed.empty_before)}
                <a href=format!("{base}/deals")>{t_string!(i18n, workspace.home.closed.empty_link)}</a>
                {t_string!(i18n, workspace.home.closed.empty_after)}
            </p>
        }
        .into_any()
    } else {
        let groups = months
            .into_iter()
            .map(|m| {
                let label = month_label(i18n, &m.month, &m.label);
                BarGroup {
                    tick: label.split(' ').next().unwrap_or_default().to_owned(),
                    values: vec![m.won, m.lost],
                    shown: vec![
                        format!("{} ({})", format_number(m.won, locale), format_amount_in(m.won_minor, &currency, locale)),
                        format!("{} ({})", format_number(m.lost, locale), format_amount_in(m.lost_minor, &currency, locale)),
                    ],
                    label,
                }
            })
            .collect();
        view! {
            <GroupedBarChart
                title=t_string!(i18n, workspace.home.closed.chart_title)
                label_heading=t_string!(i18n, workspace.home.closed.month_heading)
                series=vec![t_string!(i18n, workspace.home.closed.won).to_owned(), t_string!(i18n, workspace.home.closed.lost).to_owned()]
                groups
            />
            <p class="muted">
                {t_string!(
                    i18n,
                    workspace.home.closed.summary,
                    won = format_number(won, locale),
                    amount = format_amount_in(won_minor, &currency, locale),
                    lost = format_number(lost, locale)
                )}
            </p>
        }
        .into_any()
    };
    view! {
        <section class="panel dashboard-closed" aria-labelledby="dashboard-closed">
            <h2 id="dashboard-closed">{t!(i18n, workspace.home.closed.heading)}</h2>
            {body}
        </section>
    }
}

/// This and next quarter's open deals, weighted by their stage's probability.
#[component]
fn ForecastPanel(quarters: Vec<QuarterForecast>, base: String) -> impl IntoView {
    let i18n = use_i18n();
    let locale = current_locale();
    let names = [t_string!(i18n, workspace.home.forecast.this_quarter), t_string!(i18n, workspace.home.forecast.next_quarter)];
    view! {
        <section class="panel dashboard-forecast" aria-labelledby="dashboard-forecast">
            <h2 id="dashboard-forecast">{t!(i18n, workspace.home.forecast.heading)}</h2>
            <p class="muted">{t!(i18n, workspace.home.forecast.intro)}</p>
            <dl class="forecast">
                {quarters.into_iter().zip(names).map(|(quarter, name)| view! {
                    <div>
                        <dt>{name} " · " {quarter.label.clone()} " " <span class="muted quarter-dates">{t_string!(i18n, workspace.home.forecast.dates, from = format_day_in(&quarter.first_day, locale), to = format_day_in(&quarter.last_day, locale))}</span></dt>
                        {if quarter.amounts.is_empty() {
                            view! {
                                <dd class="muted">
                                    {t_string!(i18n, workspace.home.forecast.empty_before)}
                                    <a href=format!("{base}/deals")>{t_string!(i18n, workspace.home.forecast.empty_link)}</a>
                                    {t_string!(i18n, workspace.home.forecast.empty_after)}
                                </dd>
                            }
                            .into_any()
                        } else {
                            quarter.amounts.into_iter().map(|a| view! { <dd class="forecast-amount">{a.shown}</dd> }).collect_view().into_any()
                        }}
                    </div>
                }).collect_view()}
            </dl>
        </section>
    }
}

/// The caller's overdue activities and those still due today.
#[component]
fn MyWorkPanel(overdue: DueList, due_today: DueList, base: String) -> impl IntoView {
    let i18n = use_i18n();
    let locale = current_locale();
    let nothing = overdue.items.is_empty() && due_today.items.is_empty();
    let list = |heading: &'static str, list: DueList, overdue: bool| {
        (!list.items.is_empty()).then(|| {
            let base = base.clone();
            view! {
                <h3>{heading} " " <span class="badge">{
                    let count = format_number(i64::try_from(list.items.len()).unwrap_or(i64::MAX), locale);
                    if list.more { format!("{count}+") } else { count }
                }</span></h3>
                <ul class="due-list" class:overdue=overdue>
                    {list.items.into_iter().map(|a| view! {
                        <li>
                            <a href=format!("{base}/activities/{}", a.id)>{a.subject}</a>
                            <span class="muted">" " {activity_kind(i18n, &a.kind)} {t_string!(i18n, workspace.home.work.due)} <time>{format_time(a.due_at)}</time></span>
                        </li>
                    }).collect_view()}
                </ul>
                {list.more.then(|| view! { <p><a href=format!("{base}/work")>{t!(i18n, workspace.home.work.more)}</a></p> })}
            }
        })
    };
    view! {
        <section class="panel dashboard-work" aria-labelledby="dashboard-work">
            <header class="panel-header">
                <h2 id="dashboard-work">{t!(i18n, workspace.home.work.heading)}</h2>
                <a href=format!("{base}/work")>{t!(i18n, workspace.home.work.link)}</a>
            </header>
            {nothing.then(|| view! {
                <p class="dashboard-empty">
                    {t_string!(i18n, workspace.home.work.empty_before)}
                    <a href=format!("{base}/work")>{t_string!(i18n, workspace.home.work.empty_link)}</a>
                    {t_string!(i18n, workspace.home.work.empty_after)}
                </p>
            })}
            {list(t_string!(i18n, workspace.home.work.overdue), overdue, true)}
            {list(t_string!(i18n, workspace.home.work.due_today), due_today, false)}
        </section>
    }
}

/// The workspace's newest changes, linked to their records.
#[component]
fn RecentPanel(events: Vec<RecentEvent>, base: String) -> impl IntoView {
    let i18n = use_i18n();
    let body = if events.is_empty() {
        view! {
            <p class="dashboard-empty">
                {t_string!(i18n, workspace.home.recent.empty_before)}
                <a href=format!("{base}/companies/new")>{t_string!(i18n, workspace.home.recent.empty_company)}</a>
                {t_string!(i18n, workspace.home.recent.empty_or)}
                <a href=format!("{base}/contacts/new")>{t_string!(i18n, workspace.home.recent.empty_contact)}</a>
                {t_string!(i18n, workspace.home.recent.empty_after)}
            </p>
        }
        .into_any()
    } else {
        view! {
            <ol class="recent-events">
                {events.into_iter().map(|e| {
                    let (before, after) = event_words(i18n, &e.action, e.kind);
                    view! {
                        <li>
                            <strong>{e.actor_name.unwrap_or_else(|| t_string!(i18n, workspace.home.recent.former_member).into())}</strong>
                            " " {before} " "
                            <a href=format!("{base}/{}/{}", e.kind.path(), e.record_id)>{e.record_name}</a>
                            {(!after.is_empty()).then(|| format!(" {after}"))}
                            <span class="muted">" · " <time>{format_time(e.at)}</time></span>
                        </li>
                    }
                }).collect_view()}
            </ol>
        }
        .into_any()
    };
    view! {
        <section class="panel dashboard-recent" aria-labelledby="dashboard-recent">
            <h2 id="dashboard-recent">{t!(i18n, workspace.home.recent.heading)}</h2>
            {body}
        </section>
    }
}

/// First steps, shown until the workspace has its first company, contact or deal.
#[component]
fn GettingStarted() -> impl IntoView {
    let shell = expect_context::<WorkspaceShell>();
    let workspace = shell.workspace;
    let address = format!("/w/{}", workspace.slug);
    let i18n = use_i18n();
    let role = match workspace.role {
        Role::Owner => t_string!(i18n, workspace.home.getting_started.roles.owner),
        Role::Admin => t_string!(i18n, workspace.home.getting_started.roles.admin),
        Role::Member => t_string!(i18n, workspace.home.getting_started.roles.member),
        Role::Viewer => t_string!(i18n, workspace.home.getting_started.roles.viewer),
    };
    view! {
        <section class="panel getting-started" aria-labelledby="getting-started">
            <h2 id="getting-started">{t!(i18n, workspace.home.getting_started.heading)}</h2>
            <ol>
                <li class="done">
                    <strong>{t!(i18n, workspace.home.getting_started.account_ready)}</strong>
                    <p>{t_string!(i18n, workspace.home.getting_started.signed_in_as, email = shell.me_email)}</p>
                </li>
                <li class="done">
                    <strong>{t!(i18n, workspace.home.getting_started.workspace_exists)}</strong>
                    <p>
                        {t_string!(i18n, workspace.home.getting_started.lives_at, name = workspace.name.clone())}
                        <code>{address.clone()}</code>
                        {t_string!(i18n, workspace.home.getting_started.your_role, role)}
                    </p>
                </li>
                <li>
                    <strong>{t!(i18n, workspace.home.getting_started.companies_heading)}</strong>
                    <p>
                        <a href=format!("{address}/companies/new")>{t_string!(i18n, workspace.home.getting_started.create_company)}</a>
                        {t_string!(i18n, workspace.home.getting_started.companies_text)}
                    </p>
                </li>
                <li>
                    <strong>{t!(i18n, workspace.home.getting_started.contacts_heading)}</strong>
                    <p>
                        <a href=format!("{address}/contacts/new")>{t_string!(i18n, workspace.home.getting_started.create_contact)}</a>
                        {t_string!(i18n, workspace.home.getting_started.contacts_text)}
                    </p>
                </li>
                <li>
                    <strong>{t!(i18n, workspace.home.getting_started.privacy_heading)}</strong>
                    <p>
                        <a href="/privacy">{t_string!(i18n, workspace.home.getting_started.read_policy)}</a>
                        {t_string!(i18n, workspace.home.getting_started.and_the)}
                        <a href="/terms">{t_string!(i18n, workspace.home.getting_started.terms)}</a>
                        {t_string!(i18n, workspace.home.getting_started.agreed)}
                        <a href=format!("{address}/account")>{t_string!(i18n, workspace.home.getting_started.see_account)}</a>
                        {t_string!(i18n, workspace.home.getting_started.end)}
                    </p>
                </li>
            </ol>
        </section>
    }
}
