//! CSV imports: the upload form with the workspace's recent imports (`ImportsPage`), and the
//! wizard that maps one file's columns, checks its rows, runs, follows and undoes it
//! (`ImportPage`). The file itself goes to the plain route `POST /w/{slug}/imports` (a file does
//! not fit a server function's form); see `api::imports`.

mod wizard;

pub use wizard::ImportPage;

use crate::api::imports::{list_imports, ImportStatus, ImportSummary};
use crate::domain::imports::KINDS;
use crate::domain::records::RecordKind;
use crate::i18n_setup::{format_number, t, t_string, td_string, use_i18n, Locale};
use crate::pages::records::{can_write, format_time, kind_plural, use_slug, ErrorNotice};
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The link to the upload form, preset to `kind`, for the header of a list page (only shown to
/// people who can write; the caller checks).
#[component]
pub fn ImportLink(slug: String, kind: RecordKind) -> impl IntoView {
    let i18n = use_i18n();
    view! { <a class="button secondary" href=format!("/w/{slug}/imports?kind={}", kind.as_str())>{t!(i18n, imports.import_csv)}</a> }
}

#[component]
pub fn ImportsPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = use_slug();
    let writer = can_write();
    view! {
        <Title text=t_string!(i18n, imports.title)/>
        <header class="page-header">
            <h1>{t!(i18n, imports.title)}</h1>
        </header>
        {if writer {
            view! {
                <UploadForm/>
                <RecentImports slug/>
            }
            .into_any()
        } else {
            view! { <p class="notice">{t!(i18n, imports.upload.writers_only)}</p> }.into_any()
        }}
    }
}

/// The upload form: a plain multipart form (JavaScript adds nothing here). A refused file comes
/// back as `?kind=…&error=…`, shown next to the file field.
#[component]
fn UploadForm() -> impl IntoView {
    let i18n = use_i18n();
    let slug = use_slug();
    let query = use_query_map();
    let form = move || {
        let chosen = query.read().get("kind").and_then(|raw| RecordKind::parse(&raw)).filter(|kind| KINDS.contains(kind)).unwrap_or(RecordKind::Contact);
        let problem = query.read().get("error").and_then(|code| upload_error(i18n, &code));
        let locale = i18n.get_locale();
        let described_by = if problem.is_some() { "import-file-hint import-file-error" } else { "import-file-hint" };
        view! {
            <form
                method="post"
                enctype="multipart/form-data"
                action=format!("/w/{}/imports", slug())
                class="stack import-upload"
                aria-label=t_string!(i18n, imports.upload.heading)
            >
                <div class="field">
                    <label for="import-kind">{t!(i18n, imports.upload.kind)}</label>
                    <select id="import-kind" name="kind">
                        {KINDS.iter().map(|kind| view! {
                            <option value=kind.as_str() selected=*kind == chosen>{kind_plural(locale, *kind)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="import-file">{t!(i18n, imports.upload.file)}</label>
                    <input
                        id="import-file"
                        type="file"
                        name="file"
                        accept=".csv,text/csv"
                        required=true
                        aria-invalid=problem.is_some().then_some("true")
                        aria-describedby=described_by
                    />
                    <p class="hint" id="import-file-hint">{t!(i18n, imports.upload.file_hint)}</p>
                    {problem.map(|text| view! { <p class="field-error" id="import-file-error" role="alert">{text}</p> })}
                </div>
                <button class="button primary" type="submit">{t!(i18n, imports.upload.submit)}</button>
            </form>
        }
    };
    view! {
        <section class="panel" aria-labelledby="import-upload">
            <h2 id="import-upload">{t!(i18n, imports.upload.heading)}</h2>
            <p>{t!(i18n, imports.upload.intro)}</p>
            {form}
        </section>
    }
}

/// Why the upload route refused a file, from its `error` code.
fn upload_error(i18n: I18nContext<Locale>, code: &str) -> Option<&'static str> {
    Some(match code {
        "missing" => t_string!(i18n, imports.upload.errors.missing),
        "size" => t_string!(i18n, imports.upload.errors.size),
        "encoding" => t_string!(i18n, imports.upload.errors.encoding),
        "empty" => t_string!(i18n, imports.upload.errors.empty),
        "unreadable" => t_string!(i18n, imports.upload.errors.unreadable),
        _ => return None,
    })
}

/// The imports the person may see (their own; all of them for owners and admins), newest first.
#[component]
fn RecentImports(slug: impl Fn() -> String + Copy + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let imports = Resource::new(slug, list_imports);
    view! {
        <section class="panel" aria-labelledby="recent-imports">
            <h2 id="recent-imports">{t!(i18n, imports.recent.heading)}</h2>
            <Suspense fallback=move || view! { <p class="muted">{t!(i18n, imports.loading)}</p> }>
                {move || Suspend::new(async move {
                    match imports.await {
                        Ok(list) if list.is_empty() => view! { <p class="muted">{t!(i18n, imports.recent.none)}</p> }.into_any(),
                        Ok(list) => view! { <ImportTable slug=slug() list/> }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn ImportTable(slug: String, list: Vec<ImportSummary>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    view! {
        <div class="table-scroll">
            <table class="records imports-list">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, imports.recent.file)}</th>
                        <th scope="col">{t!(i18n, imports.recent.kind)}</th>
                        <th scope="col">{t!(i18n, imports.recent.status)}</th>
                        <th scope="col" class="number">{t!(i18n, imports.recent.rows)}</th>
                        <th scope="col">{t!(i18n, imports.recent.uploaded)}</th>
                    </tr>
                </thead>
                <tbody>
                    {list.into_iter().map(|import| view! {
                        <tr>
                            <td><a href=format!("/w/{slug}/imports/{}", import.id)>{import.file_name}</a></td>
                            <td>{kind_plural(locale, import.kind)}</td>
                            <td><span class="badge">{status_label(i18n, import.status)}</span></td>
                            <td class="number">{format_number(import.total_rows, locale)}</td>
                            <td>{format_time(import.created_at)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// An import's status as the pages name it.
fn status_label(i18n: I18nContext<Locale>, status: ImportStatus) -> &'static str {
    match status {
        ImportStatus::Uploaded => t_string!(i18n, imports.statuses.uploaded),
        ImportStatus::Checking => t_string!(i18n, imports.statuses.checking),
        ImportStatus::Checked => t_string!(i18n, imports.statuses.checked),
        ImportStatus::Queued => t_string!(i18n, imports.statuses.queued),
        ImportStatus::Running => t_string!(i18n, imports.statuses.running),
        ImportStatus::Done => t_string!(i18n, imports.statuses.done),
        ImportStatus::Cancelled => t_string!(i18n, imports.statuses.cancelled),
        ImportStatus::Failed => t_string!(i18n, imports.statuses.failed),
        ImportStatus::Undoing => t_string!(i18n, imports.statuses.undoing),
        ImportStatus::Undone => t_string!(i18n, imports.statuses.undone),
    }
}

/// A field a column can fill (or a key rows are matched on), as the wizard names it.
fn target_label(locale: Locale, key: &str) -> &'static str {
    match key {
        "first_name" => td_string!(locale, imports.fields.first_name),
        "last_name" => td_string!(locale, imports.fields.last_name),
        "full_name" => td_string!(locale, imports.fields.full_name),
        "email" => td_string!(locale, imports.fields.email),
        "phone" => td_string!(locale, imports.fields.phone),
        "mobile" => td_string!(locale, imports.fields.mobile),
        "job_title" => td_string!(locale, imports.fields.job_title),
        "company" => td_string!(locale, imports.fields.company),
        "status" => td_string!(locale, imports.fields.status),
        "linkedin_url" => td_string!(locale, imports.fields.linkedin_url),
        "external_id" => td_string!(locale, imports.fields.external_id),
        "name" => td_string!(locale, imports.fields.name),
        "domain" => td_string!(locale, imports.fields.domain),
        "industry" => td_string!(locale, imports.fields.industry),
        "size" => td_string!(locale, imports.fields.size),
        "street" => td_string!(locale, imports.fields.street),
        "city" => td_string!(locale, imports.fields.city),
        "region" => td_string!(locale, imports.fields.region),
        "postal_code" => td_string!(locale, imports.fields.postal_code),
        "country" => td_string!(locale, imports.fields.country),
        "company_name" => td_string!(locale, imports.fields.company_name),
        "source" => td_string!(locale, imports.fields.source),
        "amount" => td_string!(locale, imports.fields.amount),
        "currency" => td_string!(locale, imports.fields.currency),
        "stage" => td_string!(locale, imports.fields.stage),
        "expected_close" => td_string!(locale, imports.fields.expected_close),
        _ => td_string!(locale, imports.fields.unknown),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::imports::{targets, MatchKey};

    /// Every field of every kind has its own label (a new target needs a translation).
    #[test]
    fn every_target_and_match_key_is_labelled() {
        for locale in [Locale::en, Locale::de] {
            let unknown = target_label(locale, "no such field");
            for kind in KINDS {
                for target in targets(kind) {
                    assert_ne!(target_label(locale, target.key), unknown, "{}", target.key);
                }
                for key in MatchKey::for_kind(kind) {
                    assert_ne!(target_label(locale, key.as_str()), unknown, "{}", key.as_str());
                }
            }
        }
    }
}
