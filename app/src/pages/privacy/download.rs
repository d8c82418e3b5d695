//! Settings → Privacy → Download my data, and (for owners and admins) the export of the whole
//! workspace. Asking starts a background job; the section shows its progress (it follows it by
//! itself in the browser, and a "Refresh" link works without JavaScript), then the download link
//! until it expires, or why it failed. The person is also mailed the link.

use crate::api::exports::{my_exports, workspace_exports, ExportStatus, ExportView, ExportsOverview, RequestMyData, RequestWorkspaceExport, VALID_DAYS};
use crate::api::workspaces::WorkspaceShell;
use crate::components::field::FormAlert;
use crate::error::AppError;
use crate::pages::records::{format_time, use_slug, ErrorNotice};
use leptos::prelude::*;
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
    view! {
        <section class="panel data-download" aria-labelledby="download-my-data">
            <h2 id="download-my-data">"Download my data"</h2>
            <p>
                "Get a copy of the personal data NexaCRM keeps about you: your account, profile and preferences, consents, "
                "sessions and technical data, usage data, your messages to us, and the CRM records you created or own in each "
                "workspace. It comes as a ZIP file with JSON files (complete) and CSV files (for spreadsheets), and a README "
                "explaining each."
            </p>
            <p class="hint">
                "Preparing it takes a moment; you can leave this page, we email you when it is ready. "
                "The download works only for you and for " {VALID_DAYS} " days. One request a day."
            </p>
            <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || {
                    let fresh = following.fresh_answer();
                    Suspend::new(async move { match following.current(fresh).await {
                        Ok(overview) => view! {
                            <ExportList overview=overview.clone() what="your data"/>
                            <ActionForm action=request attr:class="stack" attr:aria-label="Download my data">
                                <NextRequest overview=overview.clone()/>
                                <FormAlert error/>
                                <button class="button primary" type="submit" disabled=move || request.pending().get() || blocked(&overview)>
                                    "Prepare my data"
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
    view! {
        <section class="panel data-download" aria-labelledby="export-workspace">
            <h2 id="export-workspace">"Export this workspace"</h2>
            <p>
                "As an owner or admin you can export every record of this workspace — companies, contacts with their emails "
                "and phones, leads, deals, tickets, activities, notes, email drafts and templates, including the trash — with "
                "its stages, tags, members and roles, and the audit log. Same format: JSON and CSV in a ZIP file, with no limit "
                "on the number of records."
            </p>
            <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || {
                    let fresh = following.fresh_answer();
                    Suspend::new(async move { match following.current(fresh).await {
                        Ok(overview) => view! {
                            <ExportList overview=overview.clone() what="this workspace"/>
                            <ActionForm action=request attr:class="stack" attr:aria-label="Export this workspace">
                                <input type="hidden" name="slug" value=slug()/>
                                <NextRequest overview=overview.clone()/>
                                <FormAlert error/>
                                <button class="button secondary" type="submit" disabled=move || request.pending().get() || blocked(&overview)>
                                    "Export this workspace"
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
    overview.next_request_at.filter(|_| !overview.has_active()).map(|at| view! {
        <p class="muted">"You can ask once a day. Your next request is possible after " {format_time(at)} "."</p>
    })
}

/// The recent exports: progress while they are built, the link while they are ready.
#[component]
fn ExportList(overview: ExportsOverview, what: &'static str) -> impl IntoView {
    if overview.exports.is_empty() {
        return view! { <p class="muted">"You have not asked for an archive of " {what} " yet."</p> }.into_any();
    }
    let active = overview.has_active();
    view! {
        <ul class="export-list" aria-label=format!("Archives of {what}")>
            {overview.exports.into_iter().map(|export| view! { <ExportItem export/> }).collect_view()}
        </ul>
        {active.then(|| view! { <p class="hint">"This page follows the progress by itself. " <a href="">"Refresh"</a></p> })}
    }
    .into_any()
}

#[component]
fn ExportItem(export: ExportView) -> impl IntoView {
    let asked = format!("Asked for on {}", format_time(export.created_at));
    let body = match export.status {
        ExportStatus::Queued => view! {
            <progress class="export-progress" aria-label="Preparing the archive"></progress>
            <p class="muted">"Waiting to start…"</p>
        }
        .into_any(),
        ExportStatus::Running => {
            let total = export.parts_total.max(1);
            let done = export.parts_done.clamp(0, total);
            view! {
                <progress class="export-progress" aria-label="Preparing the archive" max=total value=done>{format!("{done} of {total}")}</progress>
                <p class="muted">{format!("{done} of {total} kinds of records, {} records so far", export.rows_done)}</p>
            }
            .into_any()
        }
        ExportStatus::Ready => {
            let url = export.download_url.clone().unwrap_or_default();
            let size = export.size_bytes.map(size_label).unwrap_or_default();
            let until = export.expires_at.map(format_time).unwrap_or_default();
            view! {
                <p class="notice" role="status">"Your archive is ready."</p>
                <p>
                    <a class="button primary" href=url download>"Download the archive"</a>
                    " " <span class="muted">{size} " · until " {until}</span>
                </p>
            }
            .into_any()
        }
        ExportStatus::Failed => {
            let message = export.error.clone().unwrap_or_else(|| "The archive could not be built.".into());
            view! { <p class="form-error" role="alert">{message}</p> }.into_any()
        }
        ExportStatus::Expired => view! { <p class="muted">"The link expired and the archive was deleted."</p> }.into_any(),
    };
    view! {
        <li class="export-item">
            <p><strong>{export.status.label()}</strong> " · " <span class="muted">{asked}</span></p>
            {body}
        </li>
    }
}

/// A short notice in the workspace shell while an archive of the person's data is ready and has
/// not been downloaded yet (`WorkspaceShell::export_ready`, read with the shell).
#[component]
pub fn ExportReadyNotice(slug: String, ready: bool) -> impl IntoView {
    ready.then(|| view! {
        <p class="notice export-ready-notice" role="status">
            "Your data archive is ready. " <a href=format!("/w/{slug}/privacy#download-my-data")>"Download it"</a>
        </p>
    })
}

/// "12 KB", "3.4 MB".
fn size_label(bytes: i64) -> String {
    let kb = bytes as f64 / 1024.0;
    if kb < 1024.0 { format!("{} KB", kb.ceil() as i64) } else { format!("{:.1} MB", kb / 1024.0) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_in_kilobytes_then_megabytes() {
        assert_eq!(size_label(100), "1 KB");
        assert_eq!(size_label(10 * 1024), "10 KB");
        assert_eq!(size_label(3 * 1024 * 1024 + 400 * 1024), "3.4 MB");
    }
}
