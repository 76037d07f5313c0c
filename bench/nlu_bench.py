"""NLU benchmark: IZIA's pipeline against Rasa's default on held-out French questions.

Trains each pipeline on the compiled knowledge and parses every question of the held-out
sets (never used for training): ``heldout.yml``, whose errors were read while tuning, and
``heldout_fresh.yml``, written later by another writer and never used to choose anything,
so it tells whether the tuning generalises. Writes per-domain figures, a summary of every
pipeline on both sets and a fallback-threshold sweep to ``bench/results/nlu.{json,md}``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Dict, List, Optional, Tuple

from ruamel.yaml import YAML

from evaluation import OUT_OF_SCOPE, Cases, Prediction, by_domain, load_questions, score, with_threshold
from izia.compiler import compile_knowledge
from izia.contract import DOMAINS_KEY, MATCHES_KEY
from izia.knowledge import validate
from izia.paths import BOT_DIR, KNOWLEDGE_DIR, REPO_ROOT
from results_files import previous_results, write_results

if TYPE_CHECKING:
    from rasa.core.agent import Agent

HELDOUT_SETS = {name: REPO_ROOT / "bench" / "data" / f"{name}.yml" for name in ("heldout", "heldout_fresh")}
MAIN_SET = "heldout"
CONFIGS = REPO_ROOT / "bench" / "configs"
PIPELINES = {
    "IZIA": BOT_DIR / "config.yml",
    "IZIA spaCy sm": BOT_DIR / "config.yml",
    "IZIA DIET (session 1)": CONFIGS / "izia_diet.yml",
    "rasa init": CONFIGS / "rasa_init.yml",
}
# IZIA's own pipeline with another spaCy model: derived at run time, so it never drifts from it.
SPACY_MODELS = {"IZIA spaCy sm": "fr_core_news_sm"}
SIDE_BY_SIDE = ("IZIA", "rasa init")
THRESHOLDS = [0.2, 0.25, 0.3, 0.33, 0.35, 0.37, 0.4, 0.5, 0.6, 0.7]
AMBIGUITIES = [0.0, 0.05, 0.1]
TARGETS = {"top1": 0.92, "domain": 0.97, "top3": 0.98, "oos_fallback": 0.90}


def with_spacy_model(config: Path, spacy_model: str, out: Path) -> Path:
    """A copy of ``config`` in ``out`` whose SpacyNLP loads ``spacy_model``."""
    data = YAML(typ="safe").load(config.read_text(encoding="utf-8"))
    for component in data["pipeline"]:
        if component["name"] == "SpacyNLP":
            component["model"] = spacy_model
    variant = out / "config.yml"
    YAML(typ="safe").dump(data, variant)
    return variant


def train(config: Path, out: Path) -> Path:
    command = [
        sys.executable,
        "-m",
        "rasa",
        "train",
        "nlu",
        "--config",
        str(config),
        "--nlu",
        "data/nlu",
        "--domain",
        "domain",
        "--out",
        str(out),
        "--fixed-model-name",
        "nlu",
    ]
    # A cache of its own, so that every pipeline is measured on a training of its own.
    environment = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "RASA_CACHE_DIRECTORY": str(out / "cache")}
    subprocess.run(command, cwd=BOT_DIR, check=True, env=environment, capture_output=True)
    return out / "nlu.tar.gz"


def load_agent(model: Path) -> "Agent":
    from rasa.core.agent import Agent

    return Agent.load(str(model))


def predict(agent: "Agent", cases: Cases) -> Tuple[List[Prediction], float]:
    async def parse_all() -> List[dict]:
        return [await agent.parse_message(text) for text, _ in cases]

    started = time.perf_counter()
    parsed = asyncio.run(parse_all())
    per_message_ms = (time.perf_counter() - started) * 1000 / max(len(cases), 1)
    predictions = [
        Prediction(
            expected,
            result["intent"]["name"],
            [(r["name"], r["confidence"]) for r in result.get("intent_ranking", [])],
            [(d["domain"], d["confidence"]) for d in result.get(DOMAINS_KEY, [])],
            bool(result.get(MATCHES_KEY)),
        )
        for (_, expected), result in zip(cases, parsed, strict=False)
    ]
    return predictions, per_message_ms


def sweep(predictions: List[Prediction], domains: Dict[str, str]) -> List[dict]:
    rows = []
    for threshold in THRESHOLDS:
        for ambiguity in AMBIGUITIES:
            adjusted = [with_threshold(p, threshold, ambiguity) for p in predictions]
            in_scope = score([p for p in adjusted if p.expected is not None], domains)
            outside = score([p for p in adjusted if p.expected is None], domains)
            rows.append(
                {"threshold": threshold, "ambiguity": ambiguity, **in_scope.as_dict(), "oos_fallback": outside.fallback}
            )
    return rows


def _percent(value: float) -> str:
    return f"{value:.1%}"


def markdown(report: dict) -> str:
    pipelines = report["pipelines"]
    main = report["sets"][MAIN_SET]
    shown = [name for name in SIDE_BY_SIDE if name in pipelines]
    lines = [
        "# NLU benchmark (held-out questions)",
        "",
        f"{report['items']} knowledge items. Targets: top-1 ≥ {TARGETS['top1']:.0%}, domain ≥ {TARGETS['domain']:.0%}, "
        f"top-3 ≥ {TARGETS['top3']:.0%}, out-of-scope → fallback ≥ {TARGETS['oos_fallback']:.0%}.",
        "",
        "- `heldout`: "
        + f"{main['questions']} in-scope and {main['out_of_scope']} out-of-scope questions; their errors were read while tuning.",
    ]
    if "heldout_fresh" in report["sets"]:
        fresh = report["sets"]["heldout_fresh"]
        lines.append(
            f"- `heldout_fresh`: {fresh['questions']} in-scope and {fresh['out_of_scope']} out-of-scope questions by another writer, never used to choose anything."
        )
    lines += [
        "",
        "## Every pipeline, overall",
        "",
        "| pipeline | set | top-1 | domain | top-3 | in-scope fallback | out-of-scope → fallback | ms/message | training s |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, figures in pipelines.items():
        for set_name, results in figures["sets"].items():
            overall = results["all"]
            outside = results.get(OUT_OF_SCOPE, {}).get("fallback", 0.0)
            lines.append(
                f"| {name} | {set_name} | {_percent(overall['top1'])} | {_percent(overall['domain'])} | {_percent(overall['top3'])} | "
                f"{_percent(overall['fallback'])} | {_percent(outside)} | {figures['ms_per_message']:.1f} | {figures['train_s']:.0f} |"
            )
    lines += [
        "",
        f"## Per domain on `{MAIN_SET}`: " + " and ".join(shown) + " side by side",
        "",
        "| domain | n | " + " | ".join(f"{n} top-1 | {n} domain | {n} top-3 | {n} fallback" for n in shown) + " |",
        "|---|---|" + "---|" * (4 * len(shown)),
    ]
    for domain, first in pipelines[shown[0]]["sets"][MAIN_SET].items():
        cells = []
        for name in shown:
            figures = pipelines[name]["sets"][MAIN_SET][domain]
            cells += [_percent(figures[key]) for key in ("top1", "domain", "top3", "fallback")]
        lines.append(f"| {domain} | {first['n']} | " + " | ".join(cells) + " |")
    lines += [
        "",
        f"## Fallback threshold sweep (IZIA pipeline, `{MAIN_SET}`)",
        "",
        "| threshold | ambiguity | top-1 | domain | top-3 | in-scope fallback | out-of-scope fallback |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in report["sweep"]:
        lines.append(
            f"| {row['threshold']} | {row['ambiguity']} | {_percent(row['top1'])} | {_percent(row['domain'])} | {_percent(row['top3'])} | {_percent(row['fallback'])} | {_percent(row['oos_fallback'])} |"
        )
    return "\n".join(lines) + "\n"


def _previous(only: Optional[str]) -> dict:
    """With --only, the last report: the other pipelines' figures stay in the tables."""
    report = previous_results("nlu") if only else {}
    return report if "sets" in report else {}


def evaluate(
    name: str, config: Path, model: Optional[Path], sets: Dict[str, Cases], domains: Dict[str, str]
) -> Tuple[dict, Dict[str, List[Prediction]]]:
    """One pipeline on every held-out set: its figures, and its raw predictions per set."""
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        trained_s = 0.0
        if model is None:
            if name in SPACY_MODELS:
                config = with_spacy_model(config, SPACY_MODELS[name], Path(tmp))
            model = train(config, Path(tmp))
            trained_s = time.perf_counter() - started
        agent = load_agent(model)
        predictions = {set_name: predict(agent, cases) for set_name, cases in sets.items()}
    timed = [ms for _, ms in predictions.values()]
    figures = {
        "train_s": trained_s,
        "ms_per_message": sum(timed) / len(timed),
        "sets": {
            set_name: {k: v.as_dict() for k, v in by_domain(found, domains).items()}
            for set_name, (found, _) in predictions.items()
        },
    }
    for set_name, results in figures["sets"].items():
        overall, outside = results["all"], results.get(OUT_OF_SCOPE, {}).get("fallback", 0.0)
        print(
            f"{name} [{set_name}]: top-1 {overall['top1']:.1%}  domain {overall['domain']:.1%}  top-3 {overall['top3']:.1%}  "
            f"fallback {overall['fallback']:.1%}  out-of-scope→fallback {outside:.1%}"
        )
    print(f"{name}: {figures['ms_per_message']:.1f} ms/message, trained in {trained_s:.0f} s")
    return figures, {set_name: found for set_name, (found, _) in predictions.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", choices=list(PIPELINES), help="one pipeline only")
    parser.add_argument("--izia-model", type=Path, help="evaluate this trained IZIA model instead of training one")
    args = parser.parse_args()
    knowledge = validate(KNOWLEDGE_DIR)
    compile_knowledge(knowledge, BOT_DIR)
    sets = {name: load_questions(path, set(knowledge.items)) for name, path in HELDOUT_SETS.items() if path.exists()}
    domains = {item.id: item.domain for item in knowledge.items.values()}
    previous = _previous(args.only)
    report: dict = {
        "items": len(knowledge.items),
        "sets": {
            name: {"questions": sum(1 for _, e in cases if e), "out_of_scope": sum(1 for _, e in cases if e is None)}
            for name, cases in sets.items()
        },
        "pipelines": {name: figures for name, figures in previous.get("pipelines", {}).items() if name != args.only},
        "sweep": previous.get("sweep", []),
    }
    for name, config in PIPELINES.items():
        if args.only and name != args.only:
            continue
        reuse = args.izia_model if name == "IZIA" else None
        report["pipelines"][name], predictions = evaluate(name, config, reuse, sets, domains)
        if name == "IZIA":
            report["sweep"] = sweep(predictions[MAIN_SET], domains)
    report["pipelines"] = {name: report["pipelines"][name] for name in PIPELINES if name in report["pipelines"]}
    write_results("nlu", markdown(report), report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
