//! The prerender step of a release build: renders the app's own page for the
//! default inputs with Yew's server renderer and writes it into Trunk's
//! `index.html`, inside `<main id="app">`, so the page is readable before the
//! wasm has arrived. The wasm then hydrates this markup rather than
//! replacing it (`start` in `src/lib.rs`).
//!
//!     cargo run --features ssr --bin prerender -- dist/index.html
//!
//! Run after `trunk build --release` and before the post-build step that
//! writes the CSP and the service worker's integrity list (see the Makefile).
//! Running it again replaces the markup it wrote before.

use std::process::ExitCode;

use evidence_ladder::app::{App, AppProps};

/// Where the markup goes: the app's root element, exactly as `index.html`
/// opens it.
const ROOT_OPEN: &str = r#"<main id="app" data-app="evidence-ladder">"#;
/// The root as this step leaves it: marked, so the wasm knows to hydrate.
const ROOT_MARKED: &str = r#"<main id="app" data-app="evidence-ladder" data-prerendered>"#;
/// Yew's markers around the app's markup: a second run replaces what lies
/// between them. (Nothing else may go between the root and the app: the
/// wasm hydrates the root's children.)
const START: &str = "<!--<[evidence_ladder::app::App]>-->";
const END: &str = "<!--</[evidence_ladder::app::App]>-->";

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("prerender: usage: prerender <path to index.html>");
        return ExitCode::FAILURE;
    };
    let result = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {path}: {e}"))
        .and_then(|page| with_app(&page, &render()))
        .and_then(|page| {
            std::fs::write(&path, page).map_err(|e| format!("cannot write {path}: {e}"))
        });
    match result {
        Ok(()) => {
            println!("prerender: default page written into {path}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("prerender: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The app's markup for the default inputs, as the wasm's first render will
/// find it (hydratable: with Yew's component markers).
fn render() -> String {
    let renderer = yew::ServerRenderer::<App>::with_props(|| AppProps {
        prerendered: true,
        ..AppProps::default()
    });
    futures::executor::block_on(renderer.render())
}

/// `page` with `app` after the root's opening tag (after the "Loading…"
/// text, which stays for the embed view and is hidden otherwise), replacing
/// what an earlier run wrote.
fn with_app(page: &str, app: &str) -> Result<String, String> {
    let page = match (page.find(START), page.find(END)) {
        (Some(start), Some(end)) if start < end => {
            format!("{}{}", &page[..start], &page[end + END.len()..])
        }
        _ => page.to_owned(),
    };
    let page = page.replacen(ROOT_MARKED, ROOT_OPEN, 1);
    let at = page
        .find(ROOT_OPEN)
        .ok_or_else(|| format!("no {ROOT_OPEN} in the page"))?;
    // After the placeholder's closing tag: the first `</div>` in the root.
    let loading_end = page[at..]
        .find("</div>")
        .map(|i| at + i + "</div>".len())
        .ok_or("no loading placeholder in the app's root")?;
    Ok(format!(
        "{}{ROOT_MARKED}{}{app}{}",
        &page[..at],
        &page[at + ROOT_OPEN.len()..loading_end],
        &page[loading_end..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<body><main id=\"app\" data-app=\"evidence-ladder\">\n  <div class=\"loading\"><p>Loading</p></div>\n  <p class=\"stalled\">x</p>\n</main></body>";

    fn app(inner: &str) -> String {
        format!("{START}<div>{inner}</div>{END}")
    }

    #[test]
    fn writes_the_app_after_the_placeholder_and_marks_the_root() {
        let page = with_app(PAGE, &app("app")).expect("a page with a root");
        assert_eq!(
            page,
            format!("<body><main id=\"app\" data-app=\"evidence-ladder\" data-prerendered>\n  <div class=\"loading\"><p>Loading</p></div>{}\n  <p class=\"stalled\">x</p>\n</main></body>", app("app"))
        );
    }

    #[test]
    fn a_second_run_replaces_the_first() {
        let once = with_app(PAGE, &app("old")).expect("first run");
        let twice = with_app(&once, &app("new")).expect("second run");
        assert_eq!(twice, with_app(PAGE, &app("new")).expect("fresh run"));
    }

    #[test]
    fn the_app_renders_with_its_markers() {
        let html = render();
        assert!(
            html.starts_with(START) && html.ends_with(END),
            "{}",
            &html[..80]
        );
        assert!(html.contains("Evidence level 3 of 5"));
    }

    #[test]
    fn a_page_without_the_root_is_refused() {
        assert!(with_app("<body></body>", "x").is_err());
    }
}
