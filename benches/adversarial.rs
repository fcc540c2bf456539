//! `cargo bench --bench adversarial`: the worst case of each parser and of
//! `plan()` over the hostile inputs of issue 34, each timed once natively
//! (release profile). Prints numbers only; a budget of 200 ms per main-thread
//! task is the issue's, so anything near it is a regression to look at.
//! Native only; clippy's wasm32 pass sees an empty `main`.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    cases::run();
}

#[cfg(not(target_arch = "wasm32"))]
mod cases {
    use evidence_ladder::model::pace::{run_now, Pace, Pause};
    use evidence_ladder::model::plan::Plan;
    use evidence_ladder::model::query::parse_query;
    use evidence_ladder::model::results::{analyze, parse_results_text, AnalysisInput};
    use evidence_ladder::model::results::{looks_like_results, PastedResults};
    use evidence_ladder::model::saved::SavedFile;
    use std::fmt::Write;
    use std::hint::black_box;
    use std::time::{Duration, Instant};

    /// Just under README's 2 MB limit, as the issue's inputs were.
    const NEAR_LIMIT: usize = 1_990_000;

    fn time<T>(f: impl FnOnce() -> T) -> Duration {
        let started = Instant::now();
        black_box(f());
        started.elapsed()
    }

    fn ms(d: Duration) -> f64 {
        d.as_secs_f64() * 1000.0
    }

    fn report(name: &str, parse: Duration, read: Option<Duration>) {
        match read {
            Some(read) => println!(
                "{name:<58} parse {:>9.2} ms   parse+analysis {:>9.2} ms",
                ms(parse),
                ms(read)
            ),
            None => println!("{name:<58} {:>9.2} ms", ms(parse)),
        }
    }

    /// A pace that never waits and notes the longest stretch of work
    /// between two pauses: what one slice of the page's reading can cost
    /// however short its time budget (the page yields at its first pause
    /// after 30 ms).
    struct Stretches {
        last: Instant,
        longest: Duration,
    }

    impl Pace for Stretches {
        fn pause(&mut self) -> Pause<'_> {
            let now = Instant::now();
            self.longest = self.longest.max(now - self.last);
            self.last = now;
            Box::pin(std::future::ready(()))
        }
    }

    /// The longest stretch without a pause while `pasted` is read and analysed.
    fn longest_stretch(pasted: &PastedResults) -> Duration {
        let mut pace = Stretches {
            last: Instant::now(),
            longest: Duration::ZERO,
        };
        black_box(run_now(pasted.read_paced(&Default::default(), &mut pace)));
        let end = pace.last.elapsed();
        pace.longest.max(end)
    }

    /// Appends lines from `line(i)` until the text is `bytes` long.
    fn fill(header: &str, bytes: usize, line: impl Fn(usize) -> String) -> String {
        let mut text = header.to_owned();
        let mut i = 0;
        while text.len() < bytes {
            text.push_str(&line(i));
            i += 1;
        }
        text
    }

    fn text_case(name: &str, text: &str) {
        arms_case(name, text, ("method", "baseline"));
    }

    fn arms_case(name: &str, text: &str, (method, baseline): (&str, &str)) {
        assert!(text.len() <= 2_000_000, "{name}: {} bytes", text.len());
        let parse = time(|| parse_results_text(text));
        let pasted = PastedResults {
            text: text.to_owned(),
            method: method.into(),
            baseline: baseline.into(),
            higher_is_better: Some(true),
            direction_for: "value".into(),
        };
        let read = time(|| pasted.read(&Default::default()));
        report(name, parse, Some(read));
        println!(
            "{:<58} longest stretch between the page's pauses {:>9.2} ms",
            "",
            ms(longest_stretch(&pasted))
        );
    }

    /// `a` followed by `i`'s bits written as two invisible characters.
    fn invisible_name(i: usize) -> String {
        let mut name = String::from("method");
        for bit in 0..16 {
            name.push(if i >> bit & 1 == 1 {
                '\u{200b}'
            } else {
                '\u{200c}'
            });
        }
        name
    }

    fn parsers() {
        text_case(
            "blank rows each with another task (1.99 MB)",
            &fill("task,params,arm,seed,value\n", NEAR_LIMIT, |i| {
                format!("t{i},1e8,method,1,\n")
            }),
        );
        text_case(
            "a 1.9 MB header row",
            &format!(
                "{}\n1e8,1,2\n",
                fill("params,seed", 1_900_000, |i| format!(",c{i}"))
            ),
        );
        text_case(
            "a 1.9 MB header row of one name",
            &format!(
                "{}\n1e8,1,2\n",
                fill("params,seed", 1_900_000, |_| ",x".into())
            ),
        );
        text_case(
            "wide form without seeds, a size per line, empty values",
            &fill("params,method,baseline\n", NEAR_LIMIT, |i| {
                format!("{},,\n", i + 1)
            }),
        );
        text_case(
            "44k arm names differing by invisible characters",
            &fill("params,arm,seed,value\n", NEAR_LIMIT, |i| {
                format!("1e8,{},{i},1\n", invisible_name(i))
            }),
        );
        text_case(
            "one 1.99 MB line",
            &format!(
                "params,arm,seed,value\n1e8,{},1,1\n",
                "m".repeat(NEAR_LIMIT)
            ),
        );
        text_case(
            "400k lines of commas",
            &fill("params,arm,seed,value\n", NEAR_LIMIT, |_| ",,,\n".into()),
        );
        text_case(
            "wide form, 21 arm columns",
            &fill(
                &format!(
                    "params,seed,{}\n",
                    (0..21)
                        .map(|a| format!("a{a}"))
                        .collect::<Vec<_>>()
                        .join(",")
                ),
                NEAR_LIMIT,
                |i| format!("{},{i},{}\n", 1 + i % 50, ["1"; 21].join(",")),
            ),
        );
        arms_case(
            "within the limits: 90k runs, 50 rungs, 100 tasks",
            &limits_text(90_000, 100),
            ("m", "b"),
        );
        text_case(
            "README's maximum: 100k runs, 50 rungs, 20 arms",
            &max_runs_text(),
        );
        let over = format!("{}x", "params,arm,seed,value\n".repeat(100_000));
        let refuse = time(|| looks_like_results(&over));
        report("a 2.2 MB paste (refused)", refuse, None);
    }

    /// `runs` runs of arms m and b over 50 sizes and `tasks` tasks, in
    /// short lines (`t7,12M,m,3,0.41`) so that they fit README's 2 MB.
    fn limits_text(runs: usize, tasks: usize) -> String {
        let mut text = String::from("task,params,arm,seed,value\n");
        let seeds = runs / (tasks * 50 * 2);
        for t in 0..tasks {
            for size in 0..50 {
                for seed in 0..seeds {
                    for (arm, shift) in [("m", 0.1), ("b", 0.0)] {
                        let value = shift + (seed as f64 * 0.37 + t as f64).sin();
                        let _ = writeln!(text, "t{t},{}M,{arm},{seed},{value:.2}", size + 1);
                    }
                }
            }
        }
        text
    }

    fn max_runs_text() -> String {
        let mut text = String::from("params,arm,seed,value\n");
        for size in 0..50 {
            for arm in 0..20 {
                let name = match arm {
                    0 => "method".to_owned(),
                    1 => "baseline".to_owned(),
                    a => format!("a{a}"),
                };
                for seed in 0..100 {
                    let _ = writeln!(text, "{}e6,{name},{seed},{}", size + 1, seed % 7);
                }
            }
        }
        text
    }

    fn json_cases() {
        // analyze() through the JS API's JSON form, 4,000 tasks of two rungs.
        let mut rows = Vec::new();
        for t in 0..4000 {
            for (params, arm, value) in [(1e8, "method", 1.0), (1e8, "baseline", 0.5)]
                .into_iter()
                .chain([(1e9, "method", 2.0), (1e9, "baseline", 0.5)])
            {
                for seed in 0..2 {
                    rows.push(format!(
                        r#"{{"params":{params},"arm":"{arm}","seed":{seed},"value":{},"task":"t{t}"}}"#,
                        value + f64::from(seed) * 0.1
                    ));
                }
            }
        }
        let json = format!(
            r#"{{"results":[{}],"method":"method","baseline":"baseline","higher_is_better":true}}"#,
            rows.join(",")
        );
        let took = time(|| {
            serde_json::from_str::<AnalysisInput>(&json)
                .map_err(|e| e.to_string())
                .and_then(|input| analyze(&input).map_err(|e| e.to_string()))
        });
        report("analyze(): 4,000 tasks (JSON)", took, None);
        // A saved plan with 150,000 rows.
        let row = r#"{"params":1e8,"arm":"method","seed":"1","value":1}"#;
        let json = format!(
            r#"{{"app":"Evidence Ladder","inputs":{{}},"results":{{"results":[{}]}}}}"#,
            vec![row; 150_000].join(",")
        );
        let took = time(|| {
            serde_json::from_str::<SavedFile>(&json)
                .map_err(|e| e.to_string())
                .and_then(|file| file.open().map_err(|why| format!("{why:?}")))
        });
        report("a saved plan with 150,000 rows", took, None);
    }

    /// `analyze()` on the most the JS API reads, in the shapes that cost most
    /// (as `e2e/results-paced.test.mjs` calls it in the browser): many tasks at
    /// many rungs, many runs per task, one task with many seeds.
    fn heaviest_analyses() {
        /// A name, tasks, rungs, and seeds per arm for task t.
        type Shape = (&'static str, usize, usize, fn(usize) -> usize);
        let shapes: [Shape; 4] = [
            ("100 tasks x 50 rungs, 1-2 seeds", 100, 50, |t| {
                1 + usize::from(t % 3 == 0)
            }),
            ("100 tasks x 8 rungs x 10 seeds", 100, 8, |_| 10),
            ("3 tasks x 50 rungs x 55 seeds", 3, 50, |_| 55),
            ("one task, 50 rungs x 199 seeds", 1, 50, |_| 199),
        ];
        for (name, tasks, rungs, seeds) in shapes {
            let mut rows = Vec::new();
            for t in 0..tasks {
                for r in 1..=rungs {
                    for s in 0..seeds(t) {
                        for (arm, shift) in [("m", 0.1), ("b", 0.0)] {
                            let value = shift + (s as f64 * 0.37 + (t + r) as f64).sin();
                            let task = if tasks > 1 {
                                format!(r#","task":"t{t}""#)
                            } else {
                                String::new()
                            };
                            rows.push(format!(
                                r#"{{"params":{},"arm":"{arm}","seed":{s},"value":{value}{task}}}"#,
                                r as f64 * 1e6
                            ));
                        }
                    }
                }
            }
            let json = format!(
                r#"{{"results":[{}],"method":"m","baseline":"b","higher_is_better":true}}"#,
                rows.join(",")
            );
            let Ok(input) = serde_json::from_str::<AnalysisInput>(&json) else {
                println!("{name}: the input did not read");
                continue;
            };
            let took = time(|| analyze(&input));
            report(
                &format!("analyze(): {name} ({} rows)", rows.len()),
                took,
                None,
            );
        }
    }

    fn plans() {
        let mut worst = (Duration::ZERO, String::new());
        let mut queries = vec![
            "effect=0.001&noise=1&alpha=0.5&power=0.5".to_owned(),
            "kind=negative_result&effect=0.001&noise=1&alpha=0.5&power=0.5".to_owned(),
            "generality=5&novelty=5&effect=0.001&noise=1&alpha=0.5&power=0.999".to_owned(),
        ];
        for e in -9..=9 {
            for alpha in ["0.000001", "0.05", "0.5"] {
                for power in ["0.5", "0.8", "0.999"] {
                    for kind in ["insight", "negative_result"] {
                        queries.push(format!(
                            "kind={kind}&generality=5&effect=1e{e}&noise=1&alpha={alpha}&power={power}"
                        ));
                    }
                }
            }
        }
        for query in &queries {
            let took = time(|| Plan::new(parse_query(query).inputs));
            if took > worst.0 {
                worst = (took, query.clone());
            }
        }
        let first = time(|| Plan::new(parse_query(&queries[0]).inputs));
        report(&format!("plan(): {}", queries[0]), first, None);
        report(
            &format!("plan(): worst of {} statistics links", queries.len()),
            worst.0,
            None,
        );
        println!("    (the worst: {})", worst.1);
    }

    pub fn run() {
        plans();
        parsers();
        json_cases();
        heaviest_analyses();
    }
}
