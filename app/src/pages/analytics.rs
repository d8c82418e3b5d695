//! The operators' analytics page: anonymised counts with charts and their text alternatives.

use crate::api::analytics::{operator_analytics, AnalyticsReport, REPORT_DAYS};
use crate::components::charts::{Bar, BarChart, BarGroup, GroupedBarChart};
use crate::components::layout::PublicPage;
use crate::i18n_setup::{t, t_string, use_i18n};
use crate::pages::records::ErrorNotice;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn OperatorAnalyticsPage() -> impl IntoView {
    let report = Resource::new(|| (), |()| operator_analytics());
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, privacy.analytics.title)/>
        <PublicPage>
            <crate::components::layout::OperatorNav/>
            <h1>{t!(i18n, privacy.analytics.title)}</h1>
            <p class="muted">{t_string!(i18n, privacy.analytics.intro, days = REPORT_DAYS)}</p>
            <Suspense fallback=move || view! { <p class="muted">{t!(i18n, privacy.loading)}</p> }>
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
    let i18n = use_i18n();
    let visitors: i64 = report.days.iter().map(|d| d.visitors).sum();
    let views: i64 = report.days.iter().map(|d| d.page_views).sum();
    let groups: Vec<BarGroup> = report
        .days
        .iter()
        .map(|d| BarGroup {
            label: d.day.clone(),
            tick: d.day.get(8..).unwrap_or_default().to_owned(),
            values: vec![d.visitors, d.page_views],
            shown: vec![
                t_string!(i18n, privacy.analytics.visitors_count, n = d.visitors).to_string(),
                t_string!(i18n, privacy.analytics.page_views_count, n = d.page_views).to_string(),
            ],
        })
        .collect();
    let bars = |list: &[crate::api::analytics::NamedCount], shown: &dyn Fn(i64) -> String| -> Vec<Bar> {
        list.iter().take(15).map(|c| Bar { label: c.name.clone(), value: c.count, shown: shown(c.count) }).collect()
    };
    let pages = bars(&report.pages, &|n| t_string!(i18n, privacy.analytics.views_count, n = n).to_string());
    let features = bars(&report.features, &|n| t_string!(i18n, privacy.analytics.uses_count, n = n).to_string());
    view! {
        <section class="panel" aria-labelledby="analytics-days">
            <h2 id="analytics-days">{t!(i18n, privacy.analytics.per_day)}</h2>
            <p>{t_string!(i18n, privacy.analytics.totals, visitors = visitors, views = views)}</p>
            <GroupedBarChart title=t_string!(i18n, privacy.analytics.per_day) label_heading=t_string!(i18n, privacy.analytics.day)
                series=vec![t_string!(i18n, privacy.analytics.visitors).to_owned(), t_string!(i18n, privacy.analytics.page_views).to_owned()] groups/>
        </section>
        <section class="panel" aria-labelledby="analytics-pages">
            <h2 id="analytics-pages">{t!(i18n, privacy.analytics.most_viewed)}</h2>
            {if pages.is_empty() {
                view! { <p class="muted">{t!(i18n, privacy.analytics.no_page_views)}</p> }.into_any()
            } else {
                view! {
                    <BarChart title=t_string!(i18n, privacy.analytics.views_by_page) bars=pages
                        label_heading=t_string!(i18n, privacy.analytics.page) value_heading=t_string!(i18n, privacy.analytics.views)/>
                }.into_any()
            }}
        </section>
        <section class="panel" aria-labelledby="analytics-features">
            <h2 id="analytics-features">{t!(i18n, privacy.analytics.feature_use)}</h2>
            {if features.is_empty() {
                view! { <p class="muted">{t!(i18n, privacy.analytics.no_feature_use)}</p> }.into_any()
            } else {
                view! {
                    <BarChart title=t_string!(i18n, privacy.analytics.uses_by_feature) bars=features
                        label_heading=t_string!(i18n, privacy.analytics.feature) value_heading=t_string!(i18n, privacy.analytics.uses)/>
                }.into_any()
            }}
        </section>
    }
}
