//! The Devices overview's charts: a donut and horizontal bars, drawn as inline SVG by Leptos (no
//! charting JavaScript, no inline styles: the colours are CSS classes).
//!
//! Each chart is an image for assistive technology (`role="img"`, its title, a description that
//! says every number) followed by the same numbers as a table whose counts are links. The slices
//! and bars are links too, for the pointer: they lie in a second, `aria-hidden` drawing over the
//! image and are left out of the tab order, because an image's content is not read out and the
//! table's links already take the keyboard there.

use std::f64::consts::PI;

use endpoint_admin_model::i18n::{Messages, fill};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{I18n, use_i18n};

/// One value of a chart: its label, how many devices have it, and All devices filtered to it.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartRow {
    pub label: String,
    pub count: u64,
    pub href: String,
}

/// The colour classes the charts cycle through (`style/main.css`).
const SERIES: usize = 8;

fn series(index: usize) -> String {
    format!("series series-{}", index % SERIES)
}

/// What a chart draws.
#[derive(Clone, Copy)]
enum Kind {
    Donut,
    Bars,
}

impl Kind {
    /// How its description starts.
    fn name(self, m: &Messages) -> &str {
        match self {
            Kind::Donut => &m.chart_donut,
            Kind::Bars => &m.chart_bars,
        }
    }

    fn class(self) -> &'static str {
        match self {
            Kind::Donut => "chart-stack donut",
            Kind::Bars => "chart-stack bars",
        }
    }
}

/// How many devices `rows` count together.
fn total(rows: &[ChartRow]) -> u64 {
    rows.iter().map(|row| row.count).sum()
}

/// "Compliant 1,234 (62 %), Not compliant 56 (3 %)", what the image shows, in words.
fn described(m: &Messages, count: &dyn Fn(u64) -> String, rows: &[ChartRow]) -> String {
    let total = total(rows);
    rows.iter()
        .map(|row| {
            let percent = (row.count * 100 + total / 2)
                .checked_div(total)
                .unwrap_or(0);
            fill(
                &m.chart_share,
                &[
                    ("label", &row.label),
                    ("count", &count(row.count)),
                    ("percent", &percent.to_string()),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A chart's card: its heading, the image, the links over it, and its table.
fn chart_card(
    id: &'static str,
    title: String,
    kind: Kind,
    view_box: String,
    drawing: AnyView,
    targets: AnyView,
    rows: Vec<ChartRow>,
) -> impl IntoView {
    let heading = format!("{id}-heading");
    let labelled_by = heading.clone();
    let i18n = use_i18n();
    let m = i18n.get_untracked();
    let count = |value| i18n.count(value);
    let description = fill(
        &m.chart_description,
        &[
            ("chart", kind.name(m)),
            ("total", &count(total(&rows))),
            ("shares", &described(m, &count, &rows)),
        ],
    );
    view! {
        <section class="card chart-card" aria-labelledby=labelled_by>
            <h2 id=heading>{title.clone()}</h2>
            <div class=kind.class()>
                <svg class=format!("chart chart-{id}") viewBox=view_box.clone() role="img"
                    aria-labelledby=format!("{id}-title") aria-describedby=format!("{id}-description")>
                    <title id=format!("{id}-title")>{title}</title>
                    <desc id=format!("{id}-description")>{description}</desc>
                    {drawing}
                </svg>
                <svg class="chart chart-targets" viewBox=view_box aria-hidden="true">
                    {targets}
                </svg>
            </div>
            <CountTable i18n rows />
        </section>
    }
}

/// The numbers of a chart, each count a link to its devices; a swatch ties a row to its colour.
#[component]
fn CountTable(i18n: I18n, rows: Vec<ChartRow>) -> impl IntoView {
    let m = i18n.get_untracked();
    view! {
        <table class="count-table">
            <tbody>
                {rows
                    .into_iter()
                    .enumerate()
                    .map(|(index, ChartRow { label, count, href })| {
                        let name = fill(
                            &m.chart_count_link,
                            &[("label", &label), ("count", &i18n.count(count))],
                        );
                        view! {
                            <tr>
                                <th scope="row">
                                    <span class=format!("swatch {}", series(index)) aria-hidden="true"></span>
                                    {label}
                                </th>
                                <td>
                                    <A href=href attr:aria-label=name>{i18n.count(count)}</A>
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

/// The donut's centre and radii, in the view box.
const CENTRE: (f64, f64) = (80.0, 80.0);
const OUTER: f64 = 72.0;
const INNER: f64 = 44.0;

/// The point at `fraction` of the way round (clockwise from the top) at `radius`.
fn around(fraction: f64, radius: f64) -> (f64, f64) {
    let angle = fraction * 2.0 * PI - PI / 2.0;
    (
        CENTRE.0 + radius * angle.cos(),
        CENTRE.1 + radius * angle.sin(),
    )
}

/// The ring segment from `start` to `end` (fractions of the whole, `end > start`).
fn ring_segment(start: f64, end: f64) -> String {
    // A whole ring is two halves: an arc cannot start and end at the same point.
    if end - start >= 0.999_999 {
        return format!("{} {}", ring_segment(0.0, 0.5), ring_segment(0.5, 1.0));
    }
    let large = if end - start > 0.5 { 1 } else { 0 };
    let (outer_start, outer_end) = (around(start, OUTER), around(end, OUTER));
    let (inner_start, inner_end) = (around(start, INNER), around(end, INNER));
    format!(
        "M{:.2} {:.2}A{OUTER} {OUTER} 0 {large} 1 {:.2} {:.2}L{:.2} {:.2}A{INNER} {INNER} 0 {large} 0 {:.2} {:.2}Z",
        outer_start.0,
        outer_start.1,
        outer_end.0,
        outer_end.1,
        inner_end.0,
        inner_end.1,
        inner_start.0,
        inner_start.1
    )
}

/// Each row's ring segment, in order; rows with no devices have none.
fn donut_segments(rows: &[ChartRow]) -> Vec<(usize, String)> {
    let total = total(rows);
    let mut start = 0u64;
    rows.iter()
        .enumerate()
        .filter_map(|(index, row)| {
            let from = start;
            start += row.count;
            (row.count > 0).then(|| {
                (
                    index,
                    ring_segment(from as f64 / total as f64, start as f64 / total as f64),
                )
            })
        })
        .collect()
}

/// A donut of `rows`' shares, the total in its middle.
#[component]
pub fn DonutChart(id: &'static str, title: String, rows: Vec<ChartRow>) -> impl IntoView {
    let i18n = use_i18n();
    let total = i18n.count(total(&rows));
    let segments = donut_segments(&rows);
    let drawing = view! {
        <g>
            {segments
                .iter()
                .map(|(index, path)| view! { <path class=series(*index) d=path.clone() /> })
                .collect_view()}
        </g>
        <text class="donut-total" x="80" y="86">{total}</text>
    }
    .into_any();
    let targets = segments
        .into_iter()
        .map(|(index, path)| {
            // In a `<g>`, so that the view macro makes an SVG link, not an HTML one.
            view! {
                <g>
                    <a href=rows[index].href.clone() tabindex="-1">
                        <path class="chart-target" d=path />
                    </a>
                </g>
            }
        })
        .collect_view()
        .into_any();
    chart_card(
        id,
        title,
        Kind::Donut,
        "0 0 160 160".to_string(),
        drawing,
        targets,
        rows,
    )
}

/// The bars' geometry in the view box: a label column, then the bar, then its count.
const BAR_ROW: f64 = 20.0;
const BAR_LEFT: f64 = 112.0;
const BAR_WIDTH: f64 = 160.0;

/// The bar of the row at `index`: its rectangle `(x, y, width, height)`.
fn bar(index: usize, count: u64, largest: u64) -> (f64, f64, f64, f64) {
    let width = if largest == 0 {
        0.0
    } else {
        BAR_WIDTH * count as f64 / largest as f64
    };
    (
        BAR_LEFT,
        index as f64 * BAR_ROW + 4.0,
        width.max(if count > 0 { 1.0 } else { 0.0 }),
        BAR_ROW - 6.0,
    )
}

/// A horizontal bar for each of `rows`, longest for the most devices.
#[component]
pub fn BarChart(id: &'static str, title: String, rows: Vec<ChartRow>) -> impl IntoView {
    let i18n = use_i18n();
    let largest = rows.iter().map(|row| row.count).max().unwrap_or(0);
    let drawing = rows
        .iter()
        .enumerate()
        .map(|(index, row)| {
            let (x, y, width, height) = bar(index, row.count, largest);
            let text_y = format!("{:.1}", y + height - 3.0);
            view! {
                <text class="bar-label" x="0" y=text_y.clone()>{row.label.clone()}</text>
                <rect class=series(index) x=format!("{x:.1}") y=format!("{y:.1}") width=format!("{width:.1}") height=format!("{height:.1}") />
                <text class="bar-count" x=format!("{:.1}", x + width + 4.0) y=text_y>{i18n.count(row.count)}</text>
            }
        })
        .collect_view()
        .into_any();
    let targets = rows
        .iter()
        .enumerate()
        .map(|(index, row)| {
            // The whole row is the target, label and all: a bar of a few devices is a sliver.
            let (_, y, _, _) = bar(index, row.count, largest);
            view! {
                <g>
                    <a href=row.href.clone() tabindex="-1">
                        <rect class="chart-target" x="0" y=format!("{:.1}", y - 2.0) width="320" height=format!("{BAR_ROW:.1}") />
                    </a>
                </g>
            }
        })
        .collect_view()
        .into_any();
    let height = rows.len() as f64 * BAR_ROW + 4.0;
    chart_card(
        id,
        title,
        Kind::Bars,
        format!("0 0 320 {height:.0}"),
        drawing,
        targets,
        rows,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(label: &str, count: u64) -> ChartRow {
        ChartRow {
            label: label.into(),
            count,
            href: String::new(),
        }
    }

    #[test]
    fn the_description_says_every_number_and_share() {
        let rows = [
            row("Compliant", 1234),
            row("Not compliant", 766),
            row("Error", 0),
        ];
        let described =
            |rows: &[ChartRow]| described(Messages::english(), &crate::i18n::english_count, rows);
        assert_eq!(
            described(&rows),
            "Compliant 1,234 (62 %), Not compliant 766 (38 %), Error 0 (0 %)"
        );
        assert_eq!(described(&[row("None", 0)]), "None 0 (0 %)");
    }

    #[test]
    fn segments_go_round_once_and_skip_empty_rows() {
        let segments = donut_segments(&[row("a", 1), row("b", 0), row("c", 3)]);
        assert_eq!(
            segments.iter().map(|(index, _)| *index).collect::<Vec<_>>(),
            [0, 2]
        );
        // The first quarter starts at the top and ends at the right.
        assert!(
            segments[0]
                .1
                .starts_with("M80.00 8.00A72 72 0 0 1 152.00 80.00"),
            "{}",
            segments[0].1
        );
        // Three quarters take the large arc.
        assert!(
            segments[1].1.contains("A72 72 0 1 1 80.00 8.00"),
            "{}",
            segments[1].1
        );
        // One row of every device is a whole ring, drawn as two halves.
        let whole = donut_segments(&[row("a", 5)]);
        assert_eq!(whole[0].1.matches('M').count(), 2);
    }

    #[test]
    fn bars_are_as_long_as_their_share_of_the_largest() {
        assert_eq!(bar(0, 50, 100).2, BAR_WIDTH / 2.0);
        assert_eq!(bar(1, 100, 100).2, BAR_WIDTH);
        // A bar of a few devices still shows; none shows nothing.
        assert_eq!(bar(2, 1, 1_000_000).2, 1.0);
        assert_eq!(bar(3, 0, 100).2, 0.0);
    }
}
