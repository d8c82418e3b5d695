//! The operators' analytics page: anonymised counts with charts and their text alternatives.

use crate::api::analytics::{operator_analytics, AnalyticsReport, REPORT_DAYS};
use crate::components::charts::{Bar, BarChart, BarGroup, GroupedBarChart};
use crate::components::layout::PublicPage;
use crate::pages::records::ErrorNotice;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn OperatorAnalyticsPage() -> impl IntoView {
    let report = Resource::new(|| (), |()| operator_analytics());
    view! {
        <Title text="Analytics"/>
        <PublicPage>
            <crate::components::layout::OperatorNav/>
            <h1>"Analytics"</h1>
            <p class="muted">
                "Anonymised counts for the last " {REPORT_DAYS} " days (UTC), from visitors who agreed to analytics. "
                "Visitors are counted per day with a salted hash whose salt changes every day and is deleted after "
                "48 hours; no IP address, user id or cross-day identifier is stored."
            </p>
            <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match report.await {
                        Ok(report) => view! { <ReportView report/> }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Suspense>
        </PublicPage>
    }
}

#[component]
fn ReportView(report: AnalyticsReport) -> impl IntoView {
    let visitors: i64 = report.days.iter().map(|d| d.visitors).sum();
    let views: i64 = report.days.iter().map(|d| d.page_views).sum();
    let groups: Vec<BarGroup> = report
        .days
        .iter()
        .map(|d| BarGroup {
            label: d.day.clone(),
            tick: d.day.get(8..).unwrap_or_default().to_owned(),
            values: vec![d.visitors, d.page_views],
            shown: vec![format!("{} visitors", d.visitors), format!("{} page views", d.page_views)],
        })
        .collect();
    let bars = |list: &[crate::api::analytics::NamedCount], unit: &str| -> Vec<Bar> {
        list.iter().take(15).map(|c| Bar { label: c.name.clone(), value: c.count, shown: format!("{} {unit}", c.count) }).collect()
    };
    let pages = bars(&report.pages, "views");
    let features = bars(&report.features, "uses");
    view! {
        <section class="panel" aria-labelledby="analytics-days">
            <h2 id="analytics-days">"Visitors and page views per day"</h2>
            <p>{visitors} " visitor-days, " {views} " page views."</p>
            <GroupedBarChart title="Visitors and page views per day" label_heading="Day"
                series=vec!["Visitors".to_owned(), "Page views".to_owned()] groups/>
        </section>
        <section class="panel" aria-labelledby="analytics-pages">
            <h2 id="analytics-pages">"Most viewed pages"</h2>
            {if pages.is_empty() {
                view! { <p class="muted">"No page views counted yet."</p> }.into_any()
            } else {
                view! { <BarChart title="Page views by page" bars=pages label_heading="Page" value_heading="Views"/> }.into_any()
            }}
        </section>
        <section class="panel" aria-labelledby="analytics-features">
            <h2 id="analytics-features">"Feature use"</h2>
            {if features.is_empty() {
                view! { <p class="muted">"No feature use counted yet."</p> }.into_any()
            } else {
                view! { <BarChart title="Uses by feature" bars=features label_heading="Feature" value_heading="Uses"/> }.into_any()
            }}
        </section>
    }
}
