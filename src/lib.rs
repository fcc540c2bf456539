//! Evidence Ladder: how much evidence an ML research claim needs, and the
//! scale ladder of experiments a compute budget buys.
//!
//! `model` is the pure domain and builds everywhere. The rest is the browser
//! app over it and only exists when compiled to WebAssembly.

pub mod model;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
mod browser;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod js_api;
#[cfg(target_arch = "wasm32")]
pub mod state;

#[cfg(target_arch = "wasm32")]
pub use start::start;

#[cfg(target_arch = "wasm32")]
mod start {
    use wasm_bindgen::prelude::*;

    use crate::app::App;
    use crate::browser;
    use crate::model::query::parse_query;

    /// Runs when the module loads: defines the JS API, then renders the app
    /// into `#app` if the page has one (test pages and embeds may not).
    #[wasm_bindgen(start)]
    pub fn start() {
        yew::set_custom_panic_hook(Box::new(|info| {
            web_sys::console::error_1(&format!("Evidence Ladder stopped: {info}").into());
            browser::show_fatal_error();
        }));
        if let Err(e) = crate::js_api::install() {
            web_sys::console::error_2(
                &"Evidence Ladder: window.evidenceLadder unavailable".into(),
                &e,
            );
        }
        let Some(root) = browser::element_by_id("app") else {
            return;
        };
        let view = parse_query(&browser::query()).view;
        browser::apply_view(view.embed, view.theme.id());
        // Drop the static "loading" placeholder before Yew takes over.
        root.set_text_content(None);
        yew::Renderer::<App>::with_root(root).render();
    }
}
