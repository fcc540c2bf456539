//! The copy button: copies a text to the clipboard and says so, or shows it
//! selected where the browser refuses.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::Dispatch;
use crate::browser;
use crate::state::{Action, Export};

/// What a copy button copies and says.
pub struct CopyButton<'a> {
    pub export: Export,
    pub label: &'static str,
    /// Names the text in messages: "Link", "Markdown", "Snippet".
    pub what: &'static str,
    /// Builds the text when the button is pressed (a whole Markdown plan is
    /// too much to build on every keystroke for a button few press).
    pub text: Rc<dyn Fn() -> String>,
    /// What the last copy or download did (kept by the app's state).
    pub exported: Option<(Export, bool)>,
    pub dispatch: &'a Dispatch,
}

/// A button that copies its text to the clipboard and says so. Where the
/// browser refuses, it shows the text selected, ready for Ctrl+C, so the user
/// is never stuck.
pub fn view(props: CopyButton) -> Html {
    let CopyButton {
        export,
        label,
        what,
        text,
        exported,
        dispatch,
    } = props;
    let onclick = {
        let state = dispatch.state.clone();
        let text = text.clone();
        Callback::from(move |e: MouseEvent| {
            // The address bar and storage first: what is copied is what is on screen.
            browser::write_now();
            let state = state.clone();
            let text = text();
            let button: Option<web_sys::Element> = e.target_dyn_into();
            wasm_bindgen_futures::spawn_local(async move {
                let copied = browser::copy_to_clipboard(&text).await.is_ok();
                state.dispatch(Action::Exported(export, copied));
                if !copied {
                    // Select the fallback text once it is on screen.
                    browser::after_render().await;
                    let area = button
                        .and_then(|b| b.closest(".copy").ok().flatten())
                        .and_then(|c| c.query_selector("textarea").ok().flatten())
                        .and_then(|a| a.dyn_into::<web_sys::HtmlTextAreaElement>().ok());
                    if let Some(area) = area {
                        let _ = area.focus();
                        area.select();
                    }
                }
            });
        })
    };
    let outcome = exported.filter(|(e, _)| *e == export).map(|(_, done)| done);
    let message = match outcome {
        Some(true) => format!("{what} copied to the clipboard."),
        Some(false) => format!(
            "The browser blocked copying. The {} is selected below: press Ctrl+C (⌘C on a Mac).",
            what.to_ascii_lowercase()
        ),
        None => String::new(),
    };
    html! {
        <div class="copy">
            <button type="button" {onclick}>{ label }</button>
            <p class="copy-status" aria-live="polite">{ message }</p>
            if outcome == Some(false) {
                <label class="fallback">
                    <span class="visually-hidden">{ format!("{what} to copy") }</span>
                    <textarea readonly=true rows="4" value={text()} />
                </label>
            }
        </div>
    }
}
