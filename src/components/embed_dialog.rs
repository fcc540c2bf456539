//! The Embed dialog: ready-to-paste HTML for the current inputs.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::copy_button::{self, CopyButton};
use super::Dispatch;
use crate::browser;
use crate::model::plan::Plan;
use crate::state::Export;
use crate::text::report::{embed_snippet, mount_snippet};

#[derive(Properties)]
pub struct EmbedDialogProps {
    pub plan: Rc<Plan>,
    pub exported: Option<(Export, bool)>,
    pub dispatch: Dispatch,
}

/// The plan memo's same `Rc` is the same plan: no need to compare contents.
impl PartialEq for EmbedDialogProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.plan, &other.plan)
            && self.exported == other.exported
            && self.dispatch == other.dispatch
    }
}

/// "Embed": ready-to-paste HTML for the current inputs, in a modal dialog.
/// The snippets are written when the dialog opens, not on every edit.
#[component]
pub fn EmbedDialog(props: &EmbedDialogProps) -> Html {
    let is_open = use_state_eq(|| false);
    let dialog = use_node_ref();
    // Shown as a modal once its snippets are on the page, so focus lands in them.
    use_effect_with((*is_open, dialog.clone()), |(is_open, dialog)| {
        if let Some(d) = dialog.cast::<web_sys::HtmlDialogElement>() {
            if *is_open && !d.open() {
                let _ = d.show_modal();
            }
        }
    });
    let open = {
        let is_open = is_open.clone();
        Callback::from(move |_: MouseEvent| {
            // The address bar first: the snippets and the page agree.
            browser::write_now();
            is_open.set(true);
        })
    };
    // Escape closes the dialog without a click: its `close` event says so.
    let on_close = {
        let is_open = is_open.clone();
        Callback::from(move |_: Event| is_open.set(false))
    };
    let close = Callback::from(|e: MouseEvent| {
        let dialog = e
            .target_dyn_into::<web_sys::Element>()
            .and_then(|button| button.closest("dialog").ok().flatten())
            .and_then(|d| d.dyn_into::<web_sys::HtmlDialogElement>().ok());
        if let Some(d) = dialog {
            d.close();
        }
    });
    let snippets = if *is_open {
        let (inputs, base) = (&props.plan.inputs, browser::app_base());
        vec![
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
        ]
    } else {
        Vec::new()
    };
    html! {
        <>
            <button type="button" onclick={open}>{ "Embed" }</button>
            <dialog class="embed-dialog" aria-labelledby="embed-title" ref={dialog} onclose={on_close}>
                <h3 id="embed-title">{ "Embed this calculator in your blog" }</h3>
                <p>{ "Paste either snippet into your page's HTML. Data attributes (or mount options) are the inputs. The iframe works from any site. With mount(), the app loads into your page itself, so the host serving this app must send Access-Control-Allow-Origin, and a Content-Security-Policy on your page must allow scripts from it and from blob:." }</p>
                { for snippets.into_iter().map(|(export, id, title, code)| html! {
                    <section aria-labelledby={format!("{id}-title")}>
                        <h4 id={format!("{id}-title")}>{ title }</h4>
                        // A row per 70 characters of each line (about what fits) and one spare, so none is cut off.
                        <textarea readonly=true rows={(code.lines().map(|l| l.chars().count().div_ceil(70).max(1)).sum::<usize>() + 1).to_string()} aria-labelledby={format!("{id}-title")} value={code.clone()} />
                        { copy_button::view(CopyButton {
                            export,
                            label: "Copy snippet",
                            what: "Snippet",
                            text: Rc::new(move || code.clone()),
                            exported: props.exported,
                            dispatch: &props.dispatch,
                        }) }
                    </section>
                }) }
                <button type="button" class="secondary" onclick={close}>{ "Close" }</button>
            </dialog>
        </>
    }
}
