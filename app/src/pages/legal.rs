//! The Privacy Policy and Terms of Service pages, rendered from `content`, and the cookie
//! settings page (what "Cookie settings" opens without JavaScript).

use crate::components::layout::PublicPage;
use crate::api::policy::policy_text;
use crate::components::consent_banner::ConsentUi;
use crate::content::{privacy_policy::POLICY, terms::TERMS, Block, Document, POLICY_HISTORY};
use crate::domain::policy::{long_date_in, PolicyStatus};
use crate::i18n_setup::{t, t_string, use_i18n};
use crate::pages::records::ErrorNotice;
use leptos::prelude::*;
use leptos_meta::Title;

/// The version in force: the shipped text, or the one an operator published; with links to the
/// earlier versions and to the next one when it is announced.
#[component]
pub fn PrivacyPage() -> impl IntoView {
    let i18n = use_i18n();
    let status = expect_context::<ConsentUi>().policy.get_value();
    view! {
        <Title text=t_string!(i18n, common.layout.privacy_policy)/>
        <PublicPage>
            <PolicyText version=status.current.clone()/>
            <VersionLinks status/>
        </PublicPage>
    }
}

/// One version of the policy, current or earlier, at `/privacy/versions/{version}`.
#[component]
pub fn PolicyVersionPage() -> impl IntoView {
    let params = leptos_router::hooks::use_params_map();
    let version = params.read_untracked().get("version").unwrap_or_default();
    let status = expect_context::<ConsentUi>().policy.get_value();
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let note = if version == status.current {
        t_string!(i18n, common.legal.in_force).to_owned()
    } else if status.upcoming.as_ref().is_some_and(|next| next.version == version) {
        t_string!(i18n, common.legal.takes_effect, date = long_date_in(&version, locale))
    } else {
        t_string!(i18n, common.legal.earlier, date = long_date_in(&status.current, locale))
    };
    view! {
        <Title text=t_string!(i18n, common.layout.privacy_policy)/>
        <PublicPage>
            <p class="notice" role="status">{note} " " <a href="/privacy">{t!(i18n, common.legal.read_in_force)}</a></p>
            <PolicyText version/>
            <VersionLinks status/>
        </PublicPage>
    }
}

/// The shipped version from `content`, or a published one's text from the server.
#[component]
fn PolicyText(version: String) -> impl IntoView {
    if POLICY_HISTORY.iter().any(|v| v.version == version) {
        return view! { <DocumentView document=&POLICY/> }.into_any();
    }
    let i18n = use_i18n();
    let updated = t_string!(i18n, common.legal.last_updated, date = long_date_in(&version, i18n.get_locale_untracked()));
    let text = Resource::new(move || version.clone(), policy_text);
    view! {
        <Suspense fallback=move || view! { <p class="muted">{t!(i18n, common.loading)}</p> }>
            {move || {
                let updated = updated.clone();
                Suspend::new(async move {
                match text.await {
                    Ok(Some(body)) => view! { <PublishedText body updated/> }.into_any(),
                    Ok(None) => view! { <DocumentView document=&POLICY/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}}
        </Suspense>
    }
    .into_any()
}

/// A published version's plain text: blank lines part paragraphs, lines starting with "- " or
/// "• " make a list, and the first line is the title.
#[component]
fn PublishedText(body: String, updated: String) -> impl IntoView {
    let body = body.replace("\r\n", "\n");
    let mut blocks = body.split("\n\n").map(str::trim).filter(|b| !b.is_empty()).map(str::to_owned).collect::<Vec<_>>().into_iter();
    let title = blocks.next().unwrap_or_default();
    view! {
        <article class="prose">
            <h1>{title}</h1>
            <p class="muted">{updated}</p>
            {blocks.map(|block| {
                let items: Vec<String> = block.lines().map(str::trim).map(str::to_owned).collect();
                if items.iter().all(|line| line.starts_with("- ") || line.starts_with("• ")) {
                    view! { <ul>{items.into_iter().map(|line| view! { <li>{line.trim_start_matches("- ").trim_start_matches("• ").to_owned()}</li> }).collect_view()}</ul> }.into_any()
                } else {
                    view! { <p>{block}</p> }.into_any()
                }
            }).collect_view()}
        </article>
    }
}

/// "Last updated", the next version when announced, and the earlier versions.
#[component]
fn VersionLinks(status: PolicyStatus) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let earlier: Vec<String> = status.earlier().map(|v| v.version.clone()).collect();
    view! {
        <section class="panel policy-versions" aria-labelledby="policy-versions">
            <h2 id="policy-versions">{t!(i18n, common.legal.versions)}</h2>
            {status.upcoming.map(|next| view! {
                <p>
                    {t_string!(i18n, common.legal.upcoming, date = long_date_in(&next.version, locale))}
                    <a href=format!("/privacy/versions/{}", next.version)>{t!(i18n, common.legal.read_it_now)}</a> "."
                </p>
            })}
            {if earlier.is_empty() {
                view! { <p class="muted">{t!(i18n, common.legal.no_earlier)}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {earlier.into_iter().map(|v| view! {
                            <li><a href=format!("/privacy/versions/{v}")>{t_string!(i18n, common.legal.version_of, date = long_date_in(&v, locale))}</a></li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
pub fn TermsPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, common.layout.terms)/>
        <PublicPage><DocumentView document=&TERMS/></PublicPage>
    }
}

/// Cookie settings: the categories explained, and the same choices as the banner, always open.
#[component]
pub fn CookiesPage() -> impl IntoView {
    use crate::components::consent_banner::CookieChoices;
    let ui = expect_context::<ConsentUi>();
    let i18n = use_i18n();
    let summary = move || match ui.saved.get() {
        None => t_string!(i18n, common.legal.cookies.no_choice).to_owned(),
        Some(saved) => {
            let say = |granted: bool| if granted { t_string!(i18n, common.legal.cookies.on) } else { t_string!(i18n, common.legal.cookies.off) };
            t_string!(i18n, common.legal.cookies.now, preferences = say(saved.granted.preferences), analytics = say(saved.granted.analytics))
        }
    };
    view! {
        <Title text=t_string!(i18n, common.legal.cookies.title)/>
        <PublicPage>
            <article class="prose">
                <h1>{t!(i18n, common.legal.cookies.title)}</h1>
                <p>{t!(i18n, common.legal.cookies.intro)}</p>
                <p role="status">{summary}</p>
                <CookieChoices open=true/>
                <p><a href="/privacy#section-8">{t!(i18n, common.legal.cookies.policy_link)}</a></p>
            </article>
        </PublicPage>
    }
}

#[component]
fn DocumentView(document: &'static Document) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <article class="prose">
            <h1>{document.title}</h1>
            <p class="muted">{t_string!(i18n, common.legal.last_updated, date = document.last_updated)}</p>
            <p>{document.intro}</p>
            <nav aria-label=t_string!(i18n, common.legal.sections)>
                <ol>
                    {document.sections.iter().map(|s| view! {
                        <li><a href=format!("#section-{}", s.number)>{s.title}</a></li>
                    }).collect_view()}
                </ol>
            </nav>
            {document.sections.iter().map(|section| view! {
                <section id=format!("section-{}", section.number) aria-labelledby=format!("heading-{}", section.number)>
                    <h2 id=format!("heading-{}", section.number)>{format!("{} {}", section.number, section.title)}</h2>
                    {section.blocks.iter().map(block_view).collect_view()}
                </section>
            }).collect_view()}
        </article>
    }
}

fn block_view(block: &'static Block) -> AnyView {
    match block {
        Block::Paragraph(text) => view! { <p>{*text}</p> }.into_any(),
        Block::Bullets(items) => view! {
            <ul>
                {items.iter().map(|item| view! {
                    <li>
                        {(!item.lead.is_empty()).then(|| view! { <strong>{item.lead}": "</strong> })}
                        {item.text}
                    </li>
                }).collect_view()}
            </ul>
        }.into_any(),
        Block::Table { header, rows } => view! {
            <div class="table-scroll">
                <table>
                    <thead><tr>{header.iter().map(|h| view! { <th scope="col">{*h}</th> }).collect_view()}</tr></thead>
                    <tbody>
                        {rows.iter().map(|row| view! {
                            <tr>{row.iter().map(|cell| view! { <td>{*cell}</td> }).collect_view()}</tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }.into_any(),
        Block::Definitions(items) => view! {
            <dl>
                {items.iter().map(|(term, definition)| view! { <dt>{*term}</dt><dd>{*definition}</dd> }).collect_view()}
            </dl>
        }.into_any(),
    }
}
