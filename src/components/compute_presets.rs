//! The compute presets: typical set-ups that fill accelerator, count and
//! hours in one click.

use yew::prelude::*;

use super::Dispatch;
use crate::model::presets::COMPUTE_PRESETS;
use crate::state::Action;

/// Typical compute set-ups that fill accelerator, count and hours in one click.
pub fn view(dispatch: &Dispatch) -> Html {
    html! {
        <div class="presets" role="group" aria-labelledby="presets-label">
            <span id="presets-label" class="presets-label">{ "Typical set-ups:" }</span>
            { for COMPUTE_PRESETS.iter().map(|preset| {
                html! {
                    <button type="button" class="chip" title={preset.source} onclick={dispatch.to(move |_: MouseEvent| Action::Preset(preset))}>
                        { preset.label }
                    </button>
                }
            }) }
        </div>
    }
}
