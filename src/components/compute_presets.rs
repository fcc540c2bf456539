use yew::prelude::*;

use crate::model::presets::{Preset, COMPUTE_PRESETS};

/// Typical compute set-ups that fill accelerator, count and hours in one click.
pub fn view(on_preset: &Callback<&'static Preset>) -> Html {
    html! {
        <div class="presets" role="group" aria-labelledby="presets-label">
            <span id="presets-label" class="presets-label">{ "Typical set-ups:" }</span>
            { for COMPUTE_PRESETS.iter().map(|preset| {
                let on_preset = on_preset.clone();
                html! {
                    <button type="button" class="chip" title={preset.source} onclick={Callback::from(move |_: MouseEvent| on_preset.emit(preset))}>
                        { preset.label }
                    </button>
                }
            }) }
        </div>
    }
}
