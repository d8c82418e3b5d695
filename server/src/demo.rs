//! Demo data: a realistic workspace of a chosen size (companies, contacts, leads, deals across the
//! pipeline, tickets, activities, notes, their timeline events and search documents), for trying
//! NexaCRM out (`server demo --small`) and for benchmarks (`cargo bench -p server --bench crm`).
//!
//! Everything is derived from a fixed seed, so two runs of one size produce the same names and
//! figures (ids and times follow `now_ms`). Rows go in as multi-row INSERTs inside one transaction:
//! a failed run leaves nothing behind, and a finished one can be detected by its owner's email.

use app::domain::deals::StageKind;
use app::domain::records::sort_key;
use app::domain::search::index_words;
use app::ssr::db::{self, Db, Dialect};
use app::ssr::passwords::Hasher;
use sqlx::{AnyConnection, Connection};
use std::time::{Duration, Instant};

/// The demo owner's sign-in email.
pub const DEMO_EMAIL: &str = "demo@nexacrm.example";
/// The demo accounts' password (public: a demo workspace is for trying NexaCRM out on one's own
/// machine, not for real data).
pub const DEMO_PASSWORD: &str = "nexacrm-demo-password";

const DAY_MS: i64 = 86_400_000;
const HOUR_MS: i64 = 3_600_000;
const SEED: u64 = 0x4E45_5841_4352_4D21;

/// How many records of each kind a demo workspace holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DemoSize {
    pub companies: usize,
    pub contacts: usize,
    pub leads: usize,
    pub deals: usize,
    pub activities: usize,
    pub notes: usize,
    pub tickets: usize,
}

impl Default for DemoSize {
    /// A busy team's CRM: 100,000 contacts at 20,000 companies, 30,000 deals, 200,000 activities,
    /// 50,000 notes, 10,000 tickets and 10,000 leads.
    fn default() -> Self {
        DemoSize {
            companies: 20_000,
            contacts: 100_000,
            leads: 10_000,
            deals: 30_000,
            activities: 200_000,
            notes: 50_000,
            tickets: 10_000,
        }
    }
}

impl DemoSize {
    /// A first look: 200 contacts, 40 companies, 60 deals, 400 activities, 100 notes, 20 tickets.
    pub fn small() -> Self {
        DemoSize { companies: 40, contacts: 200, leads: 20, deals: 60, activities: 400, notes: 100, tickets: 20 }
    }

    /// The default size times `factor` (0.1 is a tenth), at least one record of each kind.
    pub fn scaled(factor: f64) -> Self {
        let full = DemoSize::default();
        let scale = |n: usize| ((n as f64 * factor).round() as usize).max(1);
        DemoSize {
            companies: scale(full.companies),
            contacts: scale(full.contacts),
            leads: scale(full.leads),
            deals: scale(full.deals),
            activities: scale(full.activities),
            notes: scale(full.notes),
            tickets: scale(full.tickets),
        }
    }

    /// The default proportions around exactly `contacts` contacts.
    pub fn with_contacts(contacts: usize) -> Self {
        let size = DemoSize::scaled(contacts as f64 / DemoSize::default().contacts as f64);
        DemoSize { contacts: contacts.max(1), ..size }
    }
}

/// What `generate` made, or found already there.
#[derive(Clone, Debug)]
pub struct DemoWorkspace {
    pub email: String,
    pub password: String,
    pub slug: String,
    pub workspace_id: String,
    /// False when the demo owner already existed and nothing was written.
    pub created: bool,
    /// Rows written (all tables, search documents included).
    pub rows: u64,
    pub elapsed: Duration,
}

/// Creates the demo owner (`DEMO_EMAIL` / `DEMO_PASSWORD`), four other members and a workspace
/// named "Demo" filled with `size` records dated over the three years before `now_ms`. When the
/// demo owner already exists, writes nothing and answers with `created: false` and their workspace.
pub async fn generate(db: &Db, size: DemoSize, now_ms: i64) -> Result<DemoWorkspace, String> {
    let started = Instant::now();
    if let Some((workspace_id, slug)) = existing(db).await.map_err(|e| format!("demo: {e}"))? {
        return Ok(DemoWorkspace {
            email: DEMO_EMAIL.into(),
            password: DEMO_PASSWORD.into(),
            slug,
            workspace_id,
            created: false,
            rows: 0,
            elapsed: started.elapsed(),
        });
    }
    let password_hash = Hasher::new(1).hash(DEMO_PASSWORD.into()).await.map_err(|e| format!("demo: {e}"))?;
    let mut conn = db.pool.acquire().await.map_err(|e| format!("demo: {e}"))?;
    // A large page cache keeps the indexes being filled in memory (the default is 2 MB).
    if db.dialect == Dialect::Sqlite {
        sqlx::query("pragma cache_size = -262144").execute(&mut *conn).await.map_err(|e| format!("demo: {e}"))?;
    }
    let loaded = load(&mut conn, db.dialect, size, now_ms, &password_hash).await;
    if db.dialect == Dialect::Sqlite {
        sqlx::query("pragma cache_size = -2000").execute(&mut *conn).await.map_err(|e| format!("demo: {e}"))?;
    }
    let (workspace_id, slug, rows) = loaded?;
    // After a bulk load, merge the full-text index into one segment, as it would be after months of
    // ordinary use; otherwise the first new records pay for merging thousands of small segments.
    if db.dialect == Dialect::Sqlite {
        sqlx::query("insert into search_fts (search_fts) values ('optimize')").execute(&mut *conn).await.map_err(|e| format!("demo: {e}"))?;
        // And move the load out of the write-ahead log now, rather than in small passive steps
        // during the first writes that follow (which made them 30 ms slower).
        sqlx::query("pragma wal_checkpoint(truncate)").execute(&mut *conn).await.map_err(|e| format!("demo: {e}"))?;
    }
    let elapsed = started.elapsed();
    println!("demo: {rows} rows in {:.1} s ({:.0} rows/s)", elapsed.as_secs_f64(), rows as f64 / elapsed.as_secs_f64().max(0.001));
    Ok(DemoWorkspace { email: DEMO_EMAIL.into(), password: DEMO_PASSWORD.into(), slug, workspace_id, created: true, rows, elapsed })
}

/// The demo owner's first workspace, when the demo owner exists.
async fn existing(db: &Db) -> Result<Option<(String, String)>, sqlx::Error> {
    let row: Option<(String, Option<String>, Option<String>)> = sqlx::query_as(
        "select u.id, w.id, w.slug from users u left join memberships m on m.user_id = u.id \
         left join workspaces w on w.id = m.workspace_id where lower(u.email) = $1 order by m.created_at limit 1",
    )
    .bind(DEMO_EMAIL)
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.map(|(_, id, slug)| (id.unwrap_or_default(), slug.unwrap_or_default())))
}

// ---------------------------------------------------------------------------------------------
// Loading

/// The whole load in one transaction: (workspace id, slug, rows written).
async fn load(conn: &mut AnyConnection, dialect: Dialect, size: DemoSize, now_ms: i64, password_hash: &str) -> Result<(String, String, u64), String> {
    let mut tx = conn.begin().await.map_err(|e| format!("demo: {e}"))?;
    let mut demo = Demo::new(dialect, size, now_ms);
    let (workspace_id, slug) = demo.people(&mut tx, password_hash).await?;
    demo.companies(&mut tx).await?;
    demo.contacts(&mut tx).await?;
    demo.leads(&mut tx).await?;
    demo.deals(&mut tx).await?;
    demo.tickets(&mut tx).await?;
    demo.activities(&mut tx).await?;
    demo.notes(&mut tx).await?;
    let phase = Instant::now();
    demo.events.flush(&mut tx, demo.dialect).await?;
    demo.search.flush(&mut tx, demo.dialect).await?;
    demo.rows += demo.events.written + demo.search.written;
    println!("demo: events ({}) and search documents ({}) written in {:.1} s", demo.events.written, demo.search.written, phase.elapsed().as_secs_f64());
    let commit = Instant::now();
    tx.commit().await.map_err(|e| format!("demo: commit: {e}"))?;
    println!("demo: committed in {:.1} s", commit.elapsed().as_secs_f64());
    Ok((workspace_id, slug, demo.rows))
}

struct CompanyInfo {
    id: String,
    name: String,
    domain: String,
    country: usize,
    created: i64,
}

struct ContactInfo {
    id: String,
    first: usize,
    last: usize,
    company: Option<usize>,
    created: i64,
}

struct DealInfo {
    id: String,
    company: Option<usize>,
}

struct Demo {
    dialect: Dialect,
    size: DemoSize,
    now_ms: i64,
    start_ms: i64,
    rng: Rng,
    workspace_id: String,
    /// (user id, full name); the first is the owner, the last the viewer.
    users: Vec<(String, String)>,
    companies: Vec<CompanyInfo>,
    company_contacts: Vec<Vec<usize>>,
    contacts: Vec<ContactInfo>,
    contact_deals: Vec<Vec<usize>>,
    deals: Vec<DealInfo>,
    tickets: Vec<String>,
    events: Inserter,
    search: Inserter,
    rows: u64,
}

impl Demo {
    fn new(dialect: Dialect, size: DemoSize, now_ms: i64) -> Self {
        Demo {
            dialect,
            size,
            now_ms,
            start_ms: now_ms - 3 * 365 * DAY_MS,
            rng: Rng(SEED),
            workspace_id: String::new(),
            users: Vec::new(),
            companies: Vec::with_capacity(size.companies),
            company_contacts: Vec::new(),
            contacts: Vec::with_capacity(size.contacts),
            contact_deals: Vec::new(),
            deals: Vec::with_capacity(size.deals),
            tickets: Vec::with_capacity(size.tickets),
            events: Inserter::new("events", &["workspace_id", "id", "record_kind", "record_id", "action", "actor_id", "at", "changes"]),
            search: Inserter::new("search_index", &["workspace_id", "record_kind", "record_id", "title", "detail", "terms"]),
            rows: 0,
        }
    }

    fn ws(&self) -> Cell {
        Cell::Text(self.workspace_id.clone())
    }

    /// A user who creates or is assigned work: the owner a quarter of the time, else a member
    /// (never the viewer).
    fn worker(&mut self) -> String {
        let writers = self.users.len().saturating_sub(1).max(1);
        let index = if self.rng.chance(0.25) { 0 } else { 1 + self.rng.below(writers - 1) };
        self.users.get(index).or(self.users.first()).map(|(id, _)| id.clone()).unwrap_or_default()
    }

    /// `n` creation times over the three years, more of them recent (a growing team), oldest first.
    fn times(&mut self, n: usize) -> Vec<i64> {
        let span = (self.now_ms - HOUR_MS - self.start_ms) as f64;
        let mut times: Vec<i64> = (0..n).map(|_| self.start_ms + (span * self.rng.unit().sqrt()) as i64).collect();
        times.sort_unstable();
        times
    }

    fn created_event(&mut self, kind: &str, id: &str, actor: &str, at: i64) {
        let event_id = uuid_at(&mut self.rng, at);
        let row = vec![self.ws(), event_id.into(), kind.into(), id.into(), "created".into(), actor.into(), at.into(), "{}".into()];
        self.events.push(row);
    }

    fn document(&mut self, kind: &str, id: &str, title: &str, detail: &str, terms: String) {
        let row = vec![self.ws(), kind.into(), id.into(), title.into(), detail.into(), terms.into()];
        self.search.push(row);
    }

    /// Events and search documents reference no record, so they are written whenever they fill up.
    async fn flush_side_tables(&mut self, conn: &mut AnyConnection) -> Result<(), String> {
        if self.events.is_full() {
            self.events.flush(conn, self.dialect).await?;
        }
        if self.search.is_full() {
            self.search.flush(conn, self.dialect).await?;
        }
        Ok(())
    }

    /// The owner, four colleagues, the workspace, memberships and the default pipeline.
    async fn people(&mut self, conn: &mut AnyConnection, password_hash: &str) -> Result<(String, String), String> {
        let at = self.start_ms - 7 * DAY_MS;
        let people = [
            (DEMO_EMAIL, "Alex Morgan", "Head of Sales", "owner"),
            ("priya.raman@demo.nexacrm.example", "Priya Raman", "Sales Operations", "admin"),
            ("jonas.weber@demo.nexacrm.example", "Jonas Weber", "Account Executive", "member"),
            ("sofia.costa@demo.nexacrm.example", "Sofia Costa", "Customer Success Manager", "member"),
            ("liam.walsh@demo.nexacrm.example", "Liam Walsh", "Finance", "viewer"),
        ];
        let sql = |e: sqlx::Error| format!("demo: accounts: {e}");
        let workspace_id = uuid_at(&mut self.rng, at);
        let taken = db::workspaces::slugs_like(conn, "demo").await.map_err(sql)?;
        let slug = std::iter::once("demo".to_owned())
            .chain((2..).map(|n| format!("demo-{n}")))
            .find(|candidate| !taken.contains(candidate))
            .unwrap_or_else(|| "demo".into());
        db::workspaces::insert_workspace(conn, &workspace_id, "Demo", &slug, at).await.map_err(sql)?;
        for (email, name, title, role) in people {
            let id = uuid_at(&mut self.rng, at);
            let user = db::accounts::NewUserRow { id: &id, email, full_name: name, job_title: title, password_hash, now_ms: at };
            db::accounts::insert_user(conn, &user).await.map_err(sql)?;
            db::accounts::record_policy_acceptance(conn, &id, app::content::POLICY_VERSION, app::content::TERMS_VERSION, at).await.map_err(sql)?;
            db::workspaces::insert_membership(conn, &workspace_id, &id, role, at).await.map_err(sql)?;
            self.users.push((id, name.to_owned()));
        }
        db::deals::stages(conn, &workspace_id).await.map_err(sql)?;
        self.rows += 1 + 3 * people.len() as u64 + 6;
        self.workspace_id = workspace_id.clone();
        println!("demo: workspace \"Demo\" (/w/{slug}) with {} members", people.len());
        Ok((workspace_id, slug))
    }

    async fn companies(&mut self, conn: &mut AnyConnection) -> Result<(), String> {
        let phase = Instant::now();
        let mut companies = Inserter::new(
            "companies",
            &["workspace_id", "id", "name", "sort_name", "domain", "industry", "size", "phone", "street", "city", "region", "postal_code", "country", "owner_id", "created_at", "updated_at"],
        );
        for (i, created) in self.times(self.size.companies).into_iter().enumerate() {
            let (name, domain, country_index, industry) = company_name(i);
            let country = &COUNTRIES[country_index];
            let (city, region) = *self.rng.pick(&country.cities);
            let id = uuid_at(&mut self.rng, created);
            let phone = digits(&mut self.rng, country.office);
            let street = format!("{} {}", self.rng.pick(&STREETS), 1 + self.rng.below(180));
            let size = *self.rng.pick(&["1-10", "11-50", "11-50", "51-200", "51-200", "201-1000", "1000+", ""]);
            let owner = self.worker();
            let terms = index_words(&[name.as_str(), domain.as_str()], &[phone.as_str()]);
            self.document("company", &id, &name, &domain, terms);
            self.created_event("company", &id, &owner, created);
            let postal = digits(&mut self.rng, country.postal);
            companies.push(vec![
                self.ws(), id.clone().into(), name.clone().into(), sort_key(&name).into(), domain.clone().into(), industry.into(), size.into(),
                phone.into(), street.into(), city.into(), region.into(), postal.into(), country.name.into(), Some(owner).into(), created.into(), created.into(),
            ]);
            self.companies.push(CompanyInfo { id, name, domain, country: country_index, created });
            if companies.is_full() {
                companies.flush(conn, self.dialect).await?;
            }
            self.flush_side_tables(conn).await?;
        }
        companies.flush(conn, self.dialect).await?;
        self.company_contacts = vec![Vec::new(); self.companies.len()];
        self.rows += companies.written;
        progress("companies", companies.written, phase);
        Ok(())
    }

    async fn contacts(&mut self, conn: &mut AnyConnection) -> Result<(), String> {
        let phase = Instant::now();
        let mut contacts = Inserter::new(
            "contacts",
            &["workspace_id", "id", "first_name", "last_name", "sort_name", "job_title", "company_id", "status", "linkedin_url", "owner_id", "created_at", "updated_at"],
        );
        let mut channels = Inserter::new(
            "contact_channels",
            &["workspace_id", "contact_id", "kind", "position", "label", "value", "search_value", "is_primary"],
        );
        for (i, created) in self.times(self.size.contacts).into_iter().enumerate() {
            // Someone at a company that existed by then, mostly.
            let known = self.companies.partition_point(|c| c.created <= created);
            let company = (known > 0 && !self.rng.chance(0.15)).then(|| self.rng.below(known));
            let (first, last) = (self.rng.below(FIRST_NAMES.len()), self.rng.below(LAST_NAMES.len()));
            let (first_name, last_name) = (FIRST_NAMES[first], LAST_NAMES[last]);
            let name = format!("{first_name} {last_name}");
            let id = uuid_at(&mut self.rng, created);
            let job_title = *self.rng.pick(&JOB_TITLES);
            let status = *self.rng.pick(&["customer", "customer", "customer", "prospect", "prospect", "lead", "lead", "partner", "inactive", "inactive"]);
            let local = format!("{}.{}", ascii(first_name), ascii(last_name));
            let email = match company {
                Some(c) => format!("{local}@{}", self.companies[c].domain),
                None => format!("{local}{}@{}", self.rng.below(90) + 10, self.rng.pick(&PERSONAL_DOMAINS)),
            };
            let country = match company {
                Some(c) => self.companies[c].country,
                None => self.rng.below(COUNTRIES.len()),
            };
            let phone = digits(&mut self.rng, COUNTRIES[country].mobile);
            let linkedin = if self.rng.chance(0.3) {
                format!("https://www.linkedin.com/in/{}-{}-{:x}", ascii(first_name), ascii(last_name), self.rng.below(0xfffff))
            } else {
                String::new()
            };
            let owner = self.worker();
            let terms = index_words(&[name.as_str(), "", email.as_str()], &["", phone.as_str()]);
            self.document("contact", &id, &name, &email, terms);
            self.created_event("contact", &id, &owner, created);
            let phone_digits: String = phone.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
            let phone_label = *self.rng.pick(&["mobile", "mobile", "work"]);
            channels.push(vec![self.ws(), id.clone().into(), "email".into(), 0i64.into(), "work".into(), email.clone().into(), email.to_lowercase().into(), 1i64.into()]);
            channels.push(vec![self.ws(), id.clone().into(), "phone".into(), 0i64.into(), phone_label.into(), phone.into(), phone_digits.into(), 1i64.into()]);
            contacts.push(vec![
                self.ws(), id.clone().into(), first_name.into(), last_name.into(), sort_key(&name).into(), job_title.into(),
                company.map(|c| self.companies[c].id.clone()).into(), status.into(), linkedin.into(), Some(owner).into(), created.into(), created.into(),
            ]);
            if let Some(c) = company {
                self.company_contacts[c].push(i);
            }
            self.contacts.push(ContactInfo { id, first, last, company, created });
            if contacts.is_full() {
                contacts.flush(conn, self.dialect).await?;
                channels.flush(conn, self.dialect).await?;
            }
            self.flush_side_tables(conn).await?;
            if (i + 1) % 25_000 == 0 {
                progress("contacts so far", (i + 1) as u64, phase);
            }
        }
        contacts.flush(conn, self.dialect).await?;
        channels.flush(conn, self.dialect).await?;
        self.contact_deals = vec![Vec::new(); self.contacts.len()];
        self.rows += contacts.written + channels.written;
        progress("contacts (and 2 channels each)", contacts.written, phase);
        Ok(())
    }

    async fn leads(&mut self, conn: &mut AnyConnection) -> Result<(), String> {
        let phase = Instant::now();
        let mut leads = Inserter::new(
            "leads",
            &["workspace_id", "id", "name", "sort_name", "company_name", "email", "phone", "source", "status", "owner_id", "created_at", "updated_at"],
        );
        for created in self.times(self.size.leads) {
            let (first_name, last_name) = (*self.rng.pick(&FIRST_NAMES), *self.rng.pick(&LAST_NAMES));
            let name = format!("{first_name} {last_name}");
            // Sometimes a company already in the CRM, mostly not.
            let (company_name, domain, country, _) = company_name(self.rng.below(COMBINATIONS));
            let email = if self.rng.chance(0.2) {
                format!("{}{}@{}", ascii(first_name), self.rng.below(900) + 100, self.rng.pick(&PERSONAL_DOMAINS))
            } else {
                format!("{}.{}@{domain}", ascii(first_name), ascii(last_name))
            };
            let phone = if self.rng.chance(0.7) { digits(&mut self.rng, COUNTRIES[country].office) } else { String::new() };
            let source = *self.rng.pick(&["web", "web", "web", "referral", "referral", "event", "import", "other"]);
            let status = if created < self.now_ms - 120 * DAY_MS {
                *self.rng.pick(&["contacted", "qualified", "disqualified", "disqualified", "new"])
            } else {
                *self.rng.pick(&["new", "new", "new", "contacted", "contacted", "qualified"])
            };
            let id = uuid_at(&mut self.rng, created);
            let owner = self.worker();
            let terms = index_words(&[name.as_str(), format!("{company_name} {email}").as_str()], &[phone.as_str()]);
            self.document("lead", &id, &name, &company_name, terms);
            self.created_event("lead", &id, &owner, created);
            leads.push(vec![
                self.ws(), id.into(), name.clone().into(), sort_key(&name).into(), company_name.into(), email.into(), phone.into(),
                source.into(), status.into(), Some(owner).into(), created.into(), created.into(),
            ]);
            if leads.is_full() {
                leads.flush(conn, self.dialect).await?;
            }
            self.flush_side_tables(conn).await?;
        }
        leads.flush(conn, self.dialect).await?;
        self.rows += leads.written;
        progress("leads", leads.written, phase);
        Ok(())
    }

    async fn deals(&mut self, conn: &mut AnyConnection) -> Result<(), String> {
        let phase = Instant::now();
        let stages = db::deals::stages(conn, &self.workspace_id).await.map_err(|e| format!("demo: stages: {e}"))?;
        let open: Vec<usize> = (0..stages.len()).filter(|&s| stages[s].kind() == StageKind::Open).collect();
        let won = stages.iter().position(|s| s.kind() == StageKind::Won);
        let lost = stages.iter().position(|s| s.kind() == StageKind::Lost);
        let mut deals = Inserter::new(
            "deals",
            &["workspace_id", "id", "name", "sort_name", "company_id", "amount_minor", "currency", "stage_id", "expected_close", "lost_reason", "owner_id", "closed_at", "created_at", "updated_at"],
        );
        let mut deal_contacts = Inserter::new("deal_contacts", &["workspace_id", "deal_id", "contact_id"]);
        for (i, created) in self.times(self.size.deals).into_iter().enumerate() {
            let known = self.companies.partition_point(|c| c.created <= created);
            let company = (known > 0 && !self.rng.chance(0.08)).then(|| self.rng.below(known));
            let product = *self.rng.pick(&PRODUCTS);
            let name = match company {
                Some(c) => format!("{} – {product}", self.companies[c].name),
                None => {
                    let contact = &self.contacts[self.rng.below(self.contacts.len())];
                    format!("{product} – {} {}", FIRST_NAMES[contact.first], LAST_NAMES[contact.last])
                }
            };
            // The oldest deals cover every stage once; after that, old deals are mostly closed.
            let age = self.now_ms - created;
            let stage = if i < stages.len() {
                i
            } else if self.rng.chance(if age > 90 * DAY_MS { 0.85 } else { 0.15 }) {
                if self.rng.chance(0.45) { won.unwrap_or(0) } else { lost.unwrap_or(0) }
            } else {
                let weights = [35, 25, 22, 18];
                let mut roll = self.rng.below(100);
                let mut chosen = open.len().saturating_sub(1);
                for (k, weight) in weights.iter().enumerate().take(open.len()) {
                    if roll < *weight {
                        chosen = k;
                        break;
                    }
                    roll -= weight;
                }
                open.get(chosen).copied().unwrap_or(0)
            };
            let kind = stages[stage].kind();
            let closed_at = (kind != StageKind::Open).then(|| {
                let longest = age.clamp(DAY_MS, 180 * DAY_MS);
                (created + self.rng.between(DAY_MS.min(longest - 1), longest)).min(self.now_ms - HOUR_MS)
            });
            let expected_close = match closed_at {
                Some(at) => date_of(at),
                None => date_of(self.now_ms + self.rng.between(-20 * DAY_MS, 150 * DAY_MS)),
            };
            let lost_reason = if kind == StageKind::Lost { *self.rng.pick(&LOST_REASONS) } else { "" };
            let currency = match company.map(|c| self.companies[c].country) {
                Some(country) if !self.rng.chance(0.2) => COUNTRIES[country].currency,
                _ => *self.rng.pick(&["EUR", "EUR", "USD"]),
            };
            let units = (500.0 * (500.0f64).powf(self.rng.unit())) as i64 / 50 * 50;
            let id = uuid_at(&mut self.rng, created);
            let owner = self.worker();
            self.document("deal", &id, &name, "", index_words(&[name.as_str(), ""], &[""]));
            self.created_event("deal", &id, &owner, created);
            // The people involved: one to three of the company's contacts known by then.
            let mut involved: Vec<usize> = Vec::new();
            if let Some(c) = company {
                let people = &self.company_contacts[c];
                let known_people = people.partition_point(|&p| self.contacts[p].created <= created).max(people.len().min(1));
                for _ in 0..1 + self.rng.below(3) {
                    if known_people > 0 {
                        let person = people[self.rng.below(known_people)];
                        if !involved.contains(&person) {
                            involved.push(person);
                        }
                    }
                }
            }
            for &person in &involved {
                deal_contacts.push(vec![self.ws(), id.clone().into(), self.contacts[person].id.clone().into()]);
                self.contact_deals[person].push(i);
            }
            deals.push(vec![
                self.ws(), id.clone().into(), name.clone().into(), sort_key(&name).into(), company.map(|c| self.companies[c].id.clone()).into(),
                (units * 100).into(), currency.into(), stages[stage].id.clone().into(), expected_close.into(), lost_reason.into(), Some(owner).into(),
                closed_at.into(), created.into(), closed_at.unwrap_or(created).into(),
            ]);
            self.deals.push(DealInfo { id, company });
            if deals.is_full() {
                deals.flush(conn, self.dialect).await?;
                deal_contacts.flush(conn, self.dialect).await?;
            }
            self.flush_side_tables(conn).await?;
        }
        deals.flush(conn, self.dialect).await?;
        deal_contacts.flush(conn, self.dialect).await?;
        self.rows += deals.written + deal_contacts.written;
        progress("deals (and their contacts)", deals.written, phase);
        Ok(())
    }

    async fn tickets(&mut self, conn: &mut AnyConnection) -> Result<(), String> {
        let phase = Instant::now();
        let mut tickets = Inserter::new(
            "tickets",
            &["workspace_id", "id", "subject", "description", "status", "priority", "contact_id", "company_id", "assignee_id", "owner_id", "created_at", "updated_at"],
        );
        let statuses = ["open", "pending", "resolved", "closed"];
        let priorities = ["low", "normal", "high", "urgent"];
        for (i, created) in self.times(self.size.tickets).into_iter().enumerate() {
            let known = self.contacts.partition_point(|c| c.created <= created).max(1);
            let contact = (!self.rng.chance(0.05)).then(|| self.rng.below(known));
            let company = contact.and_then(|c| self.contacts[c].company);
            let (subject, description) = *self.rng.pick(&TICKETS);
            let age = self.now_ms - created;
            let status = if i < statuses.len() {
                statuses[i]
            } else if age > 30 * DAY_MS {
                *self.rng.pick(&["closed", "closed", "closed", "resolved", "resolved", "resolved", "open", "pending"])
            } else {
                *self.rng.pick(&["open", "open", "open", "pending", "pending", "resolved"])
            };
            let priority = if i < priorities.len() { priorities[i] } else { *self.rng.pick(&["low", "low", "normal", "normal", "normal", "normal", "high", "high", "urgent"]) };
            let id = uuid_at(&mut self.rng, created);
            let owner = self.worker();
            let assignee = self.worker();
            self.document("ticket", &id, subject, status, index_words(&[subject, ""], &[""]));
            self.created_event("ticket", &id, &owner, created);
            tickets.push(vec![
                self.ws(), id.clone().into(), subject.into(), description.into(), status.into(), priority.into(),
                contact.map(|c| self.contacts[c].id.clone()).into(), company.map(|c| self.companies[c].id.clone()).into(),
                Some(assignee).into(), Some(owner).into(), created.into(), created.into(),
            ]);
            self.tickets.push(id);
            if tickets.is_full() {
                tickets.flush(conn, self.dialect).await?;
            }
            self.flush_side_tables(conn).await?;
        }
        tickets.flush(conn, self.dialect).await?;
        self.rows += tickets.written;
        progress("tickets", tickets.written, phase);
        Ok(())
    }

    /// A contact for a piece of work done at `at`: one known by then, a fifth of the time one of
    /// the oldest one percent (at least 20): key accounts get more of the attention.
    fn contact_for(&mut self, at: i64) -> usize {
        let known = self.contacts.partition_point(|c| c.created <= at).max(1);
        if self.rng.chance(0.2) {
            self.rng.below((known / 100).max(20).min(known))
        } else {
            self.rng.below(known)
        }
    }

    async fn activities(&mut self, conn: &mut AnyConnection) -> Result<(), String> {
        let phase = Instant::now();
        let mut activities = Inserter::new(
            "activities",
            &["workspace_id", "id", "kind", "subject", "description", "due_at", "done_at", "assignee_id", "owner_id", "created_at", "updated_at"],
        );
        let mut links = Inserter::new("activity_links", &["workspace_id", "activity_id", "record_kind", "record_id"]);
        let day_start = self.now_ms.div_euclid(DAY_MS) * DAY_MS;
        for (i, created) in self.times(self.size.activities).into_iter().enumerate() {
            let contact = self.contact_for(created);
            let kind = *self.rng.pick(&["call", "call", "meeting", "task", "task", "email"]);
            let first = FIRST_NAMES[self.contacts[contact].first];
            let company = self.contacts[contact].company;
            let topic = *self.rng.pick(&TOPICS);
            let subject = match kind {
                "call" => format!("Call {first} about {topic}"),
                "meeting" => match company {
                    Some(c) => format!("Meeting with {}: {topic}", self.companies[c].name),
                    None => format!("Meeting with {first}: {topic}"),
                },
                "email" => format!("Email {first}: {topic}"),
                _ => format!("{} {first}", self.rng.pick(&TASKS)),
            };
            let description = if self.rng.chance(0.3) { format!("Agenda: {topic}. Bring the latest figures.") } else { String::new() };
            let age = self.now_ms - created;
            let open = self.rng.chance(if age < 45 * DAY_MS { 0.7 } else { 0.03 });
            let (due_at, done_at) = if open {
                let roll = self.rng.below(100);
                let due = if roll < 35 {
                    Some(self.rng.between((self.now_ms - 30 * DAY_MS).max(created), self.now_ms - 10 * 60_000))
                } else if roll < 50 {
                    Some(self.rng.between(day_start, day_start + DAY_MS))
                } else if roll < 90 {
                    Some(self.rng.between(self.now_ms + DAY_MS, self.now_ms + 30 * DAY_MS))
                } else {
                    None
                };
                (due, None)
            } else {
                let due = (created + self.rng.between(HOUR_MS, 10 * DAY_MS)).min(self.now_ms - HOUR_MS);
                let done = (due + self.rng.between(0, 2 * DAY_MS)).min(self.now_ms - 60_000).max(created);
                (Some(due), Some(done))
            };
            let id = uuid_at(&mut self.rng, created);
            let owner = self.worker();
            let assignee = if self.rng.chance(0.9) { owner.clone() } else { self.worker() };
            self.created_event("activity", &id, &owner, created);
            links.push(vec![self.ws(), id.clone().into(), "contact".into(), self.contacts[contact].id.clone().into()]);
            if let Some(c) = company.filter(|_| self.rng.chance(0.5)) {
                links.push(vec![self.ws(), id.clone().into(), "company".into(), self.companies[c].id.clone().into()]);
            }
            if !self.contact_deals[contact].is_empty() && self.rng.chance(0.4) {
                let deal = *self.rng.pick(&self.contact_deals[contact]);
                links.push(vec![self.ws(), id.clone().into(), "deal".into(), self.deals[deal].id.clone().into()]);
            }
            if !self.tickets.is_empty() && kind == "email" && self.rng.chance(0.05) {
                let ticket = self.rng.pick(&self.tickets).clone();
                links.push(vec![self.ws(), id.clone().into(), "ticket".into(), ticket.into()]);
            }
            activities.push(vec![
                self.ws(), id.into(), kind.into(), subject.into(), description.into(), due_at.into(), done_at.into(),
                Some(assignee).into(), Some(owner).into(), created.into(), done_at.unwrap_or(created).into(),
            ]);
            if activities.is_full() {
                activities.flush(conn, self.dialect).await?;
                links.flush(conn, self.dialect).await?;
            }
            self.flush_side_tables(conn).await?;
            if (i + 1) % 50_000 == 0 {
                progress("activities so far", (i + 1) as u64, phase);
            }
        }
        activities.flush(conn, self.dialect).await?;
        links.flush(conn, self.dialect).await?;
        self.rows += activities.written + links.written;
        progress("activities (and their links)", activities.written, phase);
        Ok(())
    }

    async fn notes(&mut self, conn: &mut AnyConnection) -> Result<(), String> {
        let phase = Instant::now();
        let mut notes = Inserter::new("notes", &["workspace_id", "id", "body", "author_id", "created_at", "updated_at"]);
        let mut links = Inserter::new("note_links", &["workspace_id", "note_id", "record_kind", "record_id"]);
        for created in self.times(self.size.notes) {
            let contact = self.contact_for(created);
            let person = &self.contacts[contact];
            let first = FIRST_NAMES[person.first];
            let company = person.company;
            let body = match self.rng.below(4) {
                0 => format!("Spoke with {first} about {}. Next step: {}.", self.rng.pick(&TOPICS), self.rng.pick(&TASKS).to_lowercase()),
                1 => format!("{first} prefers email over calls; best reached in the morning."),
                2 => format!("Budget is confirmed for next quarter. {first} will loop in procurement."),
                _ => format!("Sent the follow-up on {}. Waiting for {first}'s feedback.", self.rng.pick(&TOPICS)),
            };
            let id = uuid_at(&mut self.rng, created);
            let author = self.worker();
            let mut linked = false;
            if self.rng.chance(0.85) || company.is_none() {
                links.push(vec![self.ws(), id.clone().into(), "contact".into(), self.contacts[contact].id.clone().into()]);
                linked = true;
            }
            if let Some(c) = company.filter(|_| !linked || self.rng.chance(0.4)) {
                links.push(vec![self.ws(), id.clone().into(), "company".into(), self.companies[c].id.clone().into()]);
            }
            if !self.contact_deals[contact].is_empty() && self.rng.chance(0.3) {
                let deal = *self.rng.pick(&self.contact_deals[contact]);
                if self.deals[deal].company == company || company.is_none() {
                    links.push(vec![self.ws(), id.clone().into(), "deal".into(), self.deals[deal].id.clone().into()]);
                }
            }
            notes.push(vec![self.ws(), id.into(), body.into(), Some(author).into(), created.into(), created.into()]);
            if notes.is_full() {
                notes.flush(conn, self.dialect).await?;
                links.flush(conn, self.dialect).await?;
            }
        }
        notes.flush(conn, self.dialect).await?;
        links.flush(conn, self.dialect).await?;
        self.rows += notes.written + links.written;
        progress("notes (and their links)", notes.written, phase);
        Ok(())
    }
}

fn progress(what: &str, rows: u64, since: Instant) {
    println!("demo: {rows} {what} in {:.1} s", since.elapsed().as_secs_f64());
}

// ---------------------------------------------------------------------------------------------
// Multi-row inserts

/// One bound value, typed so that a NULL has the column's type on PostgreSQL.
enum Cell {
    Text(String),
    Int(i64),
    MaybeText(Option<String>),
    MaybeInt(Option<i64>),
}

impl From<String> for Cell {
    fn from(value: String) -> Self {
        Cell::Text(value)
    }
}

impl From<&str> for Cell {
    fn from(value: &str) -> Self {
        Cell::Text(value.to_owned())
    }
}

impl From<i64> for Cell {
    fn from(value: i64) -> Self {
        Cell::Int(value)
    }
}

impl From<Option<String>> for Cell {
    fn from(value: Option<String>) -> Self {
        Cell::MaybeText(value)
    }
}

impl From<Option<i64>> for Cell {
    fn from(value: Option<i64>) -> Self {
        Cell::MaybeInt(value)
    }
}

/// Rows for one table, written as `insert … values (…), (…)` of at most 500 rows and 30,000
/// parameters (SQLite allows 32,766; PostgreSQL 65,535).
struct Inserter {
    table: &'static str,
    columns: &'static [&'static str],
    cells: Vec<Cell>,
    max_rows: usize,
    written: u64,
}

impl Inserter {
    fn new(table: &'static str, columns: &'static [&'static str]) -> Self {
        Inserter { table, columns, cells: Vec::new(), max_rows: (30_000 / columns.len()).min(500), written: 0 }
    }

    fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.columns.len(), "a row of {}", self.table);
        self.cells.extend(row);
    }

    fn is_full(&self) -> bool {
        self.cells.len() >= self.max_rows * self.columns.len()
    }

    /// Writes every row pushed so far.
    async fn flush(&mut self, conn: &mut AnyConnection, dialect: Dialect) -> Result<(), String> {
        let width = self.columns.len();
        let mut cells = std::mem::take(&mut self.cells).into_iter().peekable();
        while cells.peek().is_some() {
            let chunk: Vec<Cell> = cells.by_ref().take(self.max_rows * width).collect();
            let rows = chunk.len() / width;
            let mut sql = format!("insert into {} ({}) values ", self.table, self.columns.join(", "));
            for row in 0..rows {
                sql.push_str(if row == 0 { "(" } else { ", (" });
                for column in 0..width {
                    if column > 0 {
                        sql.push_str(", ");
                    }
                    match dialect {
                        // sqlx looks each `$N` of a SQLite statement up by name, a scan of all
                        // parameters per parameter: plain `?` keeps a 8,000-value insert linear.
                        Dialect::Sqlite => sql.push('?'),
                        Dialect::Postgres => sql.push_str(&format!("${}", row * width + column + 1)),
                    }
                }
                sql.push(')');
            }
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
            for cell in chunk {
                query = match cell {
                    Cell::Text(value) => query.bind(value),
                    Cell::Int(value) => query.bind(value),
                    Cell::MaybeText(value) => query.bind(value),
                    Cell::MaybeInt(value) => query.bind(value),
                };
            }
            query.execute(&mut *conn).await.map_err(|e| format!("demo: {}: {e}", self.table))?;
            self.written += rows as u64;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// Randomness, ids, dates

/// splitmix64: small, fast and good enough for made-up names.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next_u64() % n as u64) as usize }
    }

    /// A number in `[lo, hi)` (`lo` when the range is empty).
    fn between(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo { lo } else { lo + (self.next_u64() % (hi - lo) as u64) as i64 }
    }

    /// In `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// A UUIDv7 for a record created at `ms`, so ids sort by creation time as the app's own do.
fn uuid_at(rng: &mut Rng, ms: i64) -> String {
    let ts = (ms.max(0) as u64) & 0xFFFF_FFFF_FFFF;
    let rand_a = rng.next_u64() & 0x0FFF;
    let rand_b = (rng.next_u64() & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000;
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        ts >> 16,
        ts & 0xFFFF,
        0x7000 | rand_a,
        rand_b >> 48,
        rand_b & 0xFFFF_FFFF_FFFF
    )
}

/// `YYYY-MM-DD` of a unix time in milliseconds (UTC).
fn date_of(ms: i64) -> String {
    let z = ms.div_euclid(DAY_MS) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// `pattern` with every `#` replaced by a random digit.
fn digits(rng: &mut Rng, pattern: &str) -> String {
    pattern.chars().map(|c| if c == '#' { char::from(b'0' + rng.below(10) as u8) } else { c }).collect()
}

/// A name as it can appear in an email address: `Wiśniewski` → `wisniewski`, `O'Brien` → `obrien`.
fn ascii(name: &str) -> String {
    let mut out = String::new();
    for c in name.to_lowercase().chars() {
        match c {
            'á' | 'à' | 'â' | 'ä' | 'å' | 'ã' => out.push('a'),
            'é' | 'è' | 'ê' | 'ë' => out.push('e'),
            'í' | 'ì' | 'î' | 'ï' | 'ı' => out.push('i'),
            'ó' | 'ò' | 'ô' | 'ö' | 'ø' | 'õ' => out.push('o'),
            'ú' | 'ù' | 'û' | 'ü' => out.push('u'),
            'ñ' | 'ń' => out.push('n'),
            'ç' | 'ć' => out.push('c'),
            'ś' | 'š' => out.push('s'),
            'ł' => out.push('l'),
            'ż' | 'ź' => out.push('z'),
            'ğ' => out.push('g'),
            'ß' => out.push_str("ss"),
            c if c.is_ascii_alphanumeric() => out.push(c),
            _ => {}
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Names

struct Country {
    suffix: &'static str,
    name: &'static str,
    tld: &'static str,
    currency: &'static str,
    office: &'static str,
    mobile: &'static str,
    postal: &'static str,
    cities: [(&'static str, &'static str); 4],
}

const COUNTRIES: [Country; 8] = [
    Country { suffix: "GmbH", name: "Germany", tld: "de", currency: "EUR", office: "+49 30 #######", mobile: "+49 151 ########", postal: "1####",
        cities: [("Berlin", "Berlin"), ("Munich", "Bavaria"), ("Hamburg", "Hamburg"), ("Cologne", "North Rhine-Westphalia")] },
    Country { suffix: "Ltd", name: "United Kingdom", tld: "co.uk", currency: "GBP", office: "+44 20 #### ####", mobile: "+44 7700 ######", postal: "EC#A #BB",
        cities: [("London", "England"), ("Manchester", "England"), ("Bristol", "England"), ("Edinburgh", "Scotland")] },
    Country { suffix: "Inc.", name: "United States", tld: "com", currency: "USD", office: "+1 415 555 ####", mobile: "+1 212 555 ####", postal: "9####",
        cities: [("San Francisco", "CA"), ("New York", "NY"), ("Austin", "TX"), ("Boston", "MA")] },
    Country { suffix: "SAS", name: "France", tld: "fr", currency: "EUR", office: "+33 1 ## ## ## ##", mobile: "+33 6 ## ## ## ##", postal: "75###",
        cities: [("Paris", "Île-de-France"), ("Lyon", "Auvergne-Rhône-Alpes"), ("Nantes", "Pays de la Loire"), ("Toulouse", "Occitanie")] },
    Country { suffix: "B.V.", name: "Netherlands", tld: "nl", currency: "EUR", office: "+31 20 ### ####", mobile: "+31 6 ########", postal: "10## AB",
        cities: [("Amsterdam", "North Holland"), ("Rotterdam", "South Holland"), ("Utrecht", "Utrecht"), ("Eindhoven", "North Brabant")] },
    Country { suffix: "AB", name: "Sweden", tld: "se", currency: "SEK", office: "+46 8 ### ## ##", mobile: "+46 70 ### ## ##", postal: "1## ##",
        cities: [("Stockholm", "Stockholm"), ("Gothenburg", "Västra Götaland"), ("Malmö", "Skåne"), ("Uppsala", "Uppsala")] },
    Country { suffix: "S.r.l.", name: "Italy", tld: "it", currency: "EUR", office: "+39 02 #### ####", mobile: "+39 347 ### ####", postal: "20###",
        cities: [("Milan", "Lombardy"), ("Rome", "Lazio"), ("Turin", "Piedmont"), ("Bologna", "Emilia-Romagna")] },
    Country { suffix: "S.L.", name: "Spain", tld: "es", currency: "EUR", office: "+34 91 ### ## ##", mobile: "+34 612 ### ###", postal: "28###",
        cities: [("Madrid", "Madrid"), ("Barcelona", "Catalonia"), ("Valencia", "Valencia"), ("Seville", "Andalusia")] },
];

const COMPANY_WORDS: [&str; 60] = [
    "Northwind", "Bluepeak", "Silverline", "Greenfield", "Redwood", "Brightstone", "Clearwater", "Ironbridge", "Suncrest", "Oakridge",
    "Lakeside", "Highland", "Stonegate", "Riverbend", "Westgate", "Eastwood", "Goldleaf", "Blackbird", "Whitehall", "Crossroad",
    "Summit", "Pioneer", "Horizon", "Vertex", "Nimbus", "Quantum", "Atlas", "Beacon", "Cobalt", "Delta",
    "Ember", "Falcon", "Granite", "Harbor", "Indigo", "Juniper", "Keystone", "Lumen", "Meridian", "Nova",
    "Orchid", "Polar", "Quarry", "Radiant", "Sapphire", "Tandem", "Unity", "Vanguard", "Willow", "Zenith",
    "Alder", "Birch", "Cedar", "Maple", "Aspen", "Coral", "Dune", "Fjord", "Glacier", "Heron",
];

/// (word, industry).
const TRADES: [(&str, &str); 45] = [
    ("Logistics", "Transport & logistics"), ("Analytics", "Software"), ("Software", "Software"), ("Systems", "IT services"),
    ("Foods", "Food & beverage"), ("Energy", "Energy"), ("Media", "Media"), ("Health", "Healthcare"), ("Robotics", "Manufacturing"),
    ("Textiles", "Manufacturing"), ("Labs", "Research"), ("Consulting", "Professional services"), ("Finance", "Financial services"),
    ("Motors", "Automotive"), ("Design", "Creative services"), ("Networks", "Telecommunications"), ("Pharma", "Pharmaceuticals"),
    ("Solar", "Energy"), ("Freight", "Transport & logistics"), ("Furniture", "Retail"), ("Interiors", "Construction"),
    ("Optics", "Manufacturing"), ("Metals", "Manufacturing"), ("Plastics", "Chemicals"), ("Apparel", "Retail"), ("Travel", "Travel"),
    ("Insurance", "Insurance"), ("Ventures", "Financial services"), ("Dynamics", "Engineering"), ("Instruments", "Manufacturing"),
    ("Marine", "Transport & logistics"), ("Aerospace", "Aerospace"), ("Security", "IT services"), ("Learning", "Education"),
    ("Studios", "Media"), ("Brewing", "Food & beverage"), ("Coffee", "Food & beverage"), ("Bakery", "Food & beverage"),
    ("Architects", "Construction"), ("Engineering", "Engineering"), ("Biotech", "Biotechnology"), ("Telecom", "Telecommunications"),
    ("Packaging", "Manufacturing"), ("Print", "Media"), ("Outdoor", "Retail"),
];

const COMBINATIONS: usize = COMPANY_WORDS.len() * TRADES.len() * COUNTRIES.len();

/// The `i`th company name: (name, domain, country index, industry). Distinct for the first
/// `COMBINATIONS` (21,600); numbered after that.
fn company_name(i: usize) -> (String, String, usize, &'static str) {
    // A step coprime with 21,600 walks every combination once, in a mixed-up order.
    let combination = (i * 7919) % COMBINATIONS;
    let word = COMPANY_WORDS[combination % COMPANY_WORDS.len()];
    let (trade, industry) = TRADES[(combination / COMPANY_WORDS.len()) % TRADES.len()];
    let country = combination / (COMPANY_WORDS.len() * TRADES.len());
    let round = i / COMBINATIONS;
    let number = if round == 0 { String::new() } else { (round + 1).to_string() };
    let spaced = if number.is_empty() { String::new() } else { format!(" {number}") };
    let name = format!("{word} {trade}{spaced} {}", COUNTRIES[country].suffix);
    let domain = format!("{}-{}{number}.{}", ascii(word), ascii(trade), COUNTRIES[country].tld);
    (name, domain, country, industry)
}

const FIRST_NAMES: [&str; 90] = [
    "Anna", "Ben", "Carla", "David", "Elena", "Felix", "Greta", "Hugo", "Ines", "Jonas", "Katharina", "Lukas", "Maria", "Martin",
    "Nina", "Oliver", "Paula", "Quentin", "Rosa", "Samuel", "Sofia", "Thomas", "Ursula", "Victor", "Wendy", "Xavier", "Yasmin",
    "Zoe", "Ahmed", "Amara", "Björn", "Chloé", "Diego", "Emma", "Fatima", "Giulia", "Hannah", "Ivan", "Jana", "Kenji", "Lea",
    "Leon", "Marco", "Mei", "Mohammed", "Noah", "Olga", "Pedro", "Priya", "Rafael", "Sara", "Tobias", "Valentina", "William",
    "Yuki", "Aisha", "Alexander", "Camille", "Daniel", "Eva", "Francesca", "Georg", "Helena", "Isabel", "Jakob", "Julia", "Karin",
    "Lars", "Laura", "Magnus", "Marta", "Nils", "Omar", "Peter", "Rania", "Sebastian", "Sophie", "Theo", "Vera", "Zeynep",
    "Mateo", "Lucía", "Søren", "Agnieszka", "Tomasz", "Chiara", "Luca", "Emily", "James", "Olivia",
];

const LAST_NAMES: [&str; 100] = [
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann", "Schulz", "Smith", "Johnson",
    "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Martínez", "Rodríguez", "López", "González", "Hernández", "Pérez",
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Rossi", "Russo",
    "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Jansen", "de Vries", "van Dijk", "Bakker", "Visser", "Smit",
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Larsen", "Hansen", "Nielsen", "Jensen", "Kowalski", "Nowak", "Wiśniewski",
    "Novák", "Svoboda", "Horváth", "Nagy", "Popescu", "Ionescu", "Papadopoulos", "Yılmaz", "Kaya", "Demir", "Silva", "Santos",
    "Ferreira", "Pereira", "Oliveira", "Costa", "O'Brien", "Murphy", "Kelly", "Walsh", "Taylor", "Wilson", "Evans", "Thompson",
    "Patel", "Khan", "Singh", "Kumar", "Sharma", "Chen", "Wang", "Li", "Zhang", "Liu", "Tanaka", "Suzuki", "Sato", "Kim", "Lee",
    "Park", "Nguyen",
];

const JOB_TITLES: [&str; 20] = [
    "CEO", "CTO", "Head of Sales", "Sales Manager", "Account Executive", "Marketing Manager", "Procurement Lead", "Operations Manager",
    "Office Manager", "Finance Director", "HR Manager", "Product Manager", "IT Administrator", "Customer Success Manager", "Founder",
    "Managing Director", "Purchasing Agent", "Engineer", "Consultant", "Project Manager",
];

const PERSONAL_DOMAINS: [&str; 5] = ["gmail.com", "outlook.com", "proton.me", "icloud.com", "gmx.de"];

const STREETS: [&str; 12] = [
    "Market Street", "Harbour Road", "Station Road", "Park Avenue", "Mill Lane", "Church Street", "High Street", "Bridge Street",
    "Garden Row", "Canal Walk", "Queen's Road", "Elm Avenue",
];

const PRODUCTS: [&str; 14] = [
    "Annual licence", "Renewal", "Expansion", "Pilot project", "Onboarding package", "Support upgrade", "Consulting days",
    "Enterprise plan", "Team plan", "Hardware order", "Training workshop", "Integration project", "Multi-year agreement", "Add-on seats",
];

const LOST_REASONS: [&str; 6] = ["Price", "Chose a competitor", "No budget", "No decision", "Timing", "Missing feature"];

const TOPICS: [&str; 12] = [
    "the renewal", "pricing", "the proposal", "the onboarding plan", "next quarter's order", "the integration", "a product demo",
    "contract terms", "the support case", "a reference call", "training dates", "the rollout",
];

const TASKS: [&str; 8] = [
    "Send proposal to", "Prepare quote for", "Book demo with", "Send contract to", "Check in with", "Share case study with",
    "Update forecast for", "Send invoice copy to",
];

const TICKETS: [(&str, &str); 12] = [
    ("Cannot sign in after password reset", "The reset link worked but signing in still fails."),
    ("Invoice shows the wrong VAT number", "Please correct the VAT number on last month's invoice."),
    ("Export to CSV times out", "Exporting all contacts stops after a minute."),
    ("Feature request: calendar sync", "Would like meetings to appear in our shared calendar."),
    ("Duplicate contacts after import", "The spreadsheet import created some contacts twice."),
    ("Add two more seats", "We are hiring and need two more users."),
    ("Emails bounce for one domain", "Messages to our partner's domain are returned."),
    ("Question about data retention", "How long are deleted records kept?"),
    ("Dashboard figures look off", "The won total differs from our own report."),
    ("Slow search on mobile", "Searching takes several seconds on the phone."),
    ("Change billing contact", "Please send invoices to our finance team instead."),
    ("Training for new colleagues", "Can we book a short introduction session?"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_calendar_dates() {
        assert_eq!(date_of(0), "1970-01-01");
        assert_eq!(date_of(1_795_737_600_000), "2026-11-27");
        assert_eq!(date_of(951_782_400_000), "2000-02-29");
    }

    #[test]
    fn ids_are_version_7_and_sort_by_time() {
        let mut rng = Rng(1);
        let (early, late) = (uuid_at(&mut rng, 1_700_000_000_000), uuid_at(&mut rng, 1_700_000_000_001));
        assert!(early < late);
        assert_eq!(&early[14..15], "7");
        assert!(matches!(&early[19..20], "8" | "9" | "a" | "b"));
        assert_eq!(early.len(), 36);
    }

    #[test]
    fn company_names_are_distinct_and_domains_plain() {
        let names: std::collections::HashSet<String> = (0..COMBINATIONS).map(|i| company_name(i).0).collect();
        assert_eq!(names.len(), COMBINATIONS);
        let (_, domain, _, _) = company_name(COMBINATIONS + 3);
        assert!(domain.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.'), "{domain}");
        assert_eq!(ascii("Wiśniewski"), "wisniewski");
        assert_eq!(ascii("O'Brien"), "obrien");
    }

    #[test]
    fn sizes_scale_from_the_default() {
        assert_eq!(DemoSize::scaled(1.0), DemoSize::default());
        assert_eq!(DemoSize::scaled(0.1).contacts, 10_000);
        assert_eq!(DemoSize::with_contacts(500).contacts, 500);
        assert_eq!(DemoSize::scaled(0.000_01).tickets, 1);
    }
}
