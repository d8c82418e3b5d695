//! Saves made while another writer holds the database: they wait their turn and succeed.

use crate::helpers::*;
use crate::on_both_databases;
use reqwest::StatusCode;
use std::time::Duration;

on_both_databases! {
    async fn a_save_made_while_another_writer_holds_the_database_waits_and_succeeds(app: TestApp) {
        let ada = app.owner("ada@engines.example", "Engines").await;
        let grace = app.contact(&ada, "Grace", "Hopper", "grace@navy.example").await;
        let alan = app.contact(&ada, "Alan", "Turing", "alan@bletchley.example").await;
        // Another writer (a colleague's save, an import's batch) is in the middle of its transaction.
        let mut other = app.state.db.pool.begin().await.unwrap();
        sqlx::query("update contacts set job_title = 'Codebreaker' where id = $1").bind(&alan).execute(&mut *other).await.unwrap();

        let save = {
            let (client, url) = (ada.client.clone(), app.url("/api/contacts/update"));
            let form = [("slug", ada.slug.clone()), ("id", grace.clone()), ("fields[first_name]", "Grace".to_owned()),
                ("fields[last_name]", "Brewster".to_owned()), ("fields[status]", "lead".to_owned())];
            tokio::spawn(async move { client.post(url).header("accept", "application/json").form(&form).send().await.unwrap() })
        };
        // The save has read what it needs and waits for the lock; the other writer then commits.
        tokio::time::sleep(Duration::from_millis(300)).await;
        other.commit().await.unwrap();

        let response = save.await.unwrap();
        assert_status(&response, StatusCode::OK);
        let names: Vec<(String, String)> = sqlx::query_as("select last_name, job_title from contacts where id in ($1, $2) order by last_name")
            .bind(&grace)
            .bind(&alan)
            .fetch_all(&app.state.db.pool)
            .await
            .unwrap();
        assert_eq!(names, [("Brewster".to_owned(), String::new()), ("Turing".to_owned(), "Codebreaker".to_owned())], "both writes kept");
    }
}
