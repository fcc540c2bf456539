//! Files the user gives the calculator: a saved plan (chosen or dropped)
//! or results (dropped anywhere on it).

use yew::prelude::*;

use super::Dispatch;
use crate::model::results::{parse_paced, results_or_why, too_large};
use crate::results_state::ResultsAction;
use crate::state::{Action, FileFrom};

/// Reads a saved plan file: its inputs to the inputs' state, its results
/// (if any) to the results' state; `from` says where its message shows.
pub fn open_file(dispatch: &Dispatch, file: web_sys::File, from: FileFrom) {
    // Refused by its size before a byte is read into the page or the wasm.
    if let Some(why) = crate::model::saved::saved_too_large(file.size()) {
        let why = crate::text::files::too_large(why);
        return dispatch.send(Action::Open(Err(why), file.name(), from));
    }
    let dispatch = dispatch.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let name = file.name();
        if let Some(why) = too_large(file.size()) {
            let why = crate::text::files::too_large(why);
            return dispatch.send(Action::Open(Err(why), name, from));
        }
        let file = gloo_file::File::from(file);
        let result = match gloo_file::futures::read_as_text(&file).await {
            // A table of results chosen here goes to Results, and says so;
            // text that is neither a plan nor results changes nothing and
            // says that (the note follows what happened, so it comes after
            // the check).
            Ok(text) if looks_like_results(&name, &text) => {
                let action = checked_file(name, text).await;
                return table_chosen(&dispatch, action, from);
            }
            Ok(text) => crate::js_api::saved_from_text(&text),
            Err(_) => Err("the browser could not read it.".into()),
        };
        if let Ok(opened) = &result {
            if let Some(results) = &opened.results {
                dispatch.send_results(ResultsAction::Opened(results.clone()));
            }
        }
        dispatch.send(Action::Open(result, file.name(), from));
    });
}

/// A table chosen or dropped as a saved plan, once read as results: if it
/// is results, they replace the pasted ones and the note says so; if not,
/// nothing changes and the note says why. The note follows what happened.
fn table_chosen(dispatch: &Dispatch, action: ResultsAction, from: FileFrom) {
    let ResultsAction::File(name, _, checked) = &action else {
        return dispatch.send_results(action);
    };
    match crate::text::files::table_as_plan(name, checked) {
        Ok(note) => {
            dispatch.send(Action::FileNote(note, from));
            dispatch.send_results(action);
        }
        Err(why) => dispatch.send(Action::Open(Err(why), name.clone(), from)),
    }
}

/// A file of results rather than a saved plan: named .csv, .tsv or .txt, or
/// text that does not start as JSON does.
fn looks_like_results(name: &str, text: &str) -> bool {
    let name = name.to_ascii_lowercase();
    [".csv", ".tsv", ".txt"].iter().any(|e| name.ends_with(e))
        || !text.trim_start().starts_with(['{', '['])
}

/// A file dropped anywhere on the calculator: a saved plan if it is JSON,
/// else results if it reads as results; anything else changes nothing.
pub fn on_drop(dispatch: &Dispatch) -> Callback<DragEvent> {
    let dispatch = dispatch.clone();
    Callback::from(move |e: DragEvent| {
        e.prevent_default();
        let Some(file) = e
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0))
        else {
            return;
        };
        if file.name().to_ascii_lowercase().ends_with(".json") {
            return open_file(&dispatch, file, FileFrom::Drop);
        }
        read_results(&dispatch, file);
    })
}

/// Reads a file as results: refused unread when it is larger than the page
/// reads (2 MB), so a huge drop cannot freeze the tab; otherwise its text
/// replaces the results only if it reads as results.
pub fn read_results(dispatch: &Dispatch, file: web_sys::File) {
    let name = file.name();
    if let Some(why) = too_large(file.size()) {
        let why = crate::text::files::too_large(why);
        return dispatch.send_results(ResultsAction::Unreadable(name, why));
    }
    let dispatch = dispatch.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let file = gloo_file::File::from(file);
        let action = match gloo_file::futures::read_as_text(&file).await {
            Ok(text) => checked_file(name, text).await,
            Err(_) => ResultsAction::Unreadable(name, "the browser could not read it.".into()),
        };
        dispatch.send_results(action);
    });
}

/// A file's text read as results in slices (2 MB once took one long task),
/// with how many runs it holds or why it is not results.
async fn checked_file(name: String, text: String) -> ResultsAction {
    let parsed = parse_paced(&text, &mut crate::browser::Sliced::alone()).await;
    let checked = results_or_why(parsed)
        .map(|parsed| parsed.rows.len())
        .map_err(|why| crate::text::results::errors::not_results(&why));
    ResultsAction::File(name, text, checked)
}
