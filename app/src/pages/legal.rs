//! The Privacy Policy and Terms of Service pages, rendered from `content`, and the cookie
//! settings page (what "Cookie settings" opens without JavaScript).

use crate::components::layout::PublicPage;
use crate::api::policy::policy_text;
use crate::components::consent_banner::ConsentUi;
use crate::content::{privacy_policy::POLICY, terms::TERMS, Block, Document, POLICY_HISTORY};
use crate::domain::policy::{long_date, PolicyStatus};
use crate::pages::records::ErrorNotice;
use leptos::prelude::*;
use leptos_meta::Title;

/// The version in force: the shipped text, or the one an operator published; with links to the
/// earlier versions and to the next one when it is announced.
#[component]
pub fn PrivacyPage() -> impl IntoView {
    let status = expect_context::<ConsentUi>().policy.get_value();
    view! {
        <Title text="Privacy Policy"/>
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
    let note = if version == status.current {
        "This is the version in force.".to_owned()
    } else if status.upcoming.as_ref().is_some_and(|next| next.version == version) {
        format!("This version takes effect on {}.", long_date(&version))
    } else {
        format!("An earlier version. The version in force is dated {}.", long_date(&status.current))
    };
    view! {
        <Title text="Privacy Policy"/>
        <PublicPage>
            <p class="notice" role="status">{note} " " <a href="/privacy">"Read the version in force"</a></p>
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
    let updated = format!("Last updated: {}", long_date(&version));
    let text = Resource::new(move || version.clone(), policy_text);
    view! {
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
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
    let earlier: Vec<String> = status.earlier().map(|v| v.version.clone()).collect();
    view! {
        <section class="panel policy-versions" aria-labelledby="policy-versions">
            <h2 id="policy-versions">"Versions"</h2>
            {status.upcoming.map(|next| view! {
                <p>
                    {format!("A new version takes effect on {}: ", long_date(&next.version))}
                    <a href=format!("/privacy/versions/{}", next.version)>"read it now"</a> "."
                </p>
            })}
            {if earlier.is_empty() {
                view! { <p class="muted">"There are no earlier versions."</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {earlier.into_iter().map(|v| view! {
                            <li><a href=format!("/privacy/versions/{v}")>"Version of " {long_date(&v)}</a></li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
pub fn TermsPage() -> impl IntoView {
    view! {
        <Title text="Terms of Service"/>
        <PublicPage><DocumentView document=&TERMS/></PublicPage>
    }
}

/// Cookie settings: the categories explained, and the same choices as the banner, always open.
#[component]
pub fn CookiesPage() -> impl IntoView {
    use crate::components::consent_banner::CookieChoices;
    let ui = expect_context::<ConsentUi>();
    let summary = move || match ui.saved.get() {
        None => "You have not made a choice yet: only essential cookies are set.".to_owned(),
        Some(saved) => {
            let say = |granted: bool| if granted { "on" } else { "off" };
            format!("Now: preferences {}, analytics {}.", say(saved.granted.preferences), say(saved.granted.analytics))
        }
    };
    view! {
        <Title text="Cookie settings"/>
        <PublicPage>
            <article class="prose">
                <h1>"Cookie settings"</h1>
                <p>
                    "NexaCRM sets one essential cookie to keep you signed in, and one that remembers the choice "
                    "you make here (for six months). Everything else waits for your agreement, and withdrawing "
                    "a category removes its cookies at once. Your choices are also logged on our side, with the "
                    "version of the Privacy Policy they were made under, and are part of your data download."
                </p>
                <p role="status">{summary}</p>
                <CookieChoices open=true/>
                <p><a href="/privacy#section-8">"Cookies in the Privacy Policy (section 8)"</a></p>
            </article>
        </PublicPage>
    }
}

#[component]
fn DocumentView(document: &'static Document) -> impl IntoView {
    view! {
        <article class="prose">
            <h1>{document.title}</h1>
            <p class="muted">{format!("Last updated: {}", document.last_updated)}</p>
            <p>{document.intro}</p>
            <nav aria-label="Sections">
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
