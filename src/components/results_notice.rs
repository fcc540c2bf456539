//! The results notice: a file read or refused, another tab's results, and
//! a save the browser refused, each with what the user can do about it.

use yew::prelude::*;

use super::Dispatch;
use crate::results_state::{ResultsAction, ResultsState};

/// What happened to the results that the user should know: a file read or
/// refused (with Undo when it replaced results), another tab's results, and
/// a save the browser refused (with Download, so nothing is lost).
pub fn view(
    results: &ResultsState,
    dispatch: &Dispatch,
    on_download: Callback<MouseEvent>,
) -> Html {
    if results.notice.is_none() && !results.unsaved {
        return html! {};
    }
    let on_undo = {
        let results = dispatch.results.clone();
        Callback::from(move |_: MouseEvent| results.dispatch(ResultsAction::Undo))
    };
    html! {
        <div class="notices results-notices" role="status">
            if let Some(notice) = &results.notice {
                <p>
                    { notice }
                    if results.replaced.is_some() {
                        { " " }<button type="button" onclick={on_undo}>{ "Undo" }</button>
                    }
                </p>
            }
            if results.unsaved {
                <p class="unsaved">
                    if results.newer_elsewhere {
                        { "These results are not saved in this browser (another tab saved newer ones since this page read them): a reload would show those instead. " }
                    } else {
                        { "These results are not saved in this browser (its storage is full or blocked): a reload would lose them. " }
                    }
                    <button type="button" onclick={on_download}>{ "Download plan and results (JSON)" }</button>
                    { " keeps them in a file you can open again." }
                </p>
            }
        </div>
    }
}
