//! Settings → Privacy → Download my data, and (for owners and admins) the export of the whole
//! workspace. Asking starts a background job; the section shows its progress (it follows it by
//! itself in the browser, and a "Refresh" link works without JavaScript), then the download link
//! until it expires, or why it failed. The person is also mailed the link.

use crate::api::exports::{my_exports, workspace_exports, ExportStatus, ExportView, ExportsOverview, RequestMyData, RequestWorkspaceExport, VALID_DAYS};
use crate::api::workspaces::WorkspaceShell;
use crate::components::field::FormAlert;
use crate::error::AppError;
use crate::i18n_setup::{decimal_mark, t, t_string, use_i18n, Locale};
use crate::pages::records::{format_time, use_slug, ErrorNotice};
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use std::time::Duration;

/// How often the page asks again while an export is waiting or being built.
const FOLLOW_EVERY: Duration = Duration::from_millis(1500);

/// The download section, and the workspace export for the workspace's owners and admins.
#[component]
pub fn DataDownloadsSection() -> impl IntoView {
    let admin = use_context::<WorkspaceShell>().is_some_and(|shell| shell.workspace.role.is_admin());
    view! {
        <MyDataDownload/>
        {admin.then(|| view! { <WorkspaceExport/> })}
    }
}

/// What a section shows and how it follows it: the answer of the latest request, at once (it was
/// read before the worker started, so the new export always appears, waiting), until the next
/// load; then the latest load. In the browser, it loads again `FOLLOW_EVERY` after showing an
/// export that is waiting or being built.
#[derive(Clone, Copy)]
struct Following {
    loaded: Resource<Result<ExportsOverview, AppError>>,
    tick: RwSignal<u32>,
    /// The request answers already replaced by a load.
    seen: RwSignal<usize>,
    answers: Signal<usize>,
    answer: Signal<Option<ExportsOverview>>,
}

impl Following {
    fn new<A, Load>(request: ServerAction<A>, load: impl Fn() -> Load + Copy + Send + Sync + 'static) -> Self
    where
        A: leptos::server_fn::ServerFn<Output = ExportsOverview, Error = AppError> + Clone + Send + Sync + 'static,
        Load: std::future::Future<Output = Result<ExportsOverview, AppError>> + Send + 'static,
    {
        let tick = RwSignal::new(0_u32);
        let following = Following {
            loaded: Resource::new(move || tick.get(), move |_| load()),
            tick,
            seen: RwSignal::new(0),
            answers: Signal::derive(move || request.version().get()),
            answer: Signal::derive(move || request.value().get().and_then(Result::ok)),
        };
        Effect::new(move |_| {
            let active = match following.fresh_answer() {
                Some(answer) => answer.has_active(),
                None => following.loaded.get().and_then(Result::ok).is_some_and(|o| o.has_active()),
            };
            if active {
                set_timeout(move || following.load_again(), FOLLOW_EVERY);
            }
        });
        following
    }

    /// The latest request's answer, while no load has replaced it.
    fn fresh_answer(&self) -> Option<ExportsOverview> {
        (self.answers.get() > self.seen.get()).then(|| self.answer.get()).flatten()
    }

    fn load_again(&self) {
        if let Some(answers) = self.answers.try_get_untracked() {
            self.seen.try_set(answers);
            self.tick.try_update(|n| *n = n.wrapping_add(1));
        }
    }

    /// What to show now.
    async fn current(self, fresh: Option<ExportsOverview>) -> Result<ExportsOverview, AppError> {
        match fresh {
            Some(answer) => Ok(answer),
            None => self.loaded.await,
        }
    }
}

#[component]
fn MyDataDownload() -> impl IntoView {
    let request = ServerAction::<RequestMyData>::new();
    let following = Following::new(request, my_exports);
    let error = Signal::derive(move || request.value().get().and_then(Result::err));
    let i18n = use_i18n();
    view! {
        <section class="panel data-download" aria-labelledby="download-my-data">
            <h2 id="download-my-data">{t!(i18n, privacy.download.heading)}</h2>
            <p>{t!(i18n, privacy.download.text)}</p>
            <p class="hint">{t_string!(i18n, privacy.download.hint, days = VALID_DAYS)}</p>
            <Transition fallback=move || view! { <p class="muted">{t!(i18n, privacy.loading)}</p> }>
                {move || {
                    let fresh = following.fresh_answer();
                    Suspend::new(async move { match following.current(fresh).await {
                        Ok(overview) => view! {
                            <ExportList overview=overview.clone() what=t_string!(i18n, privacy.download.your_data)/>
                            <ActionForm action=request attr:class="stack" attr:aria-label=t_string!(i18n, privacy.download.heading)>
                                <NextRequest overview=overview.clone()/>
                                <FormAlert error/>
                                <button class="button primary" type="submit" disabled=move || request.pending().get() || blocked(&overview)>
                                    {t!(i18n, privacy.download.prepare)}
                                </button>
                            </ActionForm>
                        }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }})
                }}
            </Transition>
        </section>
    }
}

#[component]
fn WorkspaceExport() -> impl IntoView {
    let slug = use_slug();
    let request = ServerAction::<RequestWorkspaceExport>::new();
    let following = Following::new(request, move || workspace_exports(slug()));
    let error = Signal::derive(move || request.value().get().and_then(Result::err));
    let i18n = use_i18n();
    view! {
        <section class="panel data-download" aria-labelledby="export-workspace">
            <h2 id="export-workspace">{t!(i18n, privacy.download.workspace_heading)}</h2>
            <p>{t!(i18n, privacy.download.workspace_text)}</p>
            <Transition fallback=move || view! { <p class="muted">{t!(i18n, privacy.loading)}</p> }>
                {move || {
                    let fresh = following.fresh_answer();
                    Suspend::new(async move { match following.current(fresh).await {
                        Ok(overview) => view! {
                            <ExportList overview=overview.clone() what=t_string!(i18n, privacy.download.this_workspace)/>
                            <ActionForm action=request attr:class="stack" attr:aria-label=t_string!(i18n, privacy.download.workspace_heading)>
                                <input type="hidden" name="slug" value=slug()/>
                                <NextRequest overview=overview.clone()/>
                                <FormAlert error/>
                                <button class="button secondary" type="submit" disabled=move || request.pending().get() || blocked(&overview)>
                                    {t!(i18n, privacy.download.workspace_heading)}
                                </button>
                            </ActionForm>
                        }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }})
                }}
            </Transition>
        </section>
    }
}

/// Whether another request would be refused now (one is under way, or one was made today).
fn blocked(overview: &ExportsOverview) -> bool {
    overview.has_active() || overview.next_request_at.is_some()
}

/// When the next request is possible, if not now.
#[component]
fn NextRequest(overview: ExportsOverview) -> impl IntoView {
    let i18n = use_i18n();
    overview.next_request_at.filter(|_| !overview.has_active()).map(|at| view! {
        <p class="muted">{t_string!(i18n, privacy.download.next_request, time = format_time(at))}</p>
    })
}

/// The recent exports: progress while they are built, the link while they are ready.
#[component]
fn ExportList(overview: ExportsOverview, what: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    if overview.exports.is_empty() {
        return view! { <p class="muted">{t_string!(i18n, privacy.download.none_yet, what = what)}</p> }.into_any();
    }
    let active = overview.has_active();
    view! {
        <ul class="export-list" aria-label=t_string!(i18n, privacy.download.archives_of, what = what).to_string()>
            {overview.exports.into_iter().map(|export| view! { <ExportItem export/> }).collect_view()}
        </ul>
        {active.then(|| view! { <p class="hint">{t!(i18n, privacy.download.follows)} <a href="">{t!(i18n, privacy.download.refresh)}</a></p> })}
    }
    .into_any()
}

#[component]
fn ExportItem(export: ExportView) -> impl IntoView {
    let i18n = use_i18n();
    let asked = t_string!(i18n, privacy.download.asked_on, time = format_time(export.created_at)).to_string();
    let body = match export.status {
        ExportStatus::Queued => view! {
            <progress class="export-progress" aria-label=t_string!(i18n, privacy.download.preparing)></progress>
            <p class="muted">{t!(i18n, privacy.download.waiting)}</p>
        }
        .into_any(),
        ExportStatus::Running => {
            let total = export.parts_total.max(1);
            let done = export.parts_done.clamp(0, total);
            view! {
                <progress class="export-progress" aria-label=t_string!(i18n, privacy.download.preparing) max=total value=done>
                    {t_string!(i18n, privacy.download.parts, done = done, total = total)}
                </progress>
                <p class="muted">{t_string!(i18n, privacy.download.progress, done = done, total = total, rows = export.rows_done)}</p>
            }
            .into_any()
        }
        ExportStatus::Ready => {
            let url = export.download_url.clone().unwrap_or_default();
            let size = export.size_bytes.map(|bytes| size_label(bytes, i18n.get_locale_untracked())).unwrap_or_default();
            let until = export.expires_at.map(format_time).unwrap_or_default();
            view! {
                <p class="notice" role="status">{t!(i18n, privacy.download.ready)}</p>
                <p>
                    <a class="button primary" href=url download>{t!(i18n, privacy.download.download)}</a>
                    " " <span class="muted">{size} {t!(i18n, privacy.download.until)} {until}</span>
                </p>
            }
            .into_any()
        }
        ExportStatus::Failed => {
            let message = export.error.clone().unwrap_or_else(|| t_string!(i18n, privacy.download.failed).into());
            view! { <p class="form-error" role="alert">{message}</p> }.into_any()
        }
        ExportStatus::Expired => view! { <p class="muted">{t!(i18n, privacy.download.expired)}</p> }.into_any(),
    };
    view! {
        <li class="export-item">
            <p><strong>{status_label(i18n, export.status)}</strong> " · " <span class="muted">{asked}</span></p>
            {body}
        </li>
    }
}

/// A short notice in the workspace shell while an archive of the person's data is ready and has
/// not been downloaded yet (`WorkspaceShell::export_ready`, read with the shell).
#[component]
pub fn ExportReadyNotice(slug: String, ready: bool) -> impl IntoView {
    let i18n = use_i18n();
    ready.then(|| view! {
        <p class="notice export-ready-notice" role="status">
            {t!(i18n, privacy.download.ready_notice)} <a href=format!("/w/{slug}/privacy#download-my-data")>{t!(i18n, privacy.download.download_it)}</a>
        </p>
    })
}

/// An export's status as the page names it.
fn status_label(i18n: I18nContext<Locale>, status: ExportStatus) -> &'static str {
    match status {
        ExportStatus::Queued => t_string!(i18n, privacy.download.status.queued),
        ExportStatus::Running => t_string!(i18n, privacy.download.status.running),
        ExportStatus::Ready => t_string!(i18n, privacy.download.status.ready),
        ExportStatus::Failed => t_string!(i18n, privacy.download.status.failed),
        ExportStatus::Expired => t_string!(i18n, privacy.download.status.expired),
    }
}

/// "12 KB", "3.4 MB" ("3,4 MB" in German).
fn size_label(bytes: i64, locale: Locale) -> String {
    let kb = bytes as f64 / 1024.0;
    if kb < 1024.0 { format!("{} KB", kb.ceil() as i64) } else { format!("{:.1} MB", kb / 1024.0).replace('.', decimal_mark(locale)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_in_kilobytes_then_megabytes() {
        assert_eq!(size_label(100, Locale::en), "1 KB");
        assert_eq!(size_label(10 * 1024, Locale::en), "10 KB");
        assert_eq!(size_label(3 * 1024 * 1024 + 400 * 1024, Locale::en), "3.4 MB");
        assert_eq!(size_label(3 * 1024 * 1024 + 400 * 1024, Locale::de), "3,4 MB");
    }
}
