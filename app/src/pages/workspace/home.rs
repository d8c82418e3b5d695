//! The signed-in start page: the workspace's dashboard (pipeline, won and lost deals, forecast, my
//! due activities, recent activity), and the first steps while the workspace is still empty.

use crate::api::dashboard::{load_dashboard, Dashboard, DueList, MonthFigures, QuarterForecast, RecentEvent, StageFigures};
use crate::api::workspaces::WorkspaceShell;
use crate::components::charts::{Bar, BarChart, BarGroup, GroupedBarChart};
use crate::domain::deals::format_amount;
use crate::domain::workspaces::Role;
use crate::pages::records::{format_time, use_slug, ErrorNotice};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn WorkspaceHome() -> impl IntoView {
    let shell = expect_context::<WorkspaceShell>();
    let slug = use_slug();
    let dashboard = Resource::new(slug, load_dashboard);
    let first_name = shell.me_name.split_whitespace().next().unwrap_or_default().to_owned();
    view! {
        <Title text=shell.workspace.name.clone()/>
        <h1>{shell.workspace.name.clone()}</h1>
        <p class="lead">"Welcome, " {first_name} "."</p>
        <crate::pages::support::SurveyPanel/>
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
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

fn deals_word(count: i64) -> String {
    if count == 1 { "1 deal".to_owned() } else { format!("{count} deals") }
}

/// Open deals per stage, charted in the workspace's currency; other currencies as text.
#[component]
fn PipelinePanel(stages: Vec<StageFigures>, currency: String, base: String) -> impl IntoView {
    let open_deals: i64 = stages.iter().map(|s| s.deals).sum();
    let body = if open_deals == 0 {
        view! {
            <p class="dashboard-empty">"No open deals — " <a href=format!("{base}/deals/new")>"add one on the pipeline"</a> "."</p>
        }
        .into_any()
    } else {
        let bars = stages
            .iter()
            .map(|stage| {
                let minor = stage.amounts.iter().find(|a| a.currency == currency).map_or(0, |a| a.minor);
                Bar { label: stage.name.clone(), value: minor, shown: format!("{} · {}", deals_word(stage.deals), format_amount(minor, &currency)) }
            })
            .collect();
        let others: Vec<String> = stages
            .iter()
            .flat_map(|stage| stage.amounts.iter().filter(|a| a.currency != currency).map(move |a| format!("{}: {}", stage.name, a.shown)))
            .collect();
        view! {
            <BarChart title=format!("Open pipeline value by stage, in {currency}") label_heading="Stage" value_heading="Open deals and value" bars/>
            {(!others.is_empty()).then(|| view! {
                <p class="muted">"Also open, in other currencies (not in the chart): " {others.join("; ")} "."</p>
            })}
        }
        .into_any()
    };
    view! {
        <section class="panel dashboard-pipeline" aria-labelledby="dashboard-pipeline">
            <header class="panel-header">
                <h2 id="dashboard-pipeline">"Open pipeline"</h2>
                <a href=format!("{base}/deals")>"Open the pipeline"</a>
            </header>
            {body}
        </section>
    }
}

/// Deals won and lost in each of the last 12 months.
#[component]
fn ClosedPanel(months: Vec<MonthFigures>, currency: String, base: String) -> impl IntoView {
    let (won, lost): (i64, i64) = months.iter().fold((0, 0), |(won, lost), m| (won + m.won, lost + m.lost));
    let won_minor: i64 = months.iter().map(|m| m.won_minor).sum();
    let body = if won + lost == 0 {
        view! {
            <p class="dashboard-empty">"No deals won or lost in the last 12 months — when a deal closes, "
                <a href=format!("{base}/deals")>"move it to Won or Lost on the pipeline"</a> "."</p>
        }
        .into_any()
    } else {
        let groups = months
            .into_iter()
            .map(|m| BarGroup {
                tick: m.label.split(' ').next().unwrap_or_default().to_owned(),
                values: vec![m.won, m.lost],
                shown: vec![format!("{} ({})", m.won, format_amount(m.won_minor, &currency)), format!("{} ({})", m.lost, format_amount(m.lost_minor, &currency))],
                label: m.label,
            })
            .collect();
        view! {
            <GroupedBarChart title="Deals won and lost per month, last 12 months" label_heading="Month" series=vec!["Won".to_owned(), "Lost".to_owned()] groups/>
            <p class="muted">"Last 12 months: " {won} " won (" {format_amount(won_minor, &currency)} "), " {lost} " lost."</p>
        }
        .into_any()
    };
    view! {
        <section class="panel dashboard-closed" aria-labelledby="dashboard-closed">
            <h2 id="dashboard-closed">"Won and lost"</h2>
            {body}
        </section>
    }
}

/// This and next quarter's open deals, weighted by their stage's probability.
#[component]
fn ForecastPanel(quarters: Vec<QuarterForecast>, base: String) -> impl IntoView {
    let names = ["This quarter", "Next quarter"];
    view! {
        <section class="panel dashboard-forecast" aria-labelledby="dashboard-forecast">
            <h2 id="dashboard-forecast">"Weighted forecast"</h2>
            <p class="muted">"Open deals by expected close date, each amount times its stage's probability."</p>
            <dl class="forecast">
                {quarters.into_iter().zip(names).map(|(quarter, name)| view! {
                    <div>
                        <dt>{name} " · " {quarter.label.clone()} " " <span class="muted quarter-dates">"(" {quarter.first_day.clone()} " to " {quarter.last_day.clone()} ")"</span></dt>
                        {if quarter.amounts.is_empty() {
                            view! { <dd class="muted">"Nothing expected to close — set expected close dates on " <a href=format!("{base}/deals")>"your open deals"</a> "."</dd> }.into_any()
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
    let nothing = overdue.items.is_empty() && due_today.items.is_empty();
    let list = |heading: &'static str, list: DueList, overdue: bool| {
        (!list.items.is_empty()).then(|| {
            let base = base.clone();
            view! {
                <h3>{heading} " " <span class="badge">{if list.more { format!("{}+", list.items.len()) } else { list.items.len().to_string() }}</span></h3>
                <ul class="due-list" class:overdue=overdue>
                    {list.items.into_iter().map(|a| view! {
                        <li>
                            <a href=format!("{base}/activities/{}", a.id)>{a.subject}</a>
                            <span class="muted">" " {a.kind} " · due " <time>{format_time(a.due_at)}</time></span>
                        </li>
                    }).collect_view()}
                </ul>
                {list.more.then(|| view! { <p><a href=format!("{base}/work")>"More in My work"</a></p> })}
            }
        })
    };
    view! {
        <section class="panel dashboard-work" aria-labelledby="dashboard-work">
            <header class="panel-header">
                <h2 id="dashboard-work">"My activities"</h2>
                <a href=format!("{base}/work")>"My work"</a>
            </header>
            {nothing.then(|| view! {
                <p class="dashboard-empty">"Nothing overdue or due today — plan your next call or task in "
                    <a href=format!("{base}/work")>"My work"</a> "."</p>
            })}
            {list("Overdue", overdue, true)}
            {list("Due today", due_today, false)}
        </section>
    }
}

/// The workspace's newest changes, linked to their records.
#[component]
fn RecentPanel(events: Vec<RecentEvent>, base: String) -> impl IntoView {
    let body = if events.is_empty() {
        view! {
            <p class="dashboard-empty">"Nothing has happened yet — " <a href=format!("{base}/companies/new")>"add a company"</a>
                " or " <a href=format!("{base}/contacts/new")>"a contact"</a> " and it shows here."</p>
        }
        .into_any()
    } else {
        view! {
            <ol class="recent-events">
                {events.into_iter().map(|e| view! {
                    <li>
                        <strong>{e.actor_name.unwrap_or_else(|| "A former member".into())}</strong>
                        " " {e.action} " " {e.kind.label().to_lowercase()} " "
                        <a href=format!("{base}/{}/{}", e.kind.path(), e.record_id)>{e.record_name}</a>
                        <span class="muted">" · " <time>{format_time(e.at)}</time></span>
                    </li>
                }).collect_view()}
            </ol>
        }
        .into_any()
    };
    view! {
        <section class="panel dashboard-recent" aria-labelledby="dashboard-recent">
            <h2 id="dashboard-recent">"Recent activity"</h2>
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
    view! {
        <section class="panel getting-started" aria-labelledby="getting-started">
            <h2 id="getting-started">"Getting started"</h2>
            <ol>
                <li class="done">
                    <strong>"Your account is ready"</strong>
                    <p>"You are signed in as " {shell.me_email} "."</p>
                </li>
                <li class="done">
                    <strong>"Your workspace exists"</strong>
                    <p>
                        {workspace.name.clone()} " lives at " <code>{address.clone()}</code> ", and you are its "
                        {match workspace.role { Role::Owner => "owner", Role::Admin => "admin", Role::Member => "member", Role::Viewer => "viewer" }}
                        ". Bookmark the address to come straight back."
                    </p>
                </li>
                <li>
                    <strong>"Add the companies you work with"</strong>
                    <p><a href=format!("{address}/companies/new")>"Create a company"</a> " — its contacts and history gather on its page."</p>
                </li>
                <li>
                    <strong>"Add the people you talk to"</strong>
                    <p><a href=format!("{address}/contacts/new")>"Create a contact"</a> " with emails, phones and a company, then keep notes on their timeline."</p>
                </li>
                <li>
                    <strong>"Know how your data is treated"</strong>
                    <p><a href="/privacy">"Read the Privacy Policy"</a> " and the " <a href="/terms">"Terms of Service"</a> " you agreed to. Sessions end after 30 idle minutes and at most 12 hours; "
                    <a href=format!("{address}/account")>"see your account"</a> "."</p>
                </li>
            </ol>
        </section>
    }
}
