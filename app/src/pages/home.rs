//! The public home page that presents NexaCRM.

use crate::components::layout::PublicPage;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <Title text=""/>
        <PublicPage>
            <section class="hero">
                <h1>"The CRM a small team can run all day"</h1>
                <p class="lead">
                    "Contacts, companies, deals on a pipeline board, activities and tickets for small sales and "
                    "support teams — fast on any connection, and with a privacy policy that is true in code."
                </p>
                <div class="cta">
                    <a class="button primary" href="/signup">"Create your workspace"</a>
                    <a class="button secondary" href="/signin">"Sign in"</a>
                </div>
            </section>
            <section class="features" aria-label="Why NexaCRM">
                <article class="feature">
                    <h3>"One workspace per team"</h3>
                    <p>"Sign up and your organisation gets its own workspace at its own address. Owners, admins, members and viewers each get exactly what their role allows."</p>
                </article>
                <article class="feature">
                    <h3>"Security you can check"</h3>
                    <p>"Passwords are hashed with Argon2id, sessions end after 30 idle minutes and at most 12 hours, and every page is sent with a strict content security policy."</p>
                </article>
                <article class="feature">
                    <h3>"Your data stays yours"</h3>
                    <p>"We never sell personal data. Our privacy policy describes what we collect and why — read it before you sign up."</p>
                    <p><a href="/privacy">"Read the Privacy Policy"</a></p>
                </article>
                <article class="feature">
                    <h3>"Runs anywhere"</h3>
                    <p>"One small server with an embedded SQLite database, or many servers on PostgreSQL: the same features, tested on both."</p>
                </article>
            </section>
        </PublicPage>
    }
}
