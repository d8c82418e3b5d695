//! Small SVG charts drawn by Leptos. Each is a <figure>: a visible caption, the SVG (an image
//! named by its title), and a table that says the same in words (hidden from sight, read by
//! screen readers and shown when styles are off).

use leptos::prelude::*;

/// One bar: what it measures, its length, and the value as people read it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub value: i64,
    /// "12,500.00 EUR", "3 deals · 1,200.00 EUR".
    pub shown: String,
}

/// One group of bars, a bar per series.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BarGroup {
    /// In the text alternative: "Nov 2026".
    pub label: String,
    /// Under the group: "Nov".
    pub tick: String,
    pub values: Vec<i64>,
    pub shown: Vec<String>,
}

/// A coordinate as SVG wants it.
fn at(value: f64) -> String {
    format!("{value:.1}")
}

/// `value` as a share of `max`, times `length` (0 when there is nothing to compare).
fn scaled(value: i64, max: i64, length: f64) -> f64 {
    if max <= 0 { 0.0 } else { value.max(0) as f64 / max as f64 * length }
}

/// A label cut to `max` characters, with an ellipsis.
fn clipped(label: &str, max: usize) -> String {
    if label.chars().count() <= max { label.to_owned() } else { format!("{}…", label.chars().take(max.saturating_sub(1)).collect::<String>()) }
}

/// Horizontal bars, one row per bar: the label and the value on a line, the bar under them. The
/// drawing is narrow (400 units) so its text stays legible on a phone.
#[component]
pub fn BarChart(
    /// What the chart shows; its caption and accessible name.
    #[prop(into)]
    title: String,
    bars: Vec<Bar>,
    /// The headings of the label and value columns in the text alternative.
    #[prop(into)]
    label_heading: String,
    #[prop(into)]
    value_heading: String,
) -> impl IntoView {
    const WIDTH: f64 = 400.0;
    const ROW: f64 = 40.0;
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0);
    let height = ROW * bars.len().max(1) as f64;
    let rows = bars.clone().into_iter().enumerate().map(|(i, bar)| {
        let y = ROW * i as f64;
        view! {
            <g class="chart-row">
                <text class="chart-label" x="0" y=at(y + 14.0)>{clipped(&bar.label, 28)}</text>
                <text class="chart-value" x=at(WIDTH) y=at(y + 14.0) text-anchor="end">{bar.shown}</text>
                <rect class="chart-track" x="0" y=at(y + 20.0) width=at(WIDTH) height="12" rx="3"/>
                <rect class="chart-bar" x="0" y=at(y + 20.0) width=at(scaled(bar.value, max, WIDTH)) height="12" rx="3"/>
            </g>
        }
    });
    view! {
        <figure class="chart">
            <figcaption>{title.clone()}</figcaption>
            <svg class="bar-chart" viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-label=title.clone() preserveAspectRatio="xMinYMin meet">
                <title>{title.clone()}</title>
                {rows.collect_view()}
            </svg>
            <table class="visually-hidden">
                <thead><tr><th scope="col">{label_heading}</th><th scope="col">{value_heading}</th></tr></thead>
                <tbody>
                    {bars.into_iter().map(|bar| view! { <tr><th scope="row">{bar.label}</th><td>{bar.shown}</td></tr> }).collect_view()}
                </tbody>
            </table>
        </figure>
    }
}

/// Vertical bars in groups (months), one bar per series (won, lost), with a legend. Narrow
/// (360 units) for the same reason as `BarChart`.
#[component]
pub fn GroupedBarChart(
    /// What the chart shows; its caption and accessible name.
    #[prop(into)]
    title: String,
    /// The names of the series, in the order of each group's values.
    series: Vec<String>,
    /// The heading of the groups' column in the text alternative.
    #[prop(into)]
    label_heading: String,
    groups: Vec<BarGroup>,
) -> impl IntoView {
    const WIDTH: f64 = 360.0;
    const TOP: f64 = 14.0;
    const PLOT: f64 = 112.0;
    const HEIGHT: f64 = 152.0;
    const GAP: f64 = 1.0;
    let max = groups.iter().flat_map(|g| g.values.iter().copied()).max().unwrap_or(0);
    let slot = WIDTH / groups.len().max(1) as f64;
    let bar_width = ((slot - 8.0) / series.len().max(1) as f64 - GAP).max(2.0);
    let baseline = TOP + PLOT;
    let columns = groups.clone().into_iter().enumerate().map(|(i, group)| {
        let left = slot * i as f64 + (slot - (bar_width + GAP) * group.values.len() as f64 + GAP) / 2.0;
        let bars = group.values.iter().copied().enumerate().map(|(s, value)| {
            let height = scaled(value, max, PLOT);
            let x = left + (bar_width + GAP) * s as f64;
            view! {
                <rect class=format!("chart-bar series-{s}") x=at(x) y=at(baseline - height) width=at(bar_width) height=at(height)/>
                {(value > 0).then(|| view! {
                    <text class="chart-value" x=at(x + bar_width / 2.0) y=at(baseline - height - 3.0) text-anchor="middle">{value}</text>
                })}
            }
        });
        view! {
            <g class="chart-group">
                {bars.collect_view()}
                <text class="chart-label" x=at(slot * i as f64 + slot / 2.0) y=at(HEIGHT - 6.0) text-anchor="middle">{group.tick}</text>
            </g>
        }
    });
    view! {
        <figure class="chart">
            <figcaption>{title.clone()}</figcaption>
            <svg class="grouped-bar-chart" viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-label=title.clone() preserveAspectRatio="xMinYMin meet">
                <title>{title.clone()}</title>
                <line class="chart-axis" x1="0" x2=at(WIDTH) y1=at(baseline) y2=at(baseline)/>
                {columns.collect_view()}
            </svg>
            <ul class="chart-legend" aria-hidden="true">
                {series.iter().enumerate().map(|(s, name)| view! {
                    <li><span class=format!("swatch series-{s}")></span>{name.clone()}</li>
                }).collect_view()}
            </ul>
            <table class="visually-hidden">
                <thead>
                    <tr>
                        <th scope="col">{label_heading}</th>
                        {series.into_iter().map(|name| view! { <th scope="col">{name}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {groups.into_iter().map(|group| view! {
                        <tr>
                            <th scope="row">{group.label}</th>
                            {group.shown.into_iter().map(|shown| view! { <td>{shown}</td> }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_longest_and_nothing_divides_by_zero() {
        assert_eq!(scaled(50, 100, 400.0), 200.0);
        assert_eq!(scaled(5, 0, 280.0), 0.0);
        assert_eq!(scaled(-5, 10, 280.0), 0.0);
    }

    #[test]
    fn long_labels_are_clipped() {
        assert_eq!(clipped("Negotiation", 20), "Negotiation");
        assert_eq!(clipped("A very long stage name indeed", 10), "A very lo…");
    }
}
