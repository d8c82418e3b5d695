//! The pipeline editor: one row per stage (name, probability, kind, order, remove) and two blank
//! rows for new stages, saved together.

use crate::api::deals::{list_stages, Stage};
use crate::api::pipeline::SaveStages;
use crate::api::workspaces::WorkspaceShell;
use crate::components::field::{FormAlert, FormError};
use crate::domain::deals::StageKind;
use crate::i18n_setup::{t, t_string, use_i18n};
use crate::pages::records::{use_slug, ErrorNotice};
use leptos::prelude::*;
use leptos_meta::Title;

/// Blank rows offered for new stages.
const NEW_ROWS: usize = 2;

#[component]
pub fn PipelineSettingsPage() -> impl IntoView {
    let slug = use_slug();
    let is_admin = expect_context::<WorkspaceShell>().workspace.role.is_admin();
    let save = ServerAction::<SaveStages>::new();
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let saved = move || matches!(save.value().get(), Some(Ok(())));
    let stages = Resource::new(move || (slug(), save.version().get()), |(slug, _)| list_stages(slug));
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, settings.pipeline.title)/>
        <p><a href=move || format!("/w/{}/deals", slug())>{t!(i18n, settings.pipeline.back)}</a></p>
        <h1>{t!(i18n, settings.pipeline.title)}</h1>
        <p class="muted">{t!(i18n, settings.pipeline.intro)}</p>
        {(!is_admin).then(|| view! { <p class="notice" role="status">{t!(i18n, settings.pipeline.admins_only)}</p> })}
        <FormAlert error/>
        {move || saved().then_some(view! { <p class="notice" role="status">{t!(i18n, settings.saved)}</p> })}
        <Suspense fallback=move || view! { <p class="muted">{t!(i18n, settings.loading)}</p> }>
            {move || Suspend::new(async move {
                match stages.await {
                    Ok(stages) => view! { <StageForm slug=slug() stages save error disabled=!is_admin/> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn StageForm(slug: String, stages: Vec<Stage>, save: ServerAction<SaveStages>, error: FormError, disabled: bool) -> impl IntoView {
    let i18n = use_i18n();
    let message = move |key: String| move || error.get().and_then(|e| e.field_message(&key));
    let kinds = [
        (StageKind::Open, t_string!(i18n, settings.pipeline.kinds.open)),
        (StageKind::Won, t_string!(i18n, settings.pipeline.kinds.won)),
        (StageKind::Lost, t_string!(i18n, settings.pipeline.kinds.lost)),
    ];
    let receivers = stages.clone();
    let rows = stages.into_iter().map(Some).chain(std::iter::repeat_n(None, NEW_ROWS)).enumerate().map(|(index, stage)| {
        let (id, name, probability, kind) = match &stage {
            Some(s) => (s.id.clone(), s.name.clone(), s.probability.to_string(), s.kind),
            None => (String::new(), String::new(), String::new(), StageKind::Open),
        };
        let field = |name: &str| format!("stages[{index}][{name}]");
        let label = if stage.is_some() { t_string!(i18n, settings.pipeline.stage, n = index + 1) } else { t_string!(i18n, settings.pipeline.new_stage).to_owned() };
        view! {
            <tr>
                <td>
                    <input type="hidden" name=field("id") value=id/>
                    <label class="visually-hidden" for=format!("stage-{index}-name")>{t_string!(i18n, settings.pipeline.name_label, stage = label.clone())}</label>
                    <input id=format!("stage-{index}-name") name=field("name") value=name placeholder=t_string!(i18n, settings.pipeline.name_placeholder)/>
                    {move || message(format!("stages.{index}.name"))().map(|m| view! { <p class="field-error">{m}</p> })}
                </td>
                <td>
                    <label class="visually-hidden" for=format!("stage-{index}-probability")>{t_string!(i18n, settings.pipeline.probability_label, stage = label.clone())}</label>
                    <input id=format!("stage-{index}-probability") name=field("probability") value=probability inputmode="numeric" size="4"/>
                    {move || message(format!("stages.{index}.probability"))().map(|m| view! { <p class="field-error">{m}</p> })}
                </td>
                <td>
                    <label class="visually-hidden" for=format!("stage-{index}-kind")>{t_string!(i18n, settings.pipeline.kind_label, stage = label.clone())}</label>
                    <select id=format!("stage-{index}-kind") name=field("kind")>
                        {kinds.iter().map(|(k, shown)| view! { <option value=k.as_str() selected=*k == kind>{*shown}</option> }).collect_view()}
                    </select>
                </td>
                <td>
                    <label class="visually-hidden" for=format!("stage-{index}-position")>{t_string!(i18n, settings.pipeline.order_label, stage = label)}</label>
                    <input id=format!("stage-{index}-position") name=field("position") value=((index + 1) * 10).to_string() inputmode="numeric" size="4"/>
                </td>
                <td>
                    {stage.is_some().then(|| view! {
                        <label class="checkbox"><input type="checkbox" name=field("remove") value="true"/>{t!(i18n, settings.pipeline.remove)}</label>
                    })}
                </td>
            </tr>
        }
    }).collect_view();
    view! {
        <ActionForm action=save attr:class="stack" attr:aria-label=t_string!(i18n, settings.pipeline.title)>
            <input type="hidden" name="slug" value=slug/>
            <div class="table-scroll">
                <table class="records stage-editor">
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, settings.pipeline.columns.name)}</th>
                            <th scope="col">{t!(i18n, settings.pipeline.columns.probability)}</th>
                            <th scope="col">{t!(i18n, settings.pipeline.columns.kind)}</th>
                            <th scope="col">{t!(i18n, settings.pipeline.columns.order)}</th>
                            <th scope="col"><span class="visually-hidden">{t!(i18n, settings.pipeline.columns.remove)}</span></th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {move || message("stages".into())().map(|m| view! { <p class="field-error">{m}</p> })}
            <div class="field">
                <label for="move-to">{t!(i18n, settings.pipeline.move_to)}</label>
                <select id="move-to" name="move_to">
                    {receivers.into_iter().map(|s| view! { <option value=s.id>{s.name}</option> }).collect_view()}
                </select>
                {move || message("move_to".into())().map(|m| view! { <p class="field-error">{m}</p> })}
            </div>
            <button class="button primary" type="submit" disabled=move || disabled || save.pending().get()>{t!(i18n, settings.pipeline.save)}</button>
        </ActionForm>
    }
}
