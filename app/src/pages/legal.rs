//! The Privacy Policy and Terms of Service pages, rendered from `content`.

use crate::components::layout::PublicPage;
use crate::content::{privacy_policy::POLICY, terms::TERMS, Block, Document};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn PrivacyPage() -> impl IntoView {
    view! {
        <Title text="Privacy Policy"/>
        <PublicPage><DocumentView document=&POLICY/></PublicPage>
    }
}

#[component]
pub fn TermsPage() -> impl IntoView {
    view! {
        <Title text="Terms of Service"/>
        <PublicPage><DocumentView document=&TERMS/></PublicPage>
    }
}

#[component]
fn DocumentView(document: &'static Document) -> impl IntoView {
    view! {
        <article class="prose">
            <h1>{document.title}</h1>
            <p class="muted">"Last updated: " {document.last_updated}</p>
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
