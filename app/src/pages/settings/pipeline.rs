//! The pipeline editor: one row per stage (name, probability, kind, order, remove) and two blank
//! rows for new stages, saved together.

use crate::api::deals::{list_stages, Stage};
use crate::api::pipeline::SaveStages;
use crate::api::workspaces::WorkspaceShell;
use crate::components::field::{FormAlert, FormError};
use crate::domain::deals::StageKind;
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
    view! {
        <Title text="Pipeline stages"/>
        <p><a href=move || format!("/w/{}/deals", slug())>"← Pipeline"</a></p>
        <h1>"Pipeline stages"</h1>
        <p class="muted">"Deals move through these stages from left to right. The probability weighs the forecast; won and lost stages close a deal."</p>
        {(!is_admin).then(|| view! { <p class="notice" role="status">"Only the workspace's owners and admins can change the stages."</p> })}
        <FormAlert error/>
        {move || saved().then_some(view! { <p class="notice" role="status">"Saved."</p> })}
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
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
    let message = move |key: String| move || error.get().and_then(|e| e.field_message(&key));
    let kinds = [StageKind::Open, StageKind::Won, StageKind::Lost];
    let receivers = stages.clone();
    let rows = stages.into_iter().map(Some).chain(std::iter::repeat_n(None, NEW_ROWS)).enumerate().map(|(index, stage)| {
        let (id, name, probability, kind) = match &stage {
            Some(s) => (s.id.clone(), s.name.clone(), s.probability.to_string(), s.kind),
            None => (String::new(), String::new(), String::new(), StageKind::Open),
        };
        let field = |name: &str| format!("stages[{index}][{name}]");
        let label = if stage.is_some() { format!("Stage {}", index + 1) } else { "New stage".to_owned() };
        view! {
            <tr>
                <td>
                    <input type="hidden" name=field("id") value=id/>
                    <label class="visually-hidden" for=format!("stage-{index}-name")>{format!("{label} name")}</label>
                    <input id=format!("stage-{index}-name") name=field("name") value=name placeholder="New stage name"/>
                    {move || message(format!("stages.{index}.name"))().map(|m| view! { <p class="field-error">{m}</p> })}
                </td>
                <td>
                    <label class="visually-hidden" for=format!("stage-{index}-probability")>{format!("{label} probability")}</label>
                    <input id=format!("stage-{index}-probability") name=field("probability") value=probability inputmode="numeric" size="4"/>
                    {move || message(format!("stages.{index}.probability"))().map(|m| view! { <p class="field-error">{m}</p> })}
                </td>
                <td>
                    <label class="visually-hidden" for=format!("stage-{index}-kind")>{format!("{label} kind")}</label>
                    <select id=format!("stage-{index}-kind") name=field("kind")>
                        {kinds.iter().map(|k| view! { <option value=k.as_str() selected=*k == kind>{k.as_str()}</option> }).collect_view()}
                    </select>
                </td>
                <td>
                    <label class="visually-hidden" for=format!("stage-{index}-position")>{format!("{label} order")}</label>
                    <input id=format!("stage-{index}-position") name=field("position") value=((index + 1) * 10).to_string() inputmode="numeric" size="4"/>
                </td>
                <td>
                    {stage.is_some().then(|| view! {
                        <label class="checkbox"><input type="checkbox" name=field("remove") value="true"/>" Remove"</label>
                    })}
                </td>
            </tr>
        }
    }).collect_view();
    view! {
        <ActionForm action=save attr:class="stack" attr:aria-label="Pipeline stages">
            <input type="hidden" name="slug" value=slug/>
            <div class="table-scroll">
                <table class="records stage-editor">
                    <thead><tr><th scope="col">"Name"</th><th scope="col">"Probability %"</th><th scope="col">"Kind"</th><th scope="col">"Order"</th><th scope="col"><span class="visually-hidden">"Remove"</span></th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {move || message("stages".into())().map(|m| view! { <p class="field-error">{m}</p> })}
            <div class="field">
                <label for="move-to">"Deals in removed stages move to"</label>
                <select id="move-to" name="move_to">
                    {receivers.into_iter().map(|s| view! { <option value=s.id>{s.name}</option> }).collect_view()}
                </select>
                {move || message("move_to".into())().map(|m| view! { <p class="field-error">{m}</p> })}
            </div>
            <button class="button primary" type="submit" disabled=move || disabled || save.pending().get()>"Save stages"</button>
        </ActionForm>
    }
}
