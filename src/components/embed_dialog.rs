use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::copy_button;
use crate::browser;
use crate::model::inputs::Inputs;
use crate::model::report::{embed_snippet, mount_snippet};
use crate::state::Export;

/// "Embed": ready-to-paste HTML for the current inputs, in a modal dialog.
pub fn view(
    inputs: &Inputs,
    exported: Option<(Export, bool)>,
    on_export: &Callback<(Export, bool)>,
) -> Html {
    // The dialog is found from the button that was pressed rather than by id,
    // so several calculators on one page (or in shadow roots) stay separate.
    let open = Callback::from(|e: MouseEvent| {
        let dialog = e
            .target_dyn_into::<web_sys::Element>()
            .and_then(|button| button.next_element_sibling())
            .and_then(|d| d.dyn_into::<web_sys::HtmlDialogElement>().ok());
        if let Some(d) = dialog {
            let _ = d.show_modal();
        }
    });
    let close = Callback::from(|e: MouseEvent| {
        let dialog = e
            .target_dyn_into::<web_sys::Element>()
            .and_then(|button| button.closest("dialog").ok().flatten())
            .and_then(|d| d.dyn_into::<web_sys::HtmlDialogElement>().ok());
        if let Some(d) = dialog {
            d.close();
        }
    });
    let base = browser::app_base();
    let snippets = [
        (
            Export::IframeSnippet,
            "embed-iframe",
            "In an iframe that resizes itself",
            embed_snippet(inputs, &base),
        ),
        (
            Export::MountSnippet,
            "embed-mount",
            "Straight into the page, with mount()",
            mount_snippet(inputs, &base),
        ),
    ];
    html! {
        <>
            <button type="button" onclick={open}>{ "Embed" }</button>
            <dialog class="embed-dialog" aria-labelledby="embed-title">
                <h3 id="embed-title">{ "Embed this calculator in your blog" }</h3>
                <p>{ "Paste either snippet into your page's HTML. Data attributes (or mount options) are the inputs. The iframe works from any site. With mount(), the app loads into your page itself, so the host serving this app must send Access-Control-Allow-Origin, and a Content-Security-Policy on your page must allow scripts from it and from blob:." }</p>
                { for snippets.into_iter().map(|(export, id, title, code)| html! {
                    <section aria-labelledby={format!("{id}-title")}>
                        <h4 id={format!("{id}-title")}>{ title }</h4>
                        // A row per 70 characters of each line (about what fits) and one spare, so none is cut off.
                        <textarea readonly=true rows={(code.lines().map(|l| l.chars().count().div_ceil(70).max(1)).sum::<usize>() + 1).to_string()} aria-labelledby={format!("{id}-title")} value={code.clone()} />
                        { copy_button::view(export, "Copy snippet", "Snippet", &code, exported, on_export) }
                    </section>
                }) }
                <button type="button" class="secondary" onclick={close}>{ "Close" }</button>
            </dialog>
        </>
    }
}
