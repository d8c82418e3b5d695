//! Request hygiene: cross-site refusal, headers, body limits, health, security.txt, no 500s.

use crate::helpers::*;
use crate::on_both_databases;
use reqwest::StatusCode;

fn bare_client() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

on_both_databases! {
    async fn a_cross_site_post_to_a_server_function_is_refused_and_changes_nothing(app: TestApp) {
        let cross_site = bare_client()
            .post(app.url("/api/auth/sign-up"))
            .header("sec-fetch-site", "cross-site")
            .form(&signup_form("ada@example.com"))
            .send()
            .await
            .unwrap();
        assert_status(&cross_site, StatusCode::FORBIDDEN);
        let foreign_origin = bare_client()
            .post(app.url("/api/auth/sign-up"))
            .header("origin", "https://evil.example")
            .form(&signup_form("ada@example.com"))
            .send()
            .await
            .unwrap();
        assert_status(&foreign_origin, StatusCode::FORBIDDEN);
        let null_origin = bare_client()
            .post(app.url("/api/auth/sign-up"))
            .header("origin", "null")
            .form(&signup_form("ada@example.com"))
            .send()
            .await
            .unwrap();
        assert_status(&null_origin, StatusCode::FORBIDDEN);
        let (users,): (i64,) = sqlx::query_as("select count(*) from users").fetch_one(&app.state.db.pool).await.unwrap();
        assert_eq!(users, 0);
        // The same request from the site itself works.
        assert_status(&app.sign_up("ada@example.com").await, StatusCode::OK);
    }
}

on_both_databases! {
    async fn mutating_server_functions_refuse_get(app: TestApp) {
        let response = app.get("/api/auth/sign-out").await;
        assert!(response.status().is_client_error(), "{}", response.status());
    }
}

on_both_databases! {
    async fn pages_carry_the_security_headers_and_a_csp_nonce_matching_the_scripts(app: TestApp) {
        let response = app.get("/").await;
        assert_status(&response, StatusCode::OK);
        let headers = response.headers().clone();
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert_eq!(headers["referrer-policy"], "strict-origin-when-cross-origin");
        assert_eq!(headers["cross-origin-opener-policy"], "same-origin");
        assert!(headers["permissions-policy"].to_str().unwrap().contains("camera=()"));
        let csp = headers["content-security-policy"].to_str().unwrap().to_owned();
        for directive in ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'", "'wasm-unsafe-eval'"] {
            assert!(csp.contains(directive), "{directive} missing from {csp}");
        }
        let nonce = csp.split("'nonce-").nth(1).and_then(|rest| rest.split('\'').next()).expect("a nonce").to_owned();
        let html = response.text().await.unwrap();
        assert!(html.contains(&format!("nonce=\"{nonce}\"")), "the hydration script carries the header's nonce");
        let again = app.get("/").await.headers()["content-security-policy"].to_str().unwrap().to_owned();
        assert_ne!(again, csp, "a fresh nonce per request");
        assert!(!headers.contains_key("strict-transport-security"), "no HSTS over plain HTTP");
    }
}

on_both_databases! {
    async fn signed_in_answers_are_not_stored_by_caches(app: TestApp) {
        app.sign_up("ada@example.com").await;
        for path in ["/w/analytical-engines", "/api/workspaces/shell?slug=analytical-engines", "/"] {
            let response = app.get(path).await;
            assert_eq!(response.headers()["cache-control"], "no-store", "{path}");
        }
    }
}

mod oversized_bodies_get_413_and_unknown_content_types_415 {
    use super::*;

    async fn run(backend: Backend) {
        // A small limit, so the whole body fits the socket buffers and the 413 is read, not a reset.
        let app = spawn_app_with(backend, |config| config.body_limit_bytes = 16 * 1024).await;
        let response = app
            .client
            .post(app.url("/api/auth/sign-in"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!("email={}&password=x", "x".repeat(20 * 1024)))
            .send()
            .await
            .unwrap();
        assert_status(&response, StatusCode::PAYLOAD_TOO_LARGE);
        let response = app.client.post(app.url("/api/auth/sign-in")).header("content-type", "text/plain").body("hello").send().await.unwrap();
        assert_status(&response, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        run(Backend::Sqlite).await
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        run(Backend::Postgres).await
    }
}

on_both_databases! {
    async fn hostile_or_malformed_input_never_gets_a_500(app: TestApp) {
        let bodies = [
            "",
            "email=",
            "%%%%",
            "email[]=a&password[][]=b",
            "email=a%00b&password=%FF%FE",
            "full_name=%00&email=%0D%0A&password=x&organisation=&job_title=",
        ];
        for endpoint in ["auth/sign-in", "auth/sign-up", "auth/password-strength"] {
            for body in bodies {
                let response = app
                    .client
                    .post(app.url(&format!("/api/{endpoint}")))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(body)
                    .send()
                    .await
                    .unwrap();
                assert!(!response.status().is_server_error(), "{endpoint} with {body:?}: {}", response.status());
                if endpoint != "auth/password-strength" {
                    assert!(response.status().is_client_error(), "{endpoint} with {body:?}: {}", response.status());
                }
            }
        }
        let long_password = "p".repeat(100_000);
        let response = app.call("auth/sign-up", &[("full_name", "A".into()), ("email", "a@b.co".into()), ("password", long_password.clone()), ("organisation", "O".into()), ("job_title", "".into()), ("age_confirmed", "on".into()), ("accept_terms", "on".into())]).await;
        assert_status(&response, StatusCode::UNPROCESSABLE_ENTITY);
        let response = app.call("auth/password-strength", &[("password", long_password), ("full_name", "".into()), ("email", "".into())]).await;
        assert_status(&response, StatusCode::OK);
        let response = app.get("/api/workspaces/shell?slug=%27%3B%20drop%20table%20users%3B--").await;
        assert_status(&response, StatusCode::UNAUTHORIZED);
        let response = app.get("/api/no/such/function").await;
        assert!(response.status().is_client_error());
    }
}

on_both_databases! {
    async fn an_unknown_page_answers_404_with_a_page(app: TestApp) {
        let response = app.get("/no/such/page").await;
        assert_status(&response, StatusCode::NOT_FOUND);
        assert!(response.text().await.unwrap().contains("Page not found"));
        // Whatever the method: an address that is not there is not there.
        let origin = app.url("");
        for method in [reqwest::Method::POST, reqwest::Method::PUT, reqwest::Method::DELETE] {
            let response = app.client.request(method.clone(), app.url("/no/such/page")).header("origin", &origin).send().await.unwrap();
            assert_eq!(response.status(), StatusCode::NOT_FOUND, "{method}");
        }
    }
}

on_both_databases! {
    async fn healthz_answers_200_while_the_database_answers_and_503_after(app: TestApp) {
        assert_status(&app.get("/healthz").await, StatusCode::OK);
        app.state.db.pool.close().await;
        assert_status(&app.get("/healthz").await, StatusCode::SERVICE_UNAVAILABLE);
    }
}

on_both_databases! {
    async fn security_txt_names_the_contact_and_expires_within_a_year(app: TestApp) {
        let response = app.get("/.well-known/security.txt").await;
        assert_status(&response, StatusCode::OK);
        let text = response.text().await.unwrap();
        assert!(text.contains("Contact: mailto:security@nexacrm.io"));
        let expires = text.lines().find_map(|l| l.strip_prefix("Expires: ")).expect("Expires line");
        assert!(expires.starts_with("2027-05-26"), "{expires}");
    }
}

on_both_databases! {
    async fn the_public_pages_render(app: TestApp) {
        let privacy = app.get("/privacy").await.text().await.unwrap();
        for n in 1..=12 {
            assert!(privacy.contains(&format!("id=\"section-{n}\"")), "section {n}");
        }
        assert!(privacy.contains("Last updated: ") && privacy.contains("June 10, 2026"));
        assert!(app.get("/terms").await.text().await.unwrap().contains("Terms of Service"));
        let home = app.get("/").await.text().await.unwrap();
        assert!(home.contains("href=\"/privacy\"") && home.contains("href=\"/terms\""));
    }
}

/// The nonce in a page's CSP header, and whether the page's own scripts carry it.
async fn page_nonce_matches(client: &reqwest::Client, url: String) -> bool {
    let response = client.get(url).send().await.unwrap();
    let csp = response.headers().get("content-security-policy").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
    let html = response.text().await.unwrap();
    csp.split("'nonce-").nth(1).and_then(|rest| rest.split('\'').next()).is_some_and(|nonce| html.contains(&format!("nonce=\"{nonce}\"")))
}

on_both_databases! {
    async fn workspace_pages_keep_their_csp_nonce_while_many_requests_run_at_once(backend: Backend) {
        // Workspace pages (rendered whole before answering) used to lose their CSP while the
        // browser fetched files beside them, and the browser then refused the page's scripts:
        // the page never came alive. This app serves real files from its own site folder.
        let site = std::env::temp_dir().join(format!("nexacrm_test_site_{}", uuid::Uuid::now_v7().simple()));
        std::fs::create_dir_all(site.join("pkg")).unwrap();
        for i in 0..40 {
            std::fs::write(site.join(format!("pkg/part_{i}.wasm")), vec![b'x'; 20_000 + i * 1_000]).unwrap();
        }
        let app = spawn_app_serving(backend, |_| {}, site.to_str().unwrap()).await;
        let owner = app.owner("ada@example.com", "Nonce Test").await;
        let page = app.url(&format!("/w/{}/contacts/new", owner.slug));
        let mut missing = 0;
        for _ in 0..4 {
            let files = (0..120).map(|i| {
                let client = bare_client();
                let url = app.url(&format!("/pkg/part_{}.wasm", i % 40));
                async move { client.get(url).send().await.map(|r| r.status()).ok() }
            });
            let pages = async {
                let mut matched = Vec::new();
                for _ in 0..5 {
                    matched.push(page_nonce_matches(&owner.client, page.clone()).await);
                }
                matched
            };
            let (files, pages) = tokio::join!(futures_util::future::join_all(files), pages);
            assert!(files.iter().all(|status| *status == Some(StatusCode::OK)), "every file is served");
            missing += pages.iter().filter(|matched| !**matched).count();
        }
        let _ = std::fs::remove_dir_all(&site);
        assert_eq!(missing, 0, "pages of 20 whose CSP did not name their scripts' nonce");
    }
}
