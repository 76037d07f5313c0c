"""Blind benchmark: where questions nobody tuned on land, and whether the confidences mean it.

Two kinds of questions:

- the tuned sets (``bench/data/heldout*.yml``, labelled with items, read while writing the
  knowledge): the thresholds are chosen on them (``--sweep``);
- the outsider sets (``bench/data/outsider/*.yml``, labelled with domains only, written by
  outsiders who saw neither the knowledge nor the other sets, then read while tuning): how far the
  tuned figures carry to other writers' words;
- the blind set (``bench/blind/blind_set.yml``, same kind of writers, never read): measured with
  the configured thresholds, once, and only when asked (``--blind``).

Each is parsed by IZIA's pipeline (``bot/config.yml``, then the domain step of
:mod:`izia.conversation`) and by Rasa's default pipeline (``bench/configs/rasa_init.yml``).
Writes ``bench/results/blind.{json,md}`` and the reliability diagram ``bench/results/reliability.png``.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import Dict, List, Mapping, Optional, Sequence, Tuple

from ruamel.yaml import YAML

from calibration import (
    as_rows,
    auroc,
    domain_guess,
    expected_calibration_error,
    in_scope_score,
    reliability,
    routed_domain,
)
from evaluation import OUT_OF_SCOPE, TOP_K, Cases, Prediction, load_questions, with_threshold
from izia.compiler import compile_knowledge
from izia.conversation import DOMAIN_THRESHOLD
from izia.knowledge import validate
from izia.paths import BOT_DIR, KNOWLEDGE_DIR, REPO_ROOT
from nlu_bench import HELDOUT_SETS, load_agent, predict, train
from results_files import RESULTS, previous_results, write_results

BLIND_SET = REPO_ROOT / "bench" / "blind" / "blind_set.yml"
OUTSIDER_SETS = REPO_ROOT / "bench" / "data" / "outsider"
PIPELINES = {"IZIA": BOT_DIR / "config.yml", "rasa init": REPO_ROOT / "bench" / "configs" / "rasa_init.yml"}
ITEM_THRESHOLDS = [0.25, 0.35, 0.5, 0.6]
DOMAIN_THRESHOLDS = [0.4, 0.5, 0.6, 0.7, 1.01]  # 1.01: no domain step
AGREEMENTS = [0.5, 0.7, 1.01]  # the domain model's veto; 1.01: none
TARGETS = {"domain": 0.95, "domain_each": 0.85, "top1": 0.90, "top3": 0.97, "oos_fallback": 0.90, "ece": 0.05}

# (expected domain, or OUT_OF_SCOPE; the parse)
Parsed = List[Tuple[str, Prediction]]


def domain_cases(path: Path) -> Cases:
    """A set labelled with domains: ``questions`` (text, domain) and ``off_topic`` (text)."""
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    return [(q["text"], q["domain"]) for q in data["questions"]] + [(t, None) for t in data["off_topic"]]


def outsider_cases() -> Cases:
    return [case for path in sorted(OUTSIDER_SETS.glob("*.yml")) for case in domain_cases(path)]


def tuned_cases(items: Sequence[str]) -> Cases:
    return [case for path in HELDOUT_SETS.values() for case in load_questions(path, set(items))]


def parse(agent: object, cases: Cases, expected_domain: Mapping[str, str]) -> Parsed:
    """Each question's expected domain (an item label is turned into its domain) and its parse."""
    predictions, _ = predict(agent, cases)  # type: ignore[arg-type]
    return [(expected_domain.get(p.expected or "", p.expected or OUT_OF_SCOPE), p) for p in predictions]


def figures(parsed: Parsed, domains: Mapping[str, str], domain_threshold: Optional[float]) -> Dict[str, dict]:
    """Per expected domain and overall: right domain reached, right domain in the top 3 items,
    «not understood»; off-topic sent to «not understood»; calibration of the domain confidence.
    """
    groups: Dict[str, List[Tuple[str, Prediction]]] = {}
    for expected, prediction in parsed:
        groups.setdefault(expected, []).append((expected, prediction))
    in_scope = [pair for pair in parsed if pair[0] != OUT_OF_SCOPE]
    result = {name: _rates(group, domains, domain_threshold) for name, group in sorted(groups.items())}
    result["all"] = _rates(in_scope, domains, domain_threshold)
    guesses = [(domain_guess(p, domains), expected) for expected, p in parsed]
    confidences = [confidence for (_, confidence), _ in guesses]
    correct = [guess == expected for (guess, _), expected in guesses]
    off_topic = [p for e, p in parsed if e == OUT_OF_SCOPE]
    result["calibration"] = {
        "ece": expected_calibration_error(confidences, correct),
        "auroc": auroc(
            [in_scope_score(p, domains) for _, p in in_scope],
            [in_scope_score(p, domains) for p in off_topic],
        )
        if off_topic and in_scope
        else 0.0,
        "bins": as_rows(reliability(confidences, correct)),
    }
    return result


def _rates(group: Sequence[Tuple[str, Prediction]], domains: Mapping[str, str], threshold: Optional[float]) -> dict:
    reached = [routed_domain(p, domains, threshold) for _, p in group]
    count = len(group)
    item_labelled = all(p.expected in domains for _, p in group)
    return {
        "n": count,
        "top1": sum(p.intent == p.expected for _, p in group) / count if item_labelled else None,
        "domain": sum(r == e for r, (e, _) in zip(reached, group, strict=True)) / count,
        "top3_domain": sum(e in {domains.get(i) for i in p.top(TOP_K)} for e, p in group) / count,
        "not_understood": sum(r is None for r in reached) / count,
    }


def sweep(parsed_sets: Mapping[str, Parsed], domains: Mapping[str, str], ambiguity: float) -> List[dict]:
    """Item, domain and veto thresholds on the sets read while tuning: the only place they are chosen."""
    rows = []
    for agreement in AGREEMENTS:
        for item_threshold in ITEM_THRESHOLDS:
            for domain_threshold in DOMAIN_THRESHOLDS:
                row: dict = {
                    "agreement": agreement,
                    "item_threshold": item_threshold,
                    "domain_threshold": domain_threshold,
                }
                for set_name, parsed in parsed_sets.items():
                    adjusted = [
                        (e, with_threshold(p, item_threshold, ambiguity, domains, agreement)) for e, p in parsed
                    ]
                    rates = figures(adjusted, domains, domain_threshold)
                    row[set_name] = {
                        "domain": rates["all"]["domain"],
                        "oos_fallback": rates.get(OUT_OF_SCOPE, {}).get("not_understood", 0.0),
                    }
                rows.append(row)
    return rows


def _config_fallback(config: Path) -> Tuple[float, float]:
    data = YAML(typ="safe").load(config.read_text(encoding="utf-8"))
    fallback = next(c for c in data["pipeline"] if c["name"] == "FallbackClassifier")
    return float(fallback["threshold"]), float(fallback.get("ambiguity_threshold", 0.1))


def _percent(value: float) -> str:
    return f"{value:.1%}"


def markdown(report: dict) -> str:
    lines = [
        "# Blind benchmark",
        "",
        f"{report['items']} knowledge items. Targets: " + ", ".join(f"{k} {v}" for k, v in TARGETS.items()),
        "",
        "- `tuned`: `bench/data/heldout*.yml`, labelled with items, read while tuning; thresholds are chosen here.",
        "- `outsider`: `bench/data/outsider/*.yml`, labelled with domains by outside writers, read while tuning.",
        "- `blind`: `bench/blind/blind_set.yml`, labelled with domains by other outside writers, measured once.",
        "- domain: the domain the user reaches (the item's, or the domain IZIA opens when no item is sure);",
        "  top-1 item only where questions are labelled with items; ECE of the surest domain's confidence.",
        "",
    ]
    for set_name in ("tuned", "outsider", "blind"):
        if not all(set_name in p for p in report["pipelines"].values()):
            continue
        names = list(report["pipelines"])
        first = report["pipelines"][names[0]][set_name]
        lines += [
            f"## `{set_name}` set",
            "",
            "| domain | n | "
            + " | ".join(f"{n} domain | {n} top-1 item | {n} top-3 domain | {n} not understood" for n in names)
            + " |",
            "|---|---|" + "---|" * (4 * len(names)),
        ]
        for domain in [d for d in first if d != "calibration"]:
            cells = []
            for name in names:
                rates = report["pipelines"][name][set_name][domain]
                top1 = "—" if rates.get("top1") is None else _percent(rates["top1"])
                cells += [
                    _percent(rates["domain"]),
                    top1,
                    _percent(rates["top3_domain"]),
                    _percent(rates["not_understood"]),
                ]
            lines.append(f"| {domain} | {first[domain]['n']} | " + " | ".join(cells) + " |")
        lines += ["", "| pipeline | ECE (domain confidence) | AUROC in-scope vs off-topic |", "|---|---|---|"]
        for name in names:
            calibration = report["pipelines"][name][set_name]["calibration"]
            lines.append(f"| {name} | {calibration['ece']:.3f} | {calibration['auroc']:.3f} |")
        lines.append("")
    if report.get("sweep"):
        set_names = [k for k in report["sweep"][0] if k not in ("agreement", "item_threshold", "domain_threshold")]
        lines += [
            "## Threshold sweep (IZIA, sets read while tuning)",
            "",
            "| domain veto | item threshold | domain threshold | "
            + " | ".join(f"{s} domain | {s} off-topic → not understood" for s in set_names)
            + " |",
            "|---|---|---|" + "---|" * (2 * len(set_names)),
        ]
        lines += [
            f"| {r['agreement']} | {r['item_threshold']} | {r['domain_threshold']} | "
            + " | ".join(f"{_percent(r[s]['domain'])} | {_percent(r[s]['oos_fallback'])}" for s in set_names)
            + " |"
            for r in report["sweep"]
        ]
    return "\n".join(lines) + "\n"


def diagram(report: dict, out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(6, 6))
    axes.plot([0, 1], [0, 1], linestyle="--", color="grey", label="parfaitement calibré")
    for name, sets in report["pipelines"].items():
        for set_name, rates in sets.items():
            bins = rates["calibration"]["bins"]
            axes.plot(
                [b["confidence"] for b in bins], [b["accuracy"] for b in bins], marker="o", label=f"{name} ({set_name})"
            )
    axes.set_xlabel("confiance du domaine")
    axes.set_ylabel("part de domaines justes")
    axes.set_title("Diagramme de fiabilité")
    axes.legend()
    figure.savefig(out, dpi=100, bbox_inches="tight")
    plt.close(figure)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--blind", action="store_true", help="measure the blind set too (once, at the end)")
    parser.add_argument("--sweep", action="store_true", help="sweep IZIA's thresholds on the tuned sets")
    parser.add_argument("--izia-model", type=Path, help="a trained IZIA model instead of training one")
    parser.add_argument("--rasa-init-model", type=Path, help="a trained rasa init model instead of training one")
    parser.add_argument("--rasa-init-label", default="rasa init", help="how that model was trained, for the tables")
    parser.add_argument("--only", choices=list(PIPELINES))
    args = parser.parse_args()
    knowledge = validate(KNOWLEDGE_DIR)
    compile_knowledge(knowledge, BOT_DIR)
    domains = {item.id: item.domain for item in knowledge.items.values()}
    sets = {"tuned": tuned_cases(list(knowledge.items)), "outsider": outsider_cases()}
    if args.blind:
        sets["blind"] = domain_cases(BLIND_SET)
    models = {"IZIA": args.izia_model, "rasa init": args.rasa_init_model}
    report: dict = (previous_results("blind") if args.only else {}) or {"pipelines": {}}
    report["items"] = len(knowledge.items)
    for name, config in PIPELINES.items():
        if args.only and name != args.only:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            model = models[name] or train(config, Path(tmp))
            agent = load_agent(model)
            threshold = DOMAIN_THRESHOLD if name == "IZIA" else None
            parsed = {set_name: parse(agent, cases, domains) for set_name, cases in sets.items()}
        label = args.rasa_init_label if name == "rasa init" else name
        report["pipelines"][label] = {s: figures(p, domains, threshold) for s, p in parsed.items()}
        for set_name, rates in report["pipelines"][label].items():
            overall, calibration = rates["all"], rates["calibration"]
            print(
                f"{label} [{set_name}]: domain {overall['domain']:.1%}  top-3 domain {overall['top3_domain']:.1%}  "
                f"off-topic→not understood {rates.get(OUT_OF_SCOPE, {}).get('not_understood', 0):.1%}  "
                f"ECE {calibration['ece']:.3f}  AUROC {calibration['auroc']:.3f}"
            )
        if name == "IZIA" and args.sweep:
            tuning = {s: p for s, p in parsed.items() if s != "blind"}
            report["sweep"] = sweep(tuning, domains, _config_fallback(config)[1])
    write_results("blind", markdown(report), report)
    diagram(report, RESULTS / "reliability.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
