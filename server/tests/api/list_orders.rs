//! List orders: every shown column of the contacts, companies, leads and tickets lists orders
//! them in both directions, pages follow on without gaps or repeats, and the leads and tickets
//! lists filter by owner and date.

use crate::helpers::*;
use crate::on_both_databases;
use reqwest::StatusCode;
use serde_json::Value;
use std::collections::HashSet;

/// Every page of `endpoint` in the order `sort`, concatenated.
async fn all_pages(app: &TestApp, owner: &Owner, endpoint: &str, base: &[(&str, &str)], sort: &str) -> Vec<Value> {
    let mut rows = Vec::new();
    let mut after = String::new();
    loop {
        let mut query = base.to_vec();
        query.extend([("sort", sort), ("after", after.as_str())]);
        let response = app.read(owner, endpoint, &query).await;
        assert_status(&response, StatusCode::OK);
        let page: Value = response.json().await.unwrap();
        rows.extend(page["rows"].as_array().unwrap().iter().cloned());
        match page["next"].as_str() {
            Some(next) => after = next.to_owned(),
            None => return rows,
        }
    }
}

fn field(rows: &[Value], name: &str) -> Vec<String> {
    rows.iter().map(|r| r[name].as_str().unwrap_or("").to_owned()).collect()
}

fn ids_once(rows: &[Value], expected: usize) {
    // A deals row holds its id in its card.
    let ids: HashSet<&str> = rows.iter().map(|r| r["id"].as_str().or(r["card"]["id"].as_str()).unwrap()).collect();
    assert_eq!((ids.len(), rows.len()), (expected, expected), "every row once");
}

/// A list endpoint's query parameters.
type Query<'a> = &'a [(&'a str, &'a str)];

const TICKETS: Query<'static> = &[("status", ""), ("q", "")];

on_both_databases! {
    async fn tickets_order_by_priority_across_pages_and_filter_by_assignee_and_date(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let choices: Value = app.read(&ada, "records/choices", &[("needs", "members")]).await.json().await.unwrap();
        let ada_id = choices["members"][0][0].as_str().unwrap().to_owned();
        let priorities = ["low", "urgent", "normal", "high"];
        for n in 0..54 {
            let form = [
                ("fields[subject]", format!("Ticket {n:02}")),
                ("fields[status]", "open".to_owned()),
                ("fields[priority]", priorities[n % 4].to_owned()),
                ("fields[contact_id]", String::new()),
                // Every third ticket is Ada's.
                ("fields[assignee_id]", if n % 3 == 0 { ada_id.clone() } else { String::new() }),
            ];
            assert_status(&app.act(&ada, "tickets/create", &form).await, StatusCode::OK);
        }
        let severity = |p: &str| priorities.iter().position(|q| *q == p).map(|i| [0, 3, 1, 2][i]).unwrap();
        let most_urgent_first = all_pages(&app, &ada, "tickets/list", TICKETS, "-priority").await;
        ids_once(&most_urgent_first, 54);
        let levels: Vec<i32> = field(&most_urgent_first, "priority").iter().map(|p| severity(p)).collect();
        assert!(levels.windows(2).all(|w| w[0] >= w[1]), "urgent to low: {levels:?}");
        assert_eq!(field(&most_urgent_first, "priority")[0], "urgent");

        let by_subject = all_pages(&app, &ada, "tickets/list", TICKETS, "-name").await;
        let subjects = field(&by_subject, "subject");
        let mut expected = subjects.clone();
        expected.sort();
        expected.reverse();
        assert_eq!(subjects, expected);

        let mine = all_pages(&app, &ada, "tickets/list", &[("status", ""), ("q", ""), ("owner", "me")], "").await;
        assert_eq!(mine.len(), 18);
        let later = all_pages(&app, &ada, "tickets/list", &[("status", ""), ("q", ""), ("since", "2026-11-28")], "").await;
        assert!(later.is_empty());
        let bad = app.read(&ada, "tickets/list", &[("status", ""), ("q", ""), ("after", ""), ("since", "soon")]).await;
        assert_status(&bad, StatusCode::UNPROCESSABLE_ENTITY);
    }
}

on_both_databases! {
    async fn contacts_order_by_company_and_status_and_leads_by_email_and_date(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let zeta = app.company(&ada, "Zeta Works").await;
        let acme = app.company(&ada, "Acme").await;
        for (first, company, status) in [("Ann", &zeta, "customer"), ("Bob", &acme, "inactive"), ("Cid", &String::new(), "lead"), ("Dee", &acme, "prospect")] {
            let form = [
                ("fields[first_name]", first.to_owned()),
                ("fields[last_name]", "Test".to_owned()),
                ("fields[status]", status.to_owned()),
                ("fields[company_id]", company.clone()),
            ];
            assert_status(&app.act(&ada, "contacts/create", &form).await, StatusCode::OK);
        }
        let names = |rows: Vec<Value>| field(&rows, "name");
        let base = [("q", "")];
        // No company first, then Acme's two (by id), then Zeta's.
        let by_company = names(all_pages(&app, &ada, "contacts/list", &base, "company").await);
        assert_eq!(by_company[0], "Cid Test");
        assert_eq!(by_company[3], "Ann Test");
        let mut acme_people = by_company[1..3].to_vec();
        acme_people.sort();
        assert_eq!(acme_people, ["Bob Test", "Dee Test"]);
        // Statuses in lifecycle order, not alphabetical.
        assert_eq!(names(all_pages(&app, &ada, "contacts/list", &base, "status").await), ["Cid Test", "Dee Test", "Ann Test", "Bob Test"]);
        assert_eq!(names(all_pages(&app, &ada, "contacts/list", &base, "-status").await), ["Bob Test", "Ann Test", "Dee Test", "Cid Test"]);

        for (name, email) in [("Lee", "b@example.com"), ("Max", "c@example.com"), ("Ned", "a@example.com")] {
            app.lead(&ada, name, "", email).await;
            app.advance_minutes(1);
        }
        let leads = [("q", ""), ("status", ""), ("open", "false")];
        assert_eq!(field(&all_pages(&app, &ada, "leads/list", &leads, "email").await, "name"), ["Ned", "Lee", "Max"]);
        assert_eq!(field(&all_pages(&app, &ada, "leads/list", &leads, "-created").await, "name"), ["Ned", "Max", "Lee"]);
        let mine = [("q", ""), ("status", ""), ("open", "false"), ("owner", "me"), ("since", "2026-11-27")];
        assert_eq!(all_pages(&app, &ada, "leads/list", &mine, "").await.len(), 3);
        let others = [("q", ""), ("status", ""), ("open", "false"), ("owner", "nobody")];
        assert!(all_pages(&app, &ada, "leads/list", &others, "").await.is_empty());
    }
}

on_both_databases! {
    async fn every_offered_order_answers_on_every_list(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        app.company(&ada, "Acme").await;
        let contact = app.contact(&ada, "Grace", "Hopper", "grace@example.com").await;
        app.lead(&ada, "Lee", "Acme", "lee@example.com").await;
        app.ticket(&ada, "Help", "open", &contact).await;
        let stage = app.first_stage(&ada).await;
        let deal = [("fields[name]", "Big one".to_owned()), ("fields[amount]", "10".to_owned()), ("fields[currency]", "EUR".to_owned()), ("fields[stage_id]", stage)];
        assert_status(&app.act(&ada, "deals/create", &deal).await, StatusCode::OK);
        let lists: [(&str, Query, &[&str]); 5] = [
            ("deals/list", &[("q", "")], &["name", "company", "stage", "amount", "close", "owner", "created"]),
            ("contacts/list", &[("q", "")], &["name", "company", "email", "phone", "status", "owner", "created"]),
            ("companies/list", &[("q", "")], &["name", "domain", "industry", "city", "owner", "created"]),
            ("leads/list", &[("q", ""), ("status", ""), ("open", "false")], &["name", "company", "email", "source", "status", "owner", "created"]),
            ("tickets/list", TICKETS, &["created", "name", "status", "priority", "contact", "owner"]),
        ];
        for (endpoint, base, columns) in lists {
            for column in columns {
                for sort in [column.to_string(), format!("-{column}")] {
                    let rows = all_pages(&app, &ada, endpoint, base, &sort).await;
                    assert_eq!(rows.len(), 1, "{endpoint} by {sort}");
                }
            }
            // An unknown order falls back to the list's default rather than failing.
            assert_eq!(all_pages(&app, &ada, endpoint, base, "'; drop table contacts; --").await.len(), 1);
        }
    }
}

on_both_databases! {
    async fn deals_list_by_amount_and_stage_filtered_by_stage(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let stages: Value = app.read(&ada, "deals/stages", &[]).await.json().await.unwrap();
        let stage = |i: usize| stages[i]["id"].as_str().unwrap().to_owned();
        for n in 0..53 {
            let form = [
                ("fields[name]", format!("Deal {n:02}")),
                ("fields[amount]", format!("{}", (n * 37) % 53)),
                ("fields[currency]", "EUR".to_owned()),
                ("fields[stage_id]", stage(n % 3)),
            ];
            assert_status(&app.act(&ada, "deals/create", &form).await, StatusCode::OK);
        }
        let base = [("q", "")];
        let largest_first = all_pages(&app, &ada, "deals/list", &base, "-amount").await;
        ids_once(&largest_first, 53);
        let amounts: Vec<String> = largest_first.iter().map(|r| r["card"]["amount"].as_str().unwrap().to_owned()).collect();
        assert_eq!(amounts[0], "52.00 EUR");
        assert_eq!(amounts[52], "0.00 EUR");

        let by_stage = all_pages(&app, &ada, "deals/list", &base, "stage").await;
        let stage_names = field(&by_stage, "stage_name");
        assert_eq!(stage_names.iter().filter(|s| *s == "Qualification").count(), 18);
        assert!(stage_names[..18].iter().all(|s| s == "Qualification") && stage_names[18..36].iter().all(|s| s == "Meeting"), "{stage_names:?}");

        let meeting = stage(1);
        let in_meeting = all_pages(&app, &ada, "deals/list", &[("q", ""), ("stage", meeting.as_str())], "").await;
        assert_eq!(in_meeting.len(), 18);
        assert!(field(&in_meeting, "stage_name").iter().all(|s| s == "Meeting"));
        let prefix = all_pages(&app, &ada, "deals/list", &[("q", "deal 5")], "").await;
        assert_eq!(prefix.len(), 3, "Deal 50, 51 and 52");
    }
}

on_both_databases! {
    async fn a_name_prefix_lists_exactly_its_names_in_both_orders_across_pages(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        // More than a page of "Mar…" names, the bare prefix itself, and names on both sides of it.
        let letter = |n: u8| char::from(b'a' + n);
        let mut inside: Vec<String> = (0..55_u8).map(|i| format!("Mar{}{} Test", letter(i / 26), letter(i % 26))).collect();
        inside.push("Mar".to_owned());
        let outside = ["Maq Test", "Mas Test", "Ma Test", "Aaron Test", "Zed Test"];
        for (i, name) in inside.iter().map(String::as_str).chain(outside).enumerate() {
            let (first, last) = name.split_once(' ').unwrap_or((name, ""));
            app.contact(&ada, first, last, &format!("p{i}@example.com")).await;
        }
        inside.sort_by_key(|n| n.to_lowercase());
        let names = |rows: Vec<Value>| field(&rows, "name");
        let ascending = names(all_pages(&app, &ada, "contacts/list", &[("q", "mar")], "name").await);
        assert_eq!(ascending, inside, "every name with the prefix once, in name order, over two pages");
        let descending = names(all_pages(&app, &ada, "contacts/list", &[("q", "mar")], "-name").await);
        assert_eq!(descending, inside.iter().rev().cloned().collect::<Vec<_>>());
    }
}
