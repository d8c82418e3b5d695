//! The password strength meter: asks the server (which holds the common-password list) a moment
//! after typing stops. Without JavaScript the form still works; the server checks on submit.

use crate::api::auth::{password_strength, StrengthReport};
use crate::i18n_setup::{t, t_string, use_i18n};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

/// Returns the input handler to attach to the password field, and the meter to show below it.
pub fn strength_meter(full_name: Signal<String>, email: Signal<String>) -> (Callback<String>, impl IntoView) {
    let i18n = use_i18n();
    let report = RwSignal::new(None::<StrengthReport>);
    let generation = StoredValue::new(0u64);
    // The timer and the answer may arrive after the page is gone (the person signed up and moved
    // on): every access is a `try_`, which does nothing once the signals are disposed.
    let on_input = Callback::new(move |password: String| {
        let Some(asked) = generation.try_update_value(|g| {
            *g += 1;
            *g
        }) else {
            return;
        };
        if password.is_empty() {
            report.try_set(None);
            return;
        }
        set_timeout(
            move || {
                if generation.try_get_value() != Some(asked) {
                    return;
                }
                let (Some(name), Some(mail)) = (full_name.try_get_untracked(), email.try_get_untracked()) else {
                    return;
                };
                spawn_local(async move {
                    let answer = password_strength(password, name, mail).await;
                    if generation.try_get_value() == Some(asked) {
                        report.try_set(answer.ok());
                    }
                });
            },
            Duration::from_millis(250),
        );
    });
    let meter = move || {
        report.get().map(|r| {
            let label = match r.score {
                0 => t_string!(i18n, auth.strength.very_weak),
                1 => t_string!(i18n, auth.strength.weak),
                2 => t_string!(i18n, auth.strength.fair),
                3 => t_string!(i18n, auth.strength.strong),
                _ => t_string!(i18n, auth.strength.very_strong),
            };
            let verdict = if r.acceptable { label.to_owned() } else { t_string!(i18n, auth.strength.not_accepted, label = label) };
            view! {
                <div class="strength" aria-live="polite">
                    <meter class="strength" min="0" max="4" low="2" high="3" optimum="4" value=r.score.to_string()></meter>
                    <p class="strength-label">{t!(i18n, auth.strength.prefix)} {verdict}</p>
                    {(!r.hints.is_empty()).then(|| view! {
                        <ul class="hint">{r.hints.iter().map(|h| view! { <li>{h.clone()}</li> }).collect_view()}</ul>
                    })}
                </div>
            }
        })
    };
    (on_input, meter)
}
