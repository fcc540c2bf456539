//! The essay's principles in our words, and the links to them from the
//! "(the essay: …)" citations in hints and the checklist.

use yew::prelude::*;

use crate::model::evidence::PRINCIPLES;
use crate::text::cited::{citation, Cited};
use crate::text::format;

/// A sentence whose citation of the essay links to the principle it
/// names, so a reader can see what the principle says and where it comes from.
pub fn cited(text: &Cited) -> Html {
    let Some((principle, after)) = &text.cites else {
        return html! { { text.before.clone() } };
    };
    let p = principle.principle();
    // Keep "(" and ")" outside the link: the link reads as the citation itself.
    html! {
        <>
            { format!("{}(", text.before) }
            <a href={format!("#principle-{}", p.id)} title={p.meaning}>
                { citation(*principle) }
            </a>
            { format!("){after}") }
        </>
    }
}

/// The essay's principles in our words, each a target for [`cited`].
pub fn view() -> Html {
    STATIC.with(Html::clone)
}

thread_local! {
    /// Markup, built once, for the same reasons as the method's static part:
    /// less wasm than `html!`, and Yew leaves the DOM alone on every render.
    static STATIC: Html = Html::from_html_unchecked(static_markup().into());
}

fn static_markup() -> String {
    let items: String = PRINCIPLES
        .iter()
        .map(|p| {
            format!(
                "<li id=\"principle-{}\" tabindex=-1><strong>{}</strong>. {}</li>",
                p.id,
                escaped(&format::capitalised(p.phrase)),
                escaped(p.meaning),
            )
        })
        .collect();
    format!(
        "<section class=principles aria-labelledby=principles-title>\
         <h4 id=principles-title>The essay's principles</h4>\
         <p>From Sam Stevens' essay <a href=\"https://samuelstevens.me/writing/artifacts-vs-insights\" \
         rel=noopener>Artifacts vs Insights</a> (2024), in our words. Advice on this page that rests \
         on one links to it.</p><ul>{items}</ul></section>"
    )
}

/// Text made safe to place between tags or in a quoted attribute.
pub fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
