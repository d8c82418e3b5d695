//! One import, step by step (`/w/{slug}/imports/{id}`): the file's first rows and a field for each
//! column, what a row does and what it is matched on; then the check's report, the run's
//! progress, its outcome and the undo.
//!
//! The page loads the import again after each action and, in the browser, every second while the
//! server works on it (a "Refresh" link does the same without JavaScript). The mapping form is
//! loaded apart, and again only when the import leaves the set-up steps, so that following a
//! check never redraws the form under the person's hands.

use super::{status_label, target_label};
use crate::api::imports::{get_import, CancelImport, ConfigureImport, Counts, ImportStatus, ImportView, StartImport, UndoImport};
use crate::components::field::{FormAlert, FormError};
use crate::domain::imports::{DateFormat, Mode};
use crate::error::AppError;
use crate::i18n_setup::{decimal_mark, format_number, t, t_string, use_i18n, Locale};
use crate::pages::records::{format_time, in_sentence, kind_plural, use_record_id, use_slug, ErrorNotice};
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_meta::Title;
use std::time::Duration;

/// How often the page asks again while the server checks, imports or undoes.
const FOLLOW_EVERY: Duration = Duration::from_millis(1000);

/// The wizard's actions; the page loads the import again after each.
#[derive(Clone, Copy)]
struct Actions {
    configure: ServerAction<ConfigureImport>,
    start: ServerAction<StartImport>,
    cancel: ServerAction<CancelImport>,
    undo: ServerAction<UndoImport>,
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = use_slug();
    let id = use_record_id();
    let actions = Actions { configure: ServerAction::new(), start: ServerAction::new(), cancel: ServerAction::new(), undo: ServerAction::new() };
    let tick = RwSignal::new(0_u32);
    let import = Resource::new(
        move || {
            (
                slug(),
                id(),
                tick.get(),
                actions.configure.version().get(),
                actions.start.version().get(),
                actions.cancel.version().get(),
                actions.undo.version().get(),
            )
        },
        |(slug, id, ..)| get_import(slug, id),
    );
    // Starting or cancelling ends the set-up steps (the form goes); saving the mapping does not.
    let setup = Resource::new(move || (slug(), id(), actions.start.version().get(), actions.cancel.version().get()), |(slug, id, ..)| get_import(slug, id));
    follow(import, tick);
    view! {
        <Title text=t_string!(i18n, imports.title)/>
        <p><a href=move || format!("/w/{}/imports", slug())>{t!(i18n, imports.all_imports)}</a></p>
        <Transition fallback=move || view! { <p class="muted">{t!(i18n, imports.loading)}</p> }>
            {move || Suspend::new(async move {
                match import.await {
                    Ok(import) => view! { <ImportHeading import/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Transition>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match setup.await {
                    Ok(import) if import.status.is_setting_up() => view! { <SetupSections import action=actions.configure/> }.into_any(),
                    _ => ().into_any(),
                }
            })}
        </Transition>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match import.await {
                    Ok(import) => view! { <StatusSection import actions/> }.into_any(),
                    Err(_) => ().into_any(),
                }
            })}
        </Transition>
    }
}

/// In the browser: loads `import` again `FOLLOW_EVERY` after showing it busy, one timer at a time
/// (the effect may also run while a load is under way).
fn follow(import: Resource<Result<ImportView, AppError>>, tick: RwSignal<u32>) {
    let timer_set = RwSignal::new(false);
    Effect::new(move |_| {
        let busy = import.get().and_then(Result::ok).is_some_and(|shown| shown.status.is_busy());
        if busy && !timer_set.get_untracked() {
            timer_set.set(true);
            set_timeout(
                move || {
                    timer_set.try_set(false);
                    tick.try_update(|n| *n = n.wrapping_add(1));
                },
                FOLLOW_EVERY,
            );
        }
    });
}

/// "Import contacts", the status, and the file's name, size and upload time.
#[component]
fn ImportHeading(import: ImportView) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let what = in_sentence(kind_plural(locale, import.kind), locale);
    let facts = t_string!(
        i18n,
        imports.wizard.file_line,
        file = import.file_name,
        rows = format_number(import.total_rows, locale),
        time = format_time(import.created_at)
    )
    .to_string();
    view! {
        <header class="page-header">
            <h1>{t_string!(i18n, imports.wizard.heading, what = what).to_string()}</h1>
            <span class="badge">{status_label(i18n, import.status)}</span>
        </header>
        <p class="muted">{facts}</p>
    }
}

/// The hidden fields every action of the wizard takes.
#[component]
fn ImportIds(id: String) -> impl IntoView {
    let slug = use_slug();
    view! {
        <input type="hidden" name="slug" value=slug()/>
        <input type="hidden" name="id" value=id/>
    }
}

/// The file's first rows, then the form that saves the mapping and choices and starts the check.
#[component]
fn SetupSections(import: ImportView, action: ServerAction<ConfigureImport>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let error: FormError = Signal::derive(move || action.value().get().and_then(Result::err));
    let field_error = move |field: String| Memo::new(move |_| error.get().and_then(|e| e.field_message(&field)));
    let ImportView { id, headers, preview, mapping, targets, match_keys, mode, match_on, date_format, has_dates, .. } = import;
    let mode = Mode::parse(&mode).unwrap_or_default();
    let names: Vec<String> = headers
        .iter()
        .enumerate()
        .map(|(index, header)| if header.trim().is_empty() { t_string!(i18n, imports.wizard.unnamed_column, n = index + 1).to_string() } else { header.clone() })
        .collect();

    let preview_table = view! {
        <div class="table-scroll">
            <table class="records import-preview-table" aria-labelledby="import-preview">
                <thead><tr>{names.iter().map(|name| view! { <th scope="col">{name.clone()}</th> }).collect_view()}</tr></thead>
                <tbody>
                    {preview.iter().map(|row| view! {
                        <tr>{row.iter().map(|cell| view! { <td>{cell.clone()}</td> }).collect_view()}</tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    };

    let mapping_rows = names
        .iter()
        .enumerate()
        .map(|(index, name)| {
            let examples = preview.iter().filter_map(|row| row.get(index)).map(|cell| cell.trim()).filter(|cell| !cell.is_empty()).take(3).collect::<Vec<_>>().join(" · ");
            let current = mapping.get(index).cloned().unwrap_or_default();
            let problem = field_error(format!("mapping.{index}"));
            let problem_id = format!("import-mapping-{index}-error");
            let options = targets
                .iter()
                .map(|key| {
                    let selected = *key == current;
                    view! { <option value=key.clone() selected=selected>{target_label(locale, key)}</option> }
                })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{name.clone()}</th>
                    <td class="muted">{examples}</td>
                    <td>
                        <select
                            name=format!("mapping[{index}]")
                            aria-label=name.clone()
                            aria-invalid=move || problem.get().is_some().then_some("true")
                            aria-describedby={
                                let problem_id = problem_id.clone();
                                move || problem.get().is_some().then(|| problem_id.clone())
                            }
                        >
                            <option value="" selected=current.is_empty()>{t!(i18n, imports.wizard.do_not_import)}</option>
                            {options}
                        </select>
                        {move || problem.get().map(|text| view! { <p class="field-error" id=problem_id.clone()>{text}</p> })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let nothing_mapped = field_error("mapping".into());

    let mode_error = field_error("mode".into());
    let modes = Mode::ALL
        .into_iter()
        .map(|choice| {
            let (label, hint) = match choice {
                Mode::Create => (t_string!(i18n, imports.modes.create), t_string!(i18n, imports.modes.create_hint)),
                Mode::Update => (t_string!(i18n, imports.modes.update), t_string!(i18n, imports.modes.update_hint)),
                Mode::Upsert => (t_string!(i18n, imports.modes.upsert), t_string!(i18n, imports.modes.upsert_hint)),
            };
            let hint_id = format!("import-mode-{}-hint", choice.as_str());
            view! {
                <div class="import-choice">
                    <label class="checkbox">
                        <input type="radio" name="mode" value=choice.as_str() checked=choice == mode aria-describedby=hint_id.clone()/>
                        {label}
                    </label>
                    <p class="hint" id=hint_id>{hint}</p>
                </div>
            }
        })
        .collect_view();

    let match_error = field_error("match_on".into());
    let match_options = match_keys
        .iter()
        .map(|key| {
            let selected = *key == match_on;
            view! { <option value=key.clone() selected=selected>{target_label(locale, key)}</option> }
        })
        .collect_view();

    let dates = has_dates.then(|| {
        let initial = DateFormat::parse(&date_format).unwrap_or_default();
        let chosen = RwSignal::new(initial);
        let date_error = field_error("date_format".into());
        view! {
            <div class="field">
                <label for="import-date-format">{t!(i18n, imports.wizard.date_format)}</label>
                <select
                    id="import-date-format"
                    name="date_format"
                    aria-describedby="import-date-format-read"
                    aria-invalid=move || date_error.get().is_some().then_some("true")
                    on:change=move |ev| {
                        if let Some(format) = DateFormat::parse(&event_target_value(&ev)) {
                            chosen.set(format);
                        }
                    }
                >
                    {DateFormat::ALL.into_iter().map(|format| view! {
                        <option value=format.as_str() selected=format == initial>{format!("{} ({})", format.pattern(), date_example(format))}</option>
                    }).collect_view()}
                </select>
                <p class="hint" id="import-date-format-read" aria-live="polite">
                    {move || t_string!(i18n, imports.wizard.dates_read_as, pattern = chosen.get().pattern()).to_string()}
                </p>
                {move || date_error.get().map(|text| view! { <p class="field-error">{text}</p> })}
            </div>
        }
    });

    view! {
        <section class="panel import-preview" aria-labelledby="import-preview">
            <h2 id="import-preview">{t!(i18n, imports.wizard.preview_heading)}</h2>
            {preview_table}
        </section>
        <section class="panel import-setup" aria-labelledby="import-mapping">
            <h2 id="import-mapping">{t!(i18n, imports.wizard.mapping_heading)}</h2>
            <p class="hint">{t!(i18n, imports.wizard.mapping_intro)}</p>
            <ActionForm action attr:class="stack" attr:aria-label=t_string!(i18n, imports.wizard.mapping_heading)>
                <ImportIds id/>
                {move || nothing_mapped.get().map(|text| view! { <p class="field-error" role="alert">{text}</p> })}
                <div class="table-scroll">
                    <table class="records import-mapping">
                        <thead>
                            <tr>
                                <th scope="col">{t!(i18n, imports.wizard.column)}</th>
                                <th scope="col">{t!(i18n, imports.wizard.examples)}</th>
                                <th scope="col">{t!(i18n, imports.wizard.field)}</th>
                            </tr>
                        </thead>
                        <tbody>{mapping_rows}</tbody>
                    </table>
                </div>
                <fieldset class="import-modes" aria-invalid=move || mode_error.get().is_some().then_some("true")>
                    <legend>{t!(i18n, imports.wizard.mode_legend)}</legend>
                    {modes}
                    {move || mode_error.get().map(|text| view! { <p class="field-error">{text}</p> })}
                </fieldset>
                <div class="field">
                    <label for="import-match-on">{t!(i18n, imports.wizard.match_on)}</label>
                    <select
                        id="import-match-on"
                        name="match_on"
                        aria-describedby="import-match-on-hint"
                        aria-invalid=move || match_error.get().is_some().then_some("true")
                    >
                        {match_options}
                    </select>
                    <p class="hint" id="import-match-on-hint">{t!(i18n, imports.wizard.match_hint)}</p>
                    {move || match_error.get().map(|text| view! { <p class="field-error">{text}</p> })}
                </div>
                {dates}
                <FormAlert error/>
                <p class="hint">{t!(i18n, imports.wizard.check_hint)}</p>
                <button class="button primary" type="submit" disabled=move || action.pending().get()>{t!(i18n, imports.wizard.check)}</button>
            </ActionForm>
        </section>
    }
}

/// How a date looks in `format` (the last day of 2026).
fn date_example(format: DateFormat) -> &'static str {
    match format {
        DateFormat::Iso => "2026-12-31",
        DateFormat::DayMonthYearDots => "31.12.2026",
        DateFormat::DayMonthYearSlashes => "31/12/2026",
        DateFormat::MonthDayYearSlashes => "12/31/2026",
        DateFormat::YearMonthDaySlashes => "2026/12/31",
    }
}

/// What the server is doing with the import, or what it did.
#[component]
fn StatusSection(import: ImportView, actions: Actions) -> impl IntoView {
    match import.status {
        ImportStatus::Uploaded => ().into_any(),
        ImportStatus::Checking => view! { <CheckProgress import/> }.into_any(),
        ImportStatus::Checked => view! { <Report import actions/> }.into_any(),
        ImportStatus::Queued | ImportStatus::Running => view! { <RunProgress import cancel=actions.cancel/> }.into_any(),
        ImportStatus::Done | ImportStatus::Cancelled | ImportStatus::Failed => view! { <Outcome import undo=actions.undo/> }.into_any(),
        ImportStatus::Undoing => view! { <UndoProgress import/> }.into_any(),
        ImportStatus::Undone => view! { <Undone import/> }.into_any(),
    }
}

/// The page follows by itself; without JavaScript, the link loads it again.
#[component]
fn Following() -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="hint">{t!(i18n, imports.follows)} " " <a href="">{t!(i18n, imports.refresh)}</a></p> }
}

/// A progress bar named `label` with its text beside it.
#[component]
fn Progress(label: &'static str, done: i64, total: i64, text: String) -> impl IntoView {
    let total = total.max(1);
    let done = done.clamp(0, total);
    view! {
        <progress class="import-progress" aria-label=label max=total value=done>{text.clone()}</progress>
        <p class="import-progress-text">{text}</p>
    }
}

#[component]
fn CheckProgress(import: ImportView) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let text = t_string!(
        i18n,
        imports.checking.progress,
        done = format_number(import.rows_done, locale),
        total = format_number(import.total_rows, locale)
    )
    .to_string();
    view! {
        <section class="panel import-run" aria-labelledby="import-checking">
            <h2 id="import-checking">{t!(i18n, imports.checking.heading)}</h2>
            <Progress label=t_string!(i18n, imports.checking.progress_label) done=import.rows_done total=import.total_rows text/>
            <Following/>
        </section>
    }
}

/// The counts of a check (`will`: what would happen) or of a run (what happened).
fn count_lines(i18n: I18nContext<Locale>, counts: Counts, will: bool) -> [String; 6] {
    let locale = i18n.get_locale_untracked();
    let n = |value: i64| format_number(value, locale);
    if will {
        [
            t_string!(i18n, imports.report.created, n = n(counts.created)).to_string(),
            t_string!(i18n, imports.report.updated, n = n(counts.updated)).to_string(),
            t_string!(i18n, imports.report.unchanged, n = n(counts.unchanged)).to_string(),
            t_string!(i18n, imports.report.not_found, n = n(counts.not_found)).to_string(),
            t_string!(i18n, imports.report.suppressed, n = n(counts.suppressed)).to_string(),
            t_string!(i18n, imports.report.invalid, n = n(counts.invalid)).to_string(),
        ]
    } else {
        [
            t_string!(i18n, imports.result.created, n = n(counts.created)).to_string(),
            t_string!(i18n, imports.result.updated, n = n(counts.updated)).to_string(),
            t_string!(i18n, imports.result.unchanged, n = n(counts.unchanged)).to_string(),
            t_string!(i18n, imports.result.not_found, n = n(counts.not_found)).to_string(),
            t_string!(i18n, imports.result.suppressed, n = n(counts.suppressed)).to_string(),
            t_string!(i18n, imports.result.invalid, n = n(counts.invalid)).to_string(),
        ]
    }
}

#[component]
fn CountList(lines: [String; 6]) -> impl IntoView {
    view! { <ul class="import-counts">{lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul> }
}

/// The first bad rows and the link to all of them.
#[component]
fn Problems(import: ImportView) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let slug = use_slug();
    let shown = i64::try_from(import.problems.len()).unwrap_or(i64::MAX);
    let invalid = import.counts.invalid;
    if shown == 0 && invalid == 0 {
        return ().into_any();
    }
    let table = (shown > 0).then(|| {
        view! {
            <div class="table-scroll">
                <table class="records import-problems" aria-labelledby="import-problems">
                    <thead>
                        <tr>
                            <th scope="col" class="number">{t!(i18n, imports.problems.row)}</th>
                            <th scope="col">{t!(i18n, imports.problems.problem)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {import.problems.into_iter().map(|problem| view! {
                            <tr>
                                <td class="number">{format_number(problem.row, locale)}</td>
                                <td>{problem.message}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
    });
    let first_only = (invalid > shown && shown > 0).then(|| {
        let text = t_string!(i18n, imports.problems.first_only, shown = format_number(shown, locale), total = format_number(invalid, locale)).to_string();
        view! { <p class="hint">{text}</p> }
    });
    let download = (invalid > 0).then(|| {
        view! {
            <p>
                <a href=format!("/w/{}/imports/{}/problems.csv", slug(), import.id) download rel="external">
                    {t!(i18n, imports.problems.download)}
                </a>
            </p>
        }
    });
    view! {
        <h3 id="import-problems">{t!(i18n, imports.problems.heading)}</h3>
        {table}
        {first_only}
        {download}
    }
    .into_any()
}

/// The check's report, and the choice to import the good rows or nothing.
#[component]
fn Report(import: ImportView, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let counts = import.counts;
    let writes = counts.created + counts.updated;
    let start_error: FormError = Signal::derive(move || actions.start.value().get().and_then(Result::err));
    let cancel_error: FormError = Signal::derive(move || actions.cancel.value().get().and_then(Result::err));
    let start_label = t_string!(i18n, imports.report.start, n = format_number(writes, locale)).to_string();
    let skips = (counts.invalid > 0).then(|| {
        let text = t_string!(i18n, imports.report.skips_bad, n = format_number(counts.invalid, locale)).to_string();
        view! { <p class="hint">{text}</p> }
    });
    let (start_id, cancel_id) = (import.id.clone(), import.id.clone());
    view! {
        <section class="panel import-report" aria-labelledby="import-report">
            <h2 id="import-report">{t!(i18n, imports.report.heading)}</h2>
            <CountList lines=count_lines(i18n, counts, true)/>
            <Problems import/>
            {(writes == 0).then(|| view! { <p class="notice">{t!(i18n, imports.report.nothing)}</p> })}
            {skips}
            <div class="import-actions">
                <ActionForm action=actions.start attr:class="inline-form">
                    <ImportIds id=start_id/>
                    <button class="button primary" type="submit" disabled=move || writes == 0 || actions.start.pending().get()>{start_label}</button>
                </ActionForm>
                <ActionForm action=actions.cancel attr:class="inline-form">
                    <ImportIds id=cancel_id/>
                    <button class="button secondary" type="submit" disabled=move || actions.cancel.pending().get()>{t!(i18n, imports.report.stop)}</button>
                </ActionForm>
            </div>
            <FormAlert error=start_error/>
            <FormAlert error=cancel_error/>
        </section>
    }
}

/// "12 s", "3 min 5 s", "1 h 20 min".
fn duration_text(i18n: I18nContext<Locale>, seconds: i64) -> String {
    let (h, m, s) = (seconds / 3600, seconds % 3600 / 60, seconds % 60);
    if h > 0 {
        t_string!(i18n, imports.run.hours, h = h, m = m).to_string()
    } else if m > 0 {
        t_string!(i18n, imports.run.minutes, m = m, s = s).to_string()
    } else {
        t_string!(i18n, imports.run.seconds, s = s).to_string()
    }
}

/// Rows per second: one decimal below ten ("2.5", "2,5" in German), whole numbers above.
fn rate_text(rate: f64, locale: Locale) -> String {
    if rate < 10.0 {
        format!("{rate:.1}").replace('.', decimal_mark(locale))
    } else {
        format_number(rate.round() as i64, locale)
    }
}

/// The run: its progress, speed and time left, and the way to stop it.
#[component]
fn RunProgress(import: ImportView, cancel: ServerAction<CancelImport>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let error: FormError = Signal::derive(move || cancel.value().get().and_then(Result::err));
    let mut text =
        t_string!(i18n, imports.run.progress, done = format_number(import.rows_done, locale), total = format_number(import.total_rows, locale)).to_string();
    if let Some(rate) = import.rate() {
        text.push_str(" · ");
        text.push_str(&t_string!(i18n, imports.run.rate, rate = rate_text(rate, locale)).to_string());
    }
    if let Some(left) = import.seconds_left() {
        text.push_str(" · ");
        text.push_str(&t_string!(i18n, imports.run.time_left, time = duration_text(i18n, left)).to_string());
    }
    let heading = if import.status == ImportStatus::Queued { t_string!(i18n, imports.run.heading_queued) } else { t_string!(i18n, imports.run.heading_running) };
    view! {
        <section class="panel import-run" aria-labelledby="import-run">
            <h2 id="import-run">{heading}</h2>
            <Progress label=t_string!(i18n, imports.run.progress_label) done=import.rows_done total=import.total_rows text/>
            <Following/>
            <ActionForm action=cancel attr:class="stack">
                <ImportIds id=import.id/>
                <p class="hint">{t!(i18n, imports.run.cancel_hint)}</p>
                <button class="button secondary" type="submit" disabled=move || cancel.pending().get()>{t!(i18n, imports.run.cancel)}</button>
            </ActionForm>
            <FormAlert error/>
        </section>
    }
}

/// The link to the list of the kind of record imported ("Open contacts").
#[component]
fn OpenList(import: ImportView) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let slug = use_slug();
    let what = in_sentence(kind_plural(locale, import.kind), locale);
    let label = t_string!(i18n, imports.result.open_list, what = what).to_string();
    view! { <p><a class="button secondary" href=format!("/w/{}/{}", slug(), import.kind.path())>{label}</a></p> }
}

/// A finished, cancelled or failed import: what it did, and the undo while it is possible.
#[component]
fn Outcome(import: ImportView, undo: ServerAction<UndoImport>) -> impl IntoView {
    let i18n = use_i18n();
    let error: FormError = Signal::derive(move || undo.value().get().and_then(Result::err));
    let heading = match import.status {
        ImportStatus::Done => t_string!(i18n, imports.result.heading_done),
        ImportStatus::Cancelled => t_string!(i18n, imports.result.heading_cancelled),
        _ => t_string!(i18n, imports.result.heading_failed),
    };
    // Cancelled before the run started: the counts are the check's, and nothing was written.
    let summary = if import.started_at.is_some() {
        view! { <CountList lines=count_lines(i18n, import.counts, false)/> }.into_any()
    } else {
        view! { <p>{t!(i18n, imports.result.nothing_imported)}</p> }.into_any()
    };
    let undo_form = import.can_undo().then(|| {
        let id = import.id.clone();
        view! {
            <div class="import-undo">
                <h3>{t!(i18n, imports.result.undo_heading)}</h3>
                <p>{t!(i18n, imports.result.undo_text)}</p>
                <ActionForm action=undo attr:class="inline-form">
                    <ImportIds id/>
                    <button class="button secondary" type="submit" disabled=move || undo.pending().get()>{t!(i18n, imports.result.undo)}</button>
                </ActionForm>
                <FormAlert error/>
            </div>
        }
    });
    view! {
        <section class="panel import-result" aria-labelledby="import-result">
            <h2 id="import-result">{heading}</h2>
            {import.error.clone().map(|message| view! { <p class="form-error" role="alert">{message}</p> })}
            {summary}
            <Problems import=import.clone()/>
            <OpenList import=import.clone()/>
            {undo_form}
        </section>
    }
}

#[component]
fn UndoProgress(import: ImportView) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let counts = import.counts;
    let (done, total) = (counts.undone + counts.kept, counts.created + counts.updated);
    let text = t_string!(i18n, imports.undo.progress, done = format_number(done, locale), total = format_number(total, locale)).to_string();
    view! {
        <section class="panel import-run" aria-labelledby="import-undoing">
            <h2 id="import-undoing">{t!(i18n, imports.undo.heading)}</h2>
            <Progress label=t_string!(i18n, imports.undo.progress_label) done total text/>
            <Following/>
        </section>
    }
}

#[component]
fn Undone(import: ImportView) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let text = t_string!(
        i18n,
        imports.undo.undone,
        undone = format_number(import.counts.undone, locale),
        kept = format_number(import.counts.kept, locale)
    )
    .to_string();
    view! {
        <section class="panel import-result" aria-labelledby="import-undone">
            <h2 id="import-undone">{t!(i18n, imports.undo.heading_undone)}</h2>
            <p role="status">{text}</p>
            <OpenList import/>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_read_with_the_languages_decimal_mark() {
        assert_eq!(rate_text(2.46, Locale::en), "2.5");
        assert_eq!(rate_text(2.46, Locale::de), "2,5");
        assert_eq!(rate_text(1234.4, Locale::de), "1.234");
    }

    #[test]
    fn every_date_format_has_an_example_it_reads() {
        for format in DateFormat::ALL {
            assert_eq!(format.to_iso(date_example(format)).as_deref(), Some("2026-12-31"), "{}", format.pattern());
        }
    }
}
