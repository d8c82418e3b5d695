//! Roles: the role matrix in `role_matrix.txt` walked in full (every server function as the
//! owner, an admin, a member, a viewer, a member of another workspace and a signed-out visitor,
//! each against records made afresh), and a function without a row fails. Then what members see
//! when the workspace shows them only their own records, and the members page's rules.

use crate::helpers::*;
use crate::on_both_databases;
use reqwest::{Client, StatusCode};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

const ROLES: [&str; 6] = ["owner", "admin", "member", "viewer", "outsider", "anonymous"];

/// One row of the matrix.
struct Row {
    endpoint: String,
    allowed: [bool; 6],
    params: String,
    fresh_session: bool,
}

fn matrix() -> Vec<Row> {
    include_str!("role_matrix.txt")
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| {
            let parts: Vec<&str> = line.split('|').map(str::trim).collect();
            let verdicts: Vec<bool> = parts[1].split_whitespace().map(|v| v == "allow").collect();
            assert_eq!(verdicts.len(), 6, "six verdicts on: {line}");
            Row {
                endpoint: parts[0].to_owned(),
                allowed: verdicts.try_into().unwrap(),
                params: parts.get(2).copied().unwrap_or("").to_owned(),
                fresh_session: parts.get(3).is_some_and(|flags| flags.contains("session")),
            }
        })
        .collect()
}

/// The people of the matrix: four members of the owner's workspace with their roles, someone
/// from another workspace, and a visitor who is not signed in.
struct Cast {
    owner: Owner,
    workspace_id: String,
    /// (role, email, user id, tab) of owner, admin, member, viewer.
    members: Vec<(&'static str, String, String, Client)>,
    outsider: (String, Client),
}

pub async fn user_id(app: &TestApp, email: &str) -> String {
    let (id,): (String,) = sqlx::query_as("select id from users where email = $1").bind(email).fetch_one(&app.state.db.pool).await.unwrap();
    id
}

/// Signs up `email` (with a workspace of their own) and adds them to `workspace_id` as `role`.
pub async fn join(app: &TestApp, workspace_id: &str, email: &str, role: &str) -> (String, Client) {
    let person = app.owner(email, "Elsewhere").await;
    let id = user_id(app, email).await;
    sqlx::query("insert into memberships (workspace_id, user_id, role, created_at) values ($1, $2, $3, $4)")
        .bind(workspace_id)
        .bind(&id)
        .bind(role)
        .bind(START_MS)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    (id, person.client)
}

pub async fn workspace_id(app: &TestApp, slug: &str) -> String {
    let (id,): (String,) = sqlx::query_as("select id from workspaces where slug = $1").bind(slug).fetch_one(&app.state.db.pool).await.unwrap();
    id
}

async fn cast(app: &TestApp) -> Cast {
    let owner = app.owner("owner@matrix.example", "Matrix").await;
    let ws = workspace_id(app, &owner.slug).await;
    let mut members = vec![("owner", "owner@matrix.example".to_owned(), user_id(app, "owner@matrix.example").await, owner.client.clone())];
    for role in ["admin", "member", "viewer"] {
        let email = format!("{role}@matrix.example");
        let (id, client) = join(app, &ws, &email, role).await;
        members.push((role, email, id, client));
    }
    let outsider = app.owner("outsider@other.example", "Other").await;
    Cast { owner, workspace_id: ws, members, outsider: ("outsider@other.example".into(), outsider.client) }
}

/// Puts the four members back with their roles, and the setting back to "all" (a row may have
/// changed a role, removed someone or made them leave).
async fn restore(app: &TestApp, cast: &Cast) {
    let pool = &app.state.db.pool;
    for (role, _, id, _) in &cast.members {
        sqlx::query("delete from memberships where workspace_id = $1 and user_id = $2").bind(&cast.workspace_id).bind(id).execute(pool).await.unwrap();
        sqlx::query("insert into memberships (workspace_id, user_id, role, created_at) values ($1, $2, $3, $4)")
            .bind(&cast.workspace_id)
            .bind(id)
            .bind(*role)
            .bind(START_MS)
            .execute(pool)
            .await
            .unwrap();
    }
    sqlx::query("update workspaces set member_visibility = 'all' where id = $1").bind(&cast.workspace_id).execute(pool).await.unwrap();
}

async fn created(response: reqwest::Response, what: &str) -> String {
    assert_eq!(response.status(), StatusCode::OK, "creating {what} for the matrix");
    response.json().await.unwrap()
}

/// Fresh records owned by the owner for the placeholders `params` uses.
async fn fixtures(app: &TestApp, cast: &Cast, params: &str, n: usize) -> BTreeMap<String, String> {
    let owner = &cast.owner;
    let mut values = BTreeMap::new();
    values.insert("n".to_owned(), n.to_string());
    let uses = |name: &str| params.contains(&format!("{{{name}}}"));
    let stages: Value = app.read(owner, "deals/stages", &[]).await.json().await.unwrap();
    let stage = |i: usize| stages[i]["id"].as_str().unwrap().to_owned();
    values.insert("stage".into(), stage(0));
    values.insert("stage2".into(), stage(1));
    if uses("company") {
        values.insert("company".into(), app.company(owner, "Matrix Company").await);
    }
    let contact = app.contact(owner, "Mat", "Rix", "mat.rix@example.com").await;
    values.insert("contact".into(), contact.clone());
    if uses("deal") {
        let form = [("fields[name]", "Matrix deal".to_owned()), ("fields[currency]", "EUR".into()), ("fields[stage_id]", stage(0))];
        values.insert("deal".into(), created(app.act(owner, "deals/create", &form).await, "a deal").await);
    }
    if uses("lead") {
        values.insert("lead".into(), app.lead(owner, "Matrix Lead", "Matrix Ltd", "lead@example.com").await);
    }
    if uses("ticket") {
        values.insert("ticket".into(), app.ticket(owner, "Matrix ticket", "open", &contact).await);
    }
    if uses("activity") {
        let form = [("fields[kind]", "task".to_owned()), ("fields[subject]", "Matrix task".into())];
        values.insert("activity".into(), created(app.act(owner, "activities/create", &form).await, "an activity").await);
    }
    if uses("tag") {
        let form = [("id", String::new()), ("fields[name]", format!("Matrix {n}")), ("fields[color]", "red".into())];
        assert_status(&app.act(owner, "tags/save", &form).await, StatusCode::OK);
        let tags: Value = app.read(owner, "tags/list", &[]).await.json().await.unwrap();
        let tag = tags.as_array().unwrap().iter().find(|t| t["name"] == format!("Matrix {n}")).unwrap()["id"].as_str().unwrap().to_owned();
        values.insert("tag".into(), tag);
    }
    if uses("template") {
        let form = [("id", String::new()), ("fields[name]", format!("Matrix {n}")), ("fields[subject]", "Hello".into()), ("fields[body]", "Hi".into())];
        values.insert("template".into(), created(app.act(owner, "emails/template-save", &form).await, "a template").await);
    }
    if uses("draft") || uses("mail") {
        let form = [
            ("id", String::new()), ("fields[contact_id]", contact.clone()), ("fields[to_address]", String::new()),
            ("fields[subject]", "Hello".into()), ("fields[body]", "Hi".into()), ("fields[template_id]", String::new()), ("fields[deal_id]", String::new()),
        ];
        let draft = created(app.act(owner, "emails/draft-save", &form).await, "a draft").await;
        if uses("mail") {
            assert_status(&app.act(owner, "emails/draft-send", &[("id", draft.clone())]).await, StatusCode::OK);
            let mailbox: Value = app.read(owner, "dev/mailbox", &[]).await.json().await.unwrap();
            let first = mailbox.as_array().and_then(|m| m.first()).or_else(|| mailbox["messages"].as_array().and_then(|m| m.first())).expect("a mail in the mailbox");
            values.insert("mail".into(), first["id"].as_str().unwrap().to_owned());
        }
        values.insert("draft".into(), draft);
    }
    if uses("trashed") {
        let company = app.company(owner, "Matrix Trashed").await;
        assert_status(&app.act(owner, "trash/delete", &[("kind", "company".into()), ("id", company.clone())]).await, StatusCode::OK);
        values.insert("trashed".into(), company);
    }
    if uses("invitation") || uses("invitation_token") {
        let email = format!("invitee-{n}@example.com");
        assert_status(&app.act(owner, "invitations/create", &[("email", email.clone()), ("role", "member".into())]).await, StatusCode::OK);
        let open: Value = app.read(owner, "invitations/list", &[]).await.json().await.unwrap();
        let id = open.as_array().unwrap().iter().find(|i| i["email"] == email.as_str()).unwrap()["id"].as_str().unwrap().to_owned();
        let (text,): (String,) = sqlx::query_as("select text_body from mail_outbox where kind = 'invitation' and to_address = $1")
            .bind(&email)
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
        let start = text.find("/invite/").unwrap() + "/invite/".len();
        let token: String = text[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
        values.insert("invitation".into(), id);
        values.insert("invitation_token".into(), token);
    }
    if uses("import") {
        let id = app.import_id(owner, "contact", "First name,Last name\nAda,Lovelace\n").await;
        values.insert("import".into(), id);
    }
    if uses("spare_id") {
        let email = format!("spare-{n}@matrix.example");
        let (id, _) = join(app, &cast.workspace_id, &email, "member").await;
        values.insert("spare_id".into(), id);
    }
    values
}

fn fill(params: &str, values: &BTreeMap<String, String>) -> Vec<(String, String)> {
    let mut filled = params.to_owned();
    for (name, value) in values {
        filled = filled.replace(&format!("{{{name}}}"), value);
    }
    form_urlencoded::parse(filled.as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned())).collect()
}

/// The tab `role` calls with: theirs, or a fresh sign-in when the row ends or replaces sessions.
async fn tab(app: &TestApp, cast: &Cast, role: usize, fresh: bool) -> Client {
    let (email, client) = match role {
        0..=3 => (cast.members[role].1.clone(), cast.members[role].3.clone()),
        4 => cast.outsider.clone(),
        _ => return browser(&app.base),
    };
    if !fresh {
        return client;
    }
    let client = browser(&app.base);
    assert_status(&app.sign_in_with(&client, &email, PASSWORD).await, StatusCode::OK);
    client
}

on_both_databases! {
    async fn every_server_function_answers_each_role_as_the_matrix_says(app: TestApp) {
        let rows = matrix();
        let listed: BTreeSet<String> = rows.iter().map(|r| r.endpoint.clone()).collect();
        assert_eq!(listed.len(), rows.len(), "one row per server function");
        let registered: BTreeMap<String, bool> = server_fn::axum::server_fn_paths()
            .map(|(path, method)| (path.trim_start_matches("/api/").to_owned(), method == http::Method::GET))
            .collect();
        let missing: Vec<&String> = registered.keys().filter(|path| !listed.contains(*path)).collect();
        assert!(missing.is_empty(), "server functions with no row in role_matrix.txt: {missing:?}");
        let unknown: Vec<&String> = listed.iter().filter(|path| !registered.contains_key(*path)).collect();
        assert!(unknown.is_empty(), "rows for server functions that do not exist: {unknown:?}");

        let cast = cast(&app).await;
        let mut wrong = Vec::new();
        let mut n = 0;
        for row in &rows {
            let is_get = registered[&row.endpoint];
            for (role, allowed) in row.allowed.iter().enumerate() {
                n += 1;
                let values = fixtures(&app, &cast, &row.params, n).await;
                let mut form = fill(&row.params, &values);
                form.insert(0, ("slug".into(), cast.owner.slug.clone()));
                let client = tab(&app, &cast, role, row.fresh_session).await;
                let url = app.url(&format!("/api/{}", row.endpoint));
                let request = if is_get { client.get(url).query(&form) } else { client.post(url).header("accept", "application/json").form(&form) };
                let status = request.send().await.expect("request").status();
                let refused = matches!(status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN | StatusCode::NOT_FOUND);
                if status.is_server_error() || refused == *allowed {
                    wrong.push(format!("{} as {}: {status} (expected {})", row.endpoint, ROLES[role], if *allowed { "allow" } else { "deny" }));
                }
                restore(&app, &cast).await;
                if row.fresh_session {
                    // The call may have ended the person's other sessions: sign everyone in again.
                    for (_, email, _, client) in &cast.members {
                        assert_status(&app.sign_in_with(client, email, PASSWORD).await, StatusCode::OK);
                    }
                    assert_status(&app.sign_in_with(&cast.outsider.1, &cast.outsider.0, PASSWORD).await, StatusCode::OK);
                }
            }
        }
        assert!(wrong.is_empty(), "answers that differ from role_matrix.txt:\n{}", wrong.join("\n"));
    }
}

async fn names_of(app: &TestApp, who: &Owner, endpoint: &str, query: &[(&str, &str)], field: &str) -> Vec<String> {
    let response = app.read(who, endpoint, query).await;
    assert_status(&response, StatusCode::OK);
    let page: Value = response.json().await.unwrap();
    let rows = page["rows"].as_array().or_else(|| page.as_array()).cloned().unwrap_or_default();
    rows.iter().map(|r| r[field].as_str().unwrap_or_default().to_owned()).collect()
}

on_both_databases! {
    async fn members_set_to_own_records_see_only_what_they_own_or_are_assigned(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let ws = workspace_id(&app, &ada.slug).await;
        let (max_id, max_client) = join(&app, &ws, "max@example.com", "member").await;
        let max = Owner { client: max_client, slug: ada.slug.clone() };
        let (_, vera_client) = join(&app, &ws, "vera@example.com", "viewer").await;
        let vera = Owner { client: vera_client, slug: ada.slug.clone() };

        let adas = app.contact(&ada, "Ada", "Secretcontact", "a@example.com").await;
        let maxs = app.contact(&max, "Max", "Owncontact", "m@example.com").await;
        let assigned = app.act(&ada, "tickets/create", &[
            ("fields[subject]", "For Max".into()), ("fields[status]", "open".into()), ("fields[priority]", "low".into()),
            ("fields[contact_id]", String::new()), ("fields[assignee_id]", max_id.clone()),
        ]).await;
        assert_status(&assigned, StatusCode::OK);
        app.ticket(&ada, "Not for Max", "open", "").await;
        let stage = app.first_stage(&ada).await;
        for (who, name) in [(&ada, "Ada deal"), (&max, "Max deal")] {
            let form = [("fields[name]", name.to_owned()), ("fields[amount]", "100".into()), ("fields[currency]", "EUR".into()), ("fields[stage_id]", stage.clone())];
            assert_status(&app.act(who, "deals/create", &form).await, StatusCode::OK);
        }
        // Ada's task on Max's contact: Max sees his contact but not Ada's task on its timeline.
        let task = [("fields[kind]", "task".to_owned()), ("fields[subject]", "Ada's private task".into()), ("fields[contact_id]", maxs.clone())];
        assert_status(&app.act(&ada, "activities/create", &task).await, StatusCode::OK);

        // With "all records", Max sees Ada's contact but may not change it.
        assert_eq!(names_of(&app, &max, "contacts/list", &[("q", ""), ("after", "")], "name").await.len(), 2);
        let edit = [("id", adas.clone()), ("fields[first_name]", "Hacked".into()), ("fields[last_name]", "X".into()), ("fields[status]", "lead".into())];
        assert_status(&app.act(&max, "contacts/update", &edit).await, StatusCode::FORBIDDEN);
        let own_edit = [("id", maxs.clone()), ("fields[first_name]", "Maxi".into()), ("fields[last_name]", "Owncontact".into()), ("fields[status]", "lead".into())];
        assert_status(&app.act(&max, "contacts/update", &own_edit).await, StatusCode::OK);

        // A member may not change the setting; an admin or the owner may.
        let own = [("name", "Engines".to_owned()), ("visibility", "own".to_owned())];
        assert_status(&app.act(&max, "workspace/settings", &own).await, StatusCode::FORBIDDEN);
        let bad = app.act(&ada, "workspace/settings", &[("name", "".into()), ("visibility", "some".into())]).await;
        let body = error_json(bad).await;
        assert!(body["fields"]["name"].is_string() && body["fields"]["visibility"].is_string(), "{body}");
        assert_status(&app.act(&ada, "workspace/settings", &own).await, StatusCode::OK);

        assert_eq!(names_of(&app, &max, "contacts/list", &[("q", ""), ("after", "")], "name").await, ["Maxi Owncontact"]);
        assert_status(&app.read(&max, "contacts/get", &[("id", &adas)]).await, StatusCode::NOT_FOUND);
        assert_eq!(names_of(&app, &max, "tickets/list", &[("status", ""), ("q", ""), ("after", "")], "subject").await, ["For Max"]);
        assert_eq!(names_of(&app, &max, "deals/list", &[("q", ""), ("after", "")], "stage_name").await.len(), 1);
        let search: Value = app.read(&max, "search", &[("q", "secretcontact")]).await.json().await.unwrap();
        assert!(!search.to_string().contains("Secretcontact"), "search shows only Max's records: {search}");
        let choices: Value = app.read(&max, "records/choices", &[("needs", "contacts")]).await.json().await.unwrap();
        assert_eq!(choices["contacts"].as_array().unwrap().len(), 1);
        let board: Value = app.read(&max, "deals/board", &[("mine", "false")]).await.json().await.unwrap();
        assert!(board.to_string().contains("Max deal") && !board.to_string().contains("Ada deal"));
        let dashboard: Value = app.read(&max, "dashboard/load", &[]).await.json().await.unwrap();
        assert!(!dashboard.to_string().contains("Secretcontact") && !dashboard.to_string().contains("Ada deal"), "{dashboard}");
        assert!(dashboard.to_string().contains("1.00 EUR") || dashboard.to_string().contains("100"), "Max's own pipeline is counted: {dashboard}");
        let page: Value = app.read(&max, "contacts/get", &[("id", &maxs)]).await.json().await.unwrap();
        assert!(!page["timeline"].to_string().contains("Ada's private task"));
        // Nor can Max link his work to a record he does not see.
        let hidden_link = [("fields[kind]", "task".to_owned()), ("fields[subject]", "Snoop".into()), ("fields[contact_id]", adas.clone())];
        let refused = app.act(&max, "activities/create", &hidden_link).await;
        assert!(error_json(refused).await["fields"]["contact_id"].is_string());
        let ticket = [("fields[subject]", "Snoop".to_owned()), ("fields[status]", "open".into()), ("fields[priority]", "low".into()), ("fields[contact_id]", adas.clone())];
        assert_status(&app.act(&max, "tickets/create", &ticket).await, StatusCode::UNPROCESSABLE_ENTITY);

        // Viewers always see every record, and change none.
        assert_eq!(names_of(&app, &vera, "contacts/list", &[("q", ""), ("after", "")], "name").await.len(), 2);
        let page: Value = app.read(&vera, "contacts/get", &[("id", &adas)]).await.json().await.unwrap();
        assert_eq!(page["can_edit"], false);
        assert_status(&app.act(&vera, "contacts/update", &own_edit).await, StatusCode::FORBIDDEN);
        // The owner sees everything and may change it.
        let page: Value = app.read(&ada, "contacts/get", &[("id", &maxs)]).await.json().await.unwrap();
        assert_eq!(page["can_edit"], true);
    }
}

on_both_databases! {
    async fn admins_manage_members_and_the_owner_transfers_ownership(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let ws = workspace_id(&app, &ada.slug).await;
        let (ada_id, (abe_id, abe_client), (max_id, max_client)) =
            (user_id(&app, "ada@example.com").await, join(&app, &ws, "abe@example.com", "admin").await, join(&app, &ws, "max@example.com", "member").await);
        let abe = Owner { client: abe_client, slug: ada.slug.clone() };
        let max = Owner { client: max_client, slug: ada.slug.clone() };
        let maxs = app.contact(&max, "Max", "Contact", "m@example.com").await;

        let list: Value = app.read(&max, "members/list", &[]).await.json().await.unwrap();
        assert_eq!(list["members"].as_array().unwrap().len(), 3);
        assert_eq!(list["members"][0]["role"], "owner");

        // Roles: admins change others (not the owner, and nobody into an owner); members change nobody.
        assert_status(&app.act(&max, "members/role", &[("user_id", abe_id.clone()), ("role", "viewer".into())]).await, StatusCode::FORBIDDEN);
        assert_status(&app.act(&abe, "members/role", &[("user_id", ada_id.clone()), ("role", "viewer".into())]).await, StatusCode::FORBIDDEN);
        assert_status(&app.act(&abe, "members/role", &[("user_id", max_id.clone()), ("role", "owner".into())]).await, StatusCode::UNPROCESSABLE_ENTITY);
        assert_status(&app.act(&abe, "members/role", &[("user_id", max_id.clone()), ("role", "viewer".into())]).await, StatusCode::OK);
        let page: Value = app.read(&max, "contacts/get", &[("id", &maxs)]).await.json().await.unwrap();
        assert_eq!(page["can_edit"], false, "a viewer now");
        assert_status(&app.act(&abe, "members/role", &[("user_id", max_id.clone()), ("role", "member".into())]).await, StatusCode::OK);

        // Removing Max hands his contact to Abe.
        assert_status(&app.act(&abe, "members/remove", &[("user_id", max_id.clone()), ("hand_to", max_id.clone())]).await, StatusCode::UNPROCESSABLE_ENTITY);
        assert_status(&app.act(&abe, "members/remove", &[("user_id", max_id.clone()), ("hand_to", abe_id.clone())]).await, StatusCode::OK);
        assert_status(&app.read(&max, "contacts/list", &[("q", ""), ("after", "")]).await, StatusCode::NOT_FOUND);
        let page: Value = app.read(&ada, "contacts/get", &[("id", &maxs)]).await.json().await.unwrap();
        assert_eq!(page["owner_name"], "Ada Lovelace", "every test account is called Ada Lovelace; the owner is now Abe's account");
        let (owner,): (Option<String>,) = sqlx::query_as("select owner_id from contacts where id = $1").bind(&maxs).fetch_one(&app.state.db.pool).await.unwrap();
        assert_eq!(owner.as_deref(), Some(abe_id.as_str()));

        // Only the owner transfers; then the former owner is an admin and may leave.
        assert_status(&app.act(&abe, "members/transfer", &[("user_id", abe_id.clone())]).await, StatusCode::FORBIDDEN);
        assert_status(&app.act(&ada, "members/leave", &[]).await, StatusCode::UNPROCESSABLE_ENTITY);
        assert_status(&app.act(&ada, "members/transfer", &[("user_id", abe_id.clone())]).await, StatusCode::OK);
        let list: Value = app.read(&ada, "members/list", &[]).await.json().await.unwrap();
        assert_eq!(list["my_role"], "admin");
        assert_status(&app.act(&ada, "members/transfer", &[("user_id", ada_id.clone())]).await, StatusCode::FORBIDDEN);
        assert_status(&app.act(&ada, "members/leave", &[]).await, StatusCode::OK);
        assert_status(&app.read(&ada, "members/list", &[]).await, StatusCode::NOT_FOUND);
    }
}

