//! Temporary: dumps plan() values with the hand-written exporter, so the serde version can be compared.
use evidence_ladder::model::export::{plan_value, Value};
use evidence_ladder::model::inputs::FieldValue;
use evidence_ladder::model::plan::Plan;

fn json(v: &Value, out: &mut String) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&format!("{n:e}")),
        Value::Text(s) => out.push_str(&format!("{:?}", s)),
        Value::List(items) => {
            out.push('[');
            for (i, x) in items.iter().enumerate() {
                if i > 0 { out.push(','); }
                json(x, out);
            }
            out.push(']');
        }
        Value::Object(fields) => {
            out.push('{');
            for (i, (k, x)) in fields.iter().enumerate() {
                if i > 0 { out.push(','); }
                out.push_str(&format!("{k:?}:"));
                json(x, out);
            }
            out.push('}');
        }
    }
}

#[test]
fn dump() {
    use FieldValue::*;
    let t = |s: &str| Text(s.to_owned());
    let cases: Vec<(&str, Vec<(&str, FieldValue)>)> = vec![
        ("default", vec![]),
        ("g1n1", vec![("generality", Number(1.0)), ("novelty", Number(1.0))]),
        ("g5n5", vec![("generality", Number(5.0)), ("novelty", Number(5.0))]),
        ("g4n2", vec![("generality", t("4")), ("novelty", t("2"))]),
        ("negative", vec![("kind", t("negative_result"))]),
        ("model", vec![("kind", t("model"))]),
        ("benchmark", vec![("kind", t("benchmark"))]),
        ("dataset", vec![("kind", t("dataset"))]),
        ("codebase", vec![("kind", t("codebase"))]),
        ("h100x64", vec![("accelerator", t("h100")), ("count", Number(64.0))]),
        ("rtx4090", vec![("accelerator", t("rtx4090")), ("count", Number(1.0)), ("hours", Number(336.0))]),
        ("tiny", vec![("count", Number(1.0)), ("hours", Number(1.0)), ("generality", Number(5.0))]),
        ("flops", vec![("flops", Number(2.6e21))]),
        ("flops-huge", vec![("flops", t("1e27"))]),
        ("price", vec![("price", Number(2.5))]),
        ("power", vec![("effect", Number(0.5)), ("noise", Number(1.0))]),
        ("power-half", vec![("effect", Number(0.5))]),
        ("mfu-high", vec![("mfu", Number(0.8))]),
        ("tpp", vec![("tokens_per_param", Number(100.0))]),
        ("unknown", vec![("colour", t("red"))]),
        ("bad-novelty", vec![("novelty", Number(99.0))]),
        ("bad-hours", vec![("hours", Number(-1.0))]),
        ("bad-kind", vec![("kind", t("essay"))]),
        ("bad-count", vec![("count", Number(1.5))]),
        ("bad-mfu", vec![("mfu", t("40%"))]),
        ("bad-bool", vec![("generality", Other("a boolean"))]),
        ("bad-first", vec![("alpha", Number(2.0)), ("power", Number(2.0))]),
        ("tiny-alpha", vec![("alpha", Number(1e-17)), ("effect", Number(1.0)), ("noise", Number(1.0))]),
    ];
    let mut out = String::from("{\n");
    for (i, (name, pairs)) in cases.iter().enumerate() {
        if i > 0 { out.push_str(",\n"); }
        out.push_str(&format!("{name:?}:{{\"inputs\":"));
        let mut inputs = String::from("[");
        for (j, (k, v)) in pairs.iter().enumerate() {
            if j > 0 { inputs.push(','); }
            let v = match v {
                Number(n) => format!("{n:e}"),
                Text(s) => format!("{s:?}"),
                Missing => "null".into(),
                Other(_) => "true".into(),
            };
            inputs.push_str(&format!("[{k:?},{v}]"));
        }
        inputs.push(']');
        out.push_str(&inputs);
        match Plan::from_pairs(pairs.iter().map(|(k, v)| (*k, v.clone()))) {
            Ok(plan) => { out.push_str(",\"plan\":"); json(&plan_value(&plan), &mut out); }
            Err(e) => out.push_str(&format!(",\"error\":{:?}", e.to_string())),
        }
        out.push('}');
    }
    out.push_str("\n}\n");
    std::fs::write("tests/fixtures/plan-before-serde.json", out).unwrap();
}
