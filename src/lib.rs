//! Evidence Ladder: how much evidence an ML research claim needs, and the
//! scale ladder of experiments a compute budget buys.
//!
//! `model` is the pure domain and builds everywhere. The rest is the browser
//! app over it and only exists when compiled to WebAssembly, or natively with
//! the `ssr` feature for the prerender step (`src/bin/prerender.rs`).

pub mod model;

#[cfg(any(target_arch = "wasm32", feature = "ssr"))]
pub mod app;
#[cfg(any(target_arch = "wasm32", feature = "ssr"))]
pub mod browser;
#[cfg(any(target_arch = "wasm32", feature = "ssr"))]
pub mod components;
#[cfg(any(target_arch = "wasm32", feature = "ssr"))]
pub mod hooks;
#[cfg(any(target_arch = "wasm32", feature = "ssr"))]
pub mod js_api;
pub mod json_text;
pub mod results_state;
pub mod state;
pub mod text;

#[cfg(target_arch = "wasm32")]
pub use start::start;

#[cfg(target_arch = "wasm32")]
mod start {
    use wasm_bindgen::prelude::*;

    use crate::app::App;
    use crate::browser;
    use crate::model::query::parse_query;

    /// Runs when the module loads: defines the JS API, then renders the app
    /// if this page is the app's own (a blog page that mounts calculators, or
    /// a test page, is not).
    #[wasm_bindgen(start)]
    pub fn start() {
        yew::set_custom_panic_hook(Box::new(|info| {
            web_sys::console::error_1(&format!("Evidence Ladder stopped: {info}").into());
            // Yew stops on markup that differs from what it hydrates (a page
            // translated or changed by an extension before the app started):
            // load again and render from scratch rather than stay broken.
            if browser::hydrating() && browser::reload_to_render() {
                return;
            }
            browser::show_fatal_error();
        }));
        if let Err(e) = crate::js_api::install() {
            web_sys::console::error_2(
                &"Evidence Ladder: window.evidenceLadder unavailable".into(),
                &e,
            );
        }
        let Some(root) = browser::element_by_id("app")
            .filter(|el| el.get_attribute("data-app").as_deref() == Some("evidence-ladder"))
        else {
            return;
        };
        let view = parse_query(&browser::query()).view;
        browser::apply_view(view.embed, view.theme.id());
        if view.embed {
            browser::report_height_to_parent();
        }
        // The prerendered page (the app's own, full view) is taken over where
        // it stands; otherwise (the embed view, or a build without the
        // prerender step) the static "loading" placeholder gives way to the app.
        if !view.embed && !browser::render_only() && browser::take_prerendered(&root) {
            browser::set_hydrating(true);
            // Three tasks rather than one long one (see `prerendered_plan`).
            gloo_timers::callback::Timeout::new(0, move || {
                let props = crate::app::AppProps {
                    prerendered: true,
                    planned: Some(crate::app::prerendered_plan()),
                    ..Default::default()
                };
                gloo_timers::callback::Timeout::new(0, move || {
                    yew::Renderer::<App>::with_root_and_props(root, props).hydrate();
                })
                .forget();
            })
            .forget();
        } else {
            let _ = root.remove_attribute("data-prerendered");
            root.set_text_content(None);
            yew::Renderer::<App>::with_root(root).render();
        }
    }

    /// Renders an independent calculator into `root`, for `embed.js`'s
    /// `mount()`: `query` holds its inputs (and `embed=1` for the compact
    /// view); `app_url` is the full calculator's address.
    #[wasm_bindgen(js_name = mountCalculator)]
    pub fn mount_calculator(root: web_sys::Element, query: String, app_url: String) {
        browser::set_mounted(&root, &app_url);
        yew::Renderer::<App>::with_root_and_props(
            root,
            crate::app::AppProps {
                query: Some(query.into()),
                app_url: Some(app_url.into()),
                prerendered: false,
                planned: None,
            },
        )
        .render();
    }
}
