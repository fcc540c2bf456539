use yew::prelude::*;

use super::copy_button::CopyButton;
use crate::browser;
use crate::model::inputs::Inputs;
use crate::model::report::{embed_snippet, mount_snippet};

#[derive(Properties, PartialEq)]
pub struct EmbedDialogProps {
    pub inputs: Inputs,
}

/// "Embed": ready-to-paste HTML for the current inputs, in a modal dialog.
#[component]
pub fn EmbedDialog(props: &EmbedDialogProps) -> Html {
    let dialog = use_node_ref();
    let open = {
        let dialog = dialog.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(d) = dialog.cast::<web_sys::HtmlDialogElement>() {
                let _ = d.show_modal();
            }
        })
    };
    let close = {
        let dialog = dialog.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(d) = dialog.cast::<web_sys::HtmlDialogElement>() {
                d.close();
            }
        })
    };
    let base = browser::app_base();
    let snippets = [
        (
            "embed-iframe",
            "In an iframe that resizes itself",
            embed_snippet(&props.inputs, &base),
        ),
        (
            "embed-mount",
            "Straight into the page, with mount()",
            mount_snippet(&props.inputs, &base),
        ),
    ];
    html! {
        <>
            <button type="button" onclick={open}>{ "Embed" }</button>
            <dialog ref={dialog} class="embed-dialog" aria-labelledby="embed-title">
                <h3 id="embed-title">{ "Embed this calculator in your blog" }</h3>
                <p>{ "Paste either snippet into your page's HTML. Data attributes (or mount options) are the inputs; the server must allow cross-origin requests (Access-Control-Allow-Origin) for other sites." }</p>
                { for snippets.into_iter().map(|(id, title, code)| html! {
                    <section aria-labelledby={format!("{id}-title")}>
                        <h4 id={format!("{id}-title")}>{ title }</h4>
                        <textarea readonly=true rows="6" aria-labelledby={format!("{id}-title")} value={code.clone()} />
                        <CopyButton label="Copy snippet" what="Snippet" text={code} />
                    </section>
                }) }
                <button type="button" class="secondary" onclick={close}>{ "Close" }</button>
            </dialog>
        </>
    }
}
