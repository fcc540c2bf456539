//! Prints the plan for a query as the Markdown the page exports, so a plan
//! can be read in full from a terminal:
//!
//! ```sh
//! cargo run --example plan -- 'kind=benchmark&generality=3'
//! ```

use evidence_ladder::model::{plan::Plan, query::parse_query};
use evidence_ladder::text::report::markdown;

fn main() {
    let query = std::env::args().nth(1).unwrap_or_default();
    let parsed = parse_query(&query);
    for message in evidence_ladder::text::fields::query_messages(&parsed) {
        eprintln!("{message}");
    }
    let plan = Plan::new(parsed.inputs);
    print!("{}", markdown(&plan, &format!("?{query}"), None));
    for warning in evidence_ladder::text::warnings::of(&plan) {
        println!("- Warning: {warning}");
    }
}
