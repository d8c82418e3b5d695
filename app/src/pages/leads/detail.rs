//! One lead: its fields, the conversion form (or what it became) and its timeline.

use super::form::LeadFieldsInputs;
use crate::api::leads::{get_lead, ConvertLead, ConvertedInto, LeadDetail, UpdateLead};
use crate::api::trash::RestoreRecord;
use crate::components::field::{FormAlert, TextField};
use crate::domain::deals::CURRENCIES;
use crate::domain::records::RecordKind;
use crate::pages::records::{format_time, use_record_id, use_slug, ErrorNotice, RecordHeader, TimelinePanel};
use crate::api::person_privacy::SetPrivacyFlag;
use crate::pages::records::{erasure_resource, ErasureState, PersonPrivacyPanel, PrivacyBadges, RestrictedNotice};
use leptos::prelude::*;

#[component]
pub fn LeadPage() -> impl IntoView {
    let slug = use_slug();
    let id = use_record_id();
    let update = ServerAction::<UpdateLead>::new();
    let restore = ServerAction::<RestoreRecord>::new();
    let notes_added = RwSignal::new(0u32);
    let flagging = ServerAction::<SetPrivacyFlag>::new();
    let lead = Resource::new(
        move || (slug(), id(), update.version().get(), restore.version().get(), notes_added.get(), flagging.version().get()),
        |(slug, id, ..)| get_lead(slug, id),
    );
    let erasure = erasure_resource(slug, RecordKind::Lead, id);
    view! {
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let erasure = erasure.await;
                match lead.await {
                    Ok(detail) => view! { <LeadView detail slug=slug() update restore notes_added flagging erasure/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn LeadView(
    detail: LeadDetail,
    slug: String,
    update: ServerAction<UpdateLead>,
    restore: ServerAction<RestoreRecord>,
    notes_added: RwSignal<u32>,
    flagging: ServerAction<SetPrivacyFlag>,
    erasure: ErasureState,
) -> impl IntoView {
    // Viewers, and members on records they neither own nor are assigned to, read only; so is a
    // lead marked "do not process" (it can still go to the trash, but not be converted).
    let may_trash = detail.can_edit;
    let can_edit = detail.can_edit && !detail.flags.do_not_process;
    let flags = detail.flags;
    let privacy = view! {
        <PersonPrivacyPanel slug=slug.clone() kind=RecordKind::Lead id=detail.id.clone() name=detail.fields.name.clone()
            flags can_edit=may_trash in_trash=detail.in_trash flag_action=flagging erasure/>
    };
    let error = Signal::derive(move || update.value().get().and_then(Result::err));
    let saved = move || matches!(update.value().get(), Some(Ok(())));
    let conversion = match (&detail.converted, detail.in_trash || flags.do_not_process) {
        (Some(into), _) => view! { <ConvertedPanel slug=slug.clone() into=into.clone()/> }.into_any(),
        (None, false) => view! { <ConvertForm slug=slug.clone() detail=detail.clone()/> }.into_any(),
        (None, true) => ().into_any(),
    };
    let meta = format!(
        "Owner: {} · Created {} · Updated {}",
        detail.owner_name.clone().unwrap_or_else(|| "Former member".into()),
        format_time(detail.created_at),
        format_time(detail.updated_at)
    );
    let edit_form = {
        let (slug, id, fields, in_trash) = (slug.clone(), detail.id.clone(), detail.fields.clone(), detail.in_trash);
        view! {
            <ActionForm action=update attr:class="stack record-form" attr:aria-label="Lead details">
                <input type="hidden" name="slug" value=slug.clone()/>
                <input type="hidden" name="id" value=id/>
                <fieldset class="plain" disabled=!can_edit><LeadFieldsInputs values=fields error/></fieldset>
                {can_edit.then(|| view! { <button class="button primary" type="submit" disabled=in_trash>"Save changes"</button> })}
            </ActionForm>
        }
    };
    view! {
        <RecordHeader slug=slug.clone() kind=RecordKind::Lead id=detail.id.clone() title=detail.fields.name.clone()
            back=(format!("/w/{slug}/leads"), "Leads") in_trash=detail.in_trash can_edit=may_trash restore>
            {meta}
            <PrivacyBadges flags/>
        </RecordHeader>
        <div class="record-layout">
            <section class="panel" aria-labelledby="details-heading">
                <h2 id="details-heading">"Details"</h2>
                <FormAlert error/>
                <RestrictedNotice flags/>
                {move || saved().then_some(view! { <p class="notice" role="status">"Saved."</p> })}
                {edit_form}
            </section>
            <div class="record-side">
                {privacy}
                {conversion}
                <TimelinePanel slug=slug.clone() kind=RecordKind::Lead id=detail.id.clone() in_trash=detail.in_trash items=detail.timeline.clone() notes_added/>
            </div>
        </div>
    }
}

/// Turns the lead into a contact, and on request a company and a deal.
#[component]
fn ConvertForm(slug: String, detail: LeadDetail) -> impl IntoView {
    let convert = ServerAction::<ConvertLead>::new();
    let error = Signal::derive(move || convert.value().get().and_then(Result::err));
    let company_hint = if detail.fields.company_name.is_empty() {
        "Link to the company of the email's domain (an existing one, or a new one)".to_owned()
    } else {
        format!("Link to “{}” (an existing company with that name or domain, or a new one)", detail.fields.company_name)
    };
    view! {
        <section class="panel" aria-labelledby="convert-heading">
            <h2 id="convert-heading">"Convert"</h2>
            <p class="muted">"Qualified? Make this lead a contact in one step. The lead stays here, marked converted."</p>
            <FormAlert error/>
            <ActionForm action=convert attr:class="stack" attr:aria-label="Convert lead">
                <input type="hidden" name="slug" value=slug/>
                <input type="hidden" name="id" value=detail.id.clone()/>
                <label class="checkbox"><input type="checkbox" name="conversion[with_company]" value="true" checked=true/>" " {company_hint}</label>
                <label class="checkbox"><input type="checkbox" name="conversion[with_deal]" value="true"/>" Also open a deal in the first stage of the pipeline"</label>
                <TextField name="conversion[deal_name]" label="Deal name" hint="Optional; defaults to the company's name" error/>
                <div class="field-row">
                    <TextField name="conversion[deal_amount]" label="Amount" error/>
                    <div class="field">
                        <label for="convert-currency">"Currency"</label>
                        <select id="convert-currency" name="conversion[deal_currency]">
                            {CURRENCIES.iter().map(|(code, _)| view! { <option value=*code selected=*code == "EUR">{*code}</option> }).collect_view()}
                        </select>
                    </div>
                </div>
                <button class="button primary" type="submit" disabled=move || convert.pending().get()>"Convert to contact"</button>
            </ActionForm>
        </section>
    }
}

/// What the lead became, with links to each record that still exists.
#[component]
fn ConvertedPanel(slug: String, into: ConvertedInto) -> impl IntoView {
    let link = |kind: RecordKind, record: Option<(String, String)>| {
        record.map(|(id, name)| view! { <li>{kind.label()} ": " <a href=format!("/w/{slug}/{}/{id}", kind.path())>{name}</a></li> })
    };
    view! {
        <section class="panel" aria-labelledby="converted-heading">
            <h2 id="converted-heading">"Converted"</h2>
            <p class="muted">"Converted " {format_time(into.at)} " into:"</p>
            <ul class="related">
                {link(RecordKind::Contact, into.contact)}
                {link(RecordKind::Company, into.company)}
                {link(RecordKind::Deal, into.deal)}
            </ul>
        </section>
    }
}
