use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::browser;
use crate::state::Export;

/// A button that copies `text` to the clipboard and says so. Where the browser
/// refuses, it shows the text selected, ready for Ctrl+C, so the user is never
/// stuck. `what` names the text in messages: "Link", "Markdown", "Snippet".
/// `exported` is what the last copy or download did (kept by the app's state).
pub fn view(
    export: Export,
    label: &'static str,
    what: &'static str,
    text: &str,
    exported: Option<(Export, bool)>,
    on_export: &Callback<(Export, bool)>,
) -> Html {
    let onclick = {
        let on_export = on_export.clone();
        let text = text.to_owned();
        Callback::from(move |e: MouseEvent| {
            let on_export = on_export.clone();
            let text = text.clone();
            let button: Option<web_sys::Element> = e.target_dyn_into();
            wasm_bindgen_futures::spawn_local(async move {
                let copied = browser::copy_to_clipboard(&text).await.is_ok();
                on_export.emit((export, copied));
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
                    <textarea readonly=true rows="4" value={text.to_owned()} />
                </label>
            }
        </div>
    }
}
