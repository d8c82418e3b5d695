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
use crate::i18n_setup::{t, t_string, use_i18n};
use leptos::prelude::*;

#[component]
pub fn LeadPage() -> impl IntoView {
    let i18n = use_i18n();
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
        <Suspense fallback=move || view! { <p class="muted">{t!(i18n, records.loading)}</p> }>
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
    let i18n = use_i18n();
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
    let meta = t_string!(
        i18n,
        records.meta,
        owner = detail.owner_name.clone().unwrap_or_else(|| t_string!(i18n, records.former_member).into()),
        created = format_time(detail.created_at),
        updated = format_time(detail.updated_at)
    );
    let edit_form = {
        let (slug, id, fields, in_trash) = (slug.clone(), detail.id.clone(), detail.fields.clone(), detail.in_trash);
        view! {
            <ActionForm action=update attr:class="stack record-form" attr:aria-label=t_string!(i18n, records.leads.details_label)>
                <input type="hidden" name="slug" value=slug.clone()/>
                <input type="hidden" name="id" value=id/>
                <fieldset class="plain" disabled=!can_edit><LeadFieldsInputs values=fields error/></fieldset>
                {can_edit.then(|| view! { <button class="button primary" type="submit" disabled=in_trash>{t!(i18n, records.save_changes)}</button> })}
            </ActionForm>
        }
    };
    view! {
        <RecordHeader slug=slug.clone() kind=RecordKind::Lead id=detail.id.clone() title=detail.fields.name.clone()
            back=(format!("/w/{slug}/leads"), t_string!(i18n, records.leads.title)) in_trash=detail.in_trash can_edit=may_trash restore>
            {meta}
            <PrivacyBadges flags/>
        </RecordHeader>
        <div class="record-layout">
            <section class="panel" aria-labelledby="details-heading">
                <h2 id="details-heading">{t!(i18n, records.details_heading)}</h2>
                <FormAlert error/>
                <RestrictedNotice flags/>
                {move || saved().then_some(view! { <p class="notice" role="status">{t!(i18n, records.saved)}</p> })}
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
    let i18n = use_i18n();
    let convert = ServerAction::<ConvertLead>::new();
    let error = Signal::derive(move || convert.value().get().and_then(Result::err));
    let company_hint = if detail.fields.company_name.is_empty() {
        t_string!(i18n, records.leads.convert_company_by_domain).to_owned()
    } else {
        t_string!(i18n, records.leads.convert_company_named, company = detail.fields.company_name.clone())
    };
    view! {
        <section class="panel" aria-labelledby="convert-heading">
            <h2 id="convert-heading">{t!(i18n, records.leads.convert_heading)}</h2>
            <p class="muted">{t!(i18n, records.leads.convert_intro)}</p>
            <FormAlert error/>
            <ActionForm action=convert attr:class="stack" attr:aria-label=t_string!(i18n, records.leads.convert_label)>
                <input type="hidden" name="slug" value=slug/>
                <input type="hidden" name="id" value=detail.id.clone()/>
                <label class="checkbox"><input type="checkbox" name="conversion[with_company]" value="true" checked=true/>" " {company_hint}</label>
                <label class="checkbox"><input type="checkbox" name="conversion[with_deal]" value="true"/>{t!(i18n, records.leads.convert_with_deal)}</label>
                <TextField name="conversion[deal_name]" label=t_string!(i18n, records.leads.deal_name) hint=t_string!(i18n, records.leads.deal_name_hint) error/>
                <div class="field-row">
                    <TextField name="conversion[deal_amount]" label=t_string!(i18n, records.leads.amount) error/>
                    <div class="field">
                        <label for="convert-currency">{t!(i18n, records.leads.currency)}</label>
                        <select id="convert-currency" name="conversion[deal_currency]">
                            {CURRENCIES.iter().map(|(code, _)| view! { <option value=*code selected=*code == "EUR">{*code}</option> }).collect_view()}
                        </select>
                    </div>
                </div>
                <button class="button primary" type="submit" disabled=move || convert.pending().get()>{t!(i18n, records.leads.convert_submit)}</button>
            </ActionForm>
        </section>
    }
}

/// What the lead became, with links to each record that still exists.
#[component]
fn ConvertedPanel(slug: String, into: ConvertedInto) -> impl IntoView {
    let i18n = use_i18n();
    let link = |kind: RecordKind, label: &'static str, record: Option<(String, String)>| {
        record.map(|(id, name)| view! { <li>{label} ": " <a href=format!("/w/{slug}/{}/{id}", kind.path())>{name}</a></li> })
    };
    view! {
        <section class="panel" aria-labelledby="converted-heading">
            <h2 id="converted-heading">{t!(i18n, records.leads.converted_heading)}</h2>
            <p class="muted">{t_string!(i18n, records.leads.converted_at, time = format_time(into.at))}</p>
            <ul class="related">
                {link(RecordKind::Contact, t_string!(i18n, records.leads.converted_contact), into.contact)}
                {link(RecordKind::Company, t_string!(i18n, records.leads.converted_company), into.company)}
                {link(RecordKind::Deal, t_string!(i18n, records.leads.converted_deal), into.deal)}
            </ul>
        </section>
    }
}
