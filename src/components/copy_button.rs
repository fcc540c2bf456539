use yew::prelude::*;

use crate::browser;

#[derive(Properties, PartialEq)]
pub struct CopyButtonProps {
    pub label: AttrValue,
    /// What is copied, for messages: "Link", "Markdown", "Snippet".
    pub what: AttrValue,
    pub text: AttrValue,
}

#[derive(Clone, Copy, PartialEq)]
enum Outcome {
    Copied,
    Blocked,
}

/// Copies `text` to the clipboard and says so. Where the browser refuses, it
/// shows the text selected, ready for Ctrl+C, so the user is never stuck.
#[component]
pub fn CopyButton(props: &CopyButtonProps) -> Html {
    let outcome = use_state(|| None::<Outcome>);
    let fallback = use_node_ref();
    {
        // A changed text makes an old "copied" message wrong.
        let outcome = outcome.clone();
        use_effect_with(props.text.clone(), move |_| outcome.set(None));
    }
    {
        let fallback = fallback.clone();
        use_effect_with(*outcome, move |_| {
            if let Some(area) = fallback.cast::<web_sys::HtmlTextAreaElement>() {
                let _ = area.focus();
                area.select();
            }
        });
    }
    let onclick = {
        let outcome = outcome.clone();
        let text = props.text.clone();
        Callback::from(move |_: MouseEvent| {
            let outcome = outcome.clone();
            let text = text.clone();
            wasm_bindgen_futures::spawn_local(async move {
                outcome.set(Some(match browser::copy_to_clipboard(&text).await {
                    Ok(()) => Outcome::Copied,
                    Err(()) => Outcome::Blocked,
                }));
            });
        })
    };
    let what = props.what.as_str();
    let message = match *outcome {
        Some(Outcome::Copied) => format!("{what} copied to the clipboard."),
        Some(Outcome::Blocked) => format!(
            "The browser blocked copying. The {} is selected below: press Ctrl+C (⌘C on a Mac).",
            what.to_ascii_lowercase()
        ),
        None => String::new(),
    };
    html! {
        <div class="copy">
            <button type="button" {onclick}>{ &props.label }</button>
            <p class="copy-status" aria-live="polite">{ message }</p>
            if *outcome == Some(Outcome::Blocked) {
                <label class="fallback">
                    <span class="visually-hidden">{ format!("{what} to copy") }</span>
                    <textarea ref={fallback} readonly=true rows="4" value={props.text.clone()} />
                </label>
            }
        </div>
    }
}
