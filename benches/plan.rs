//! `make bench`: how long the domain takes for one plan and one link.
//! Native only; clippy's wasm32 pass sees an empty `main`.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(plan);

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_group!(plan, benches);

#[cfg(not(target_arch = "wasm32"))]
fn benches(c: &mut criterion::Criterion) {
    use evidence_ladder::model::inputs::Inputs;
    use evidence_ladder::model::plan::Plan;
    use evidence_ladder::model::query::{parse_query, to_query, View};
    use std::hint::black_box;

    let defaults = Inputs::default();
    c.bench_function("plan: reference inputs", |b| {
        b.iter(|| Plan::new(black_box(defaults.clone())))
    });
    let with_power = parse_query("generality=5&novelty=5&effect=0.2&noise=1&price=2").inputs;
    c.bench_function("plan: power analysis and price", |b| {
        b.iter(|| Plan::new(black_box(with_power.clone())))
    });
    // Deep RL's power aggregates tasks from a pool built once per thread:
    // the first plan pays for it, shown apart from the warm ones.
    let rl = parse_query("field=rl").inputs;
    let cold = std::time::Instant::now();
    black_box(Plan::new(rl.clone()));
    println!("plan: deep RL, first in a thread: {:?}", cold.elapsed());
    c.bench_function("plan: deep RL (tasks aggregated)", |b| {
        b.iter(|| Plan::new(black_box(rl.clone())))
    });
    let query = to_query(&with_power, &View::default());
    c.bench_function("parse a typical link", |b| {
        b.iter(|| parse_query(black_box(&query)))
    });
    let hostile = format!("novelty=%3Cscript%3E&flops={}", "9".repeat(4000));
    c.bench_function("parse a hostile 4 KB link", |b| {
        b.iter(|| parse_query(black_box(&hostile)))
    });
}
