"""NLU benchmark: IZIA's pipeline against Rasa's default on held-out French questions.

Trains each pipeline on the compiled knowledge, parses every question of
``bench/data/heldout.yml`` (never used for training), and writes per-domain figures and a
fallback-threshold sweep to ``bench/results/nlu.{json,md}``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from ruamel.yaml import YAML

from izia.compiler import compile_knowledge
from izia.evaluation import OUT_OF_SCOPE, Prediction, by_domain, score, with_threshold
from izia.knowledge import KnowledgeBase, validate
from izia.paths import BOT_DIR, KNOWLEDGE_DIR, REPO_ROOT

HELDOUT = REPO_ROOT / "bench" / "data" / "heldout.yml"
RESULTS = REPO_ROOT / "bench" / "results"
PIPELINES = {"IZIA": BOT_DIR / "config.yml", "rasa init": REPO_ROOT / "bench" / "configs" / "rasa_init.yml"}
THRESHOLDS = [0.25, 0.3, 0.33, 0.35, 0.37, 0.4, 0.5, 0.6, 0.7]
AMBIGUITIES = [0.0, 0.05, 0.1]
TARGETS = {"top1": 0.92, "domain": 0.97, "top3": 0.98, "oos_fallback": 0.90}


def load_heldout(path: Path, knowledge: KnowledgeBase) -> List[Tuple[str, Optional[str]]]:
    """(question, expected item or None for out of scope); unknown items fail with file:line."""
    data = YAML(typ="rt").load(path.read_text(encoding="utf-8"))
    cases: List[Tuple[str, Optional[str]]] = []
    for index, entry in enumerate(data["questions"]):
        if entry["item"] not in knowledge.items:
            line = data["questions"].lc.item(index)[0] + 1
            raise SystemExit(f"{path}:{line}: fiche « {entry['item']} » inconnue")
        cases.append((str(entry["text"]), str(entry["item"])))
    cases += [(str(text), None) for text in data["out_of_scope"]]
    return cases


def train(config: Path, out: Path) -> Path:
    command = [
        sys.executable, "-m", "rasa", "train", "nlu", "--config", str(config),
        "--nlu", "data/nlu", "--domain", "domain", "--out", str(out), "--fixed-model-name", "nlu",
    ]  # fmt: skip
    subprocess.run(command, cwd=BOT_DIR, check=True, env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}, capture_output=True)
    return out / "nlu.tar.gz"


def predict(model: Path, cases: List[Tuple[str, Optional[str]]]) -> Tuple[List[Prediction], float]:
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))

    async def parse_all() -> List[dict]:
        return [await agent.parse_message(text) for text, _ in cases]

    started = time.perf_counter()
    parsed = asyncio.run(parse_all())
    per_message_ms = (time.perf_counter() - started) * 1000 / max(len(cases), 1)
    predictions = [
        Prediction(expected, result["intent"]["name"], [(r["name"], r["confidence"]) for r in result.get("intent_ranking", [])])
        for (_, expected), result in zip(cases, parsed)
    ]
    return predictions, per_message_ms


def sweep(predictions: List[Prediction], domains: Dict[str, str]) -> List[dict]:
    rows = []
    for threshold in THRESHOLDS:
        for ambiguity in AMBIGUITIES:
            adjusted = [with_threshold(p, threshold, ambiguity) for p in predictions]
            in_scope = score([p for p in adjusted if p.expected is not None], domains)
            outside = score([p for p in adjusted if p.expected is None], domains)
            rows.append({"threshold": threshold, "ambiguity": ambiguity, **in_scope.as_dict(), "oos_fallback": outside.fallback})
    return rows


def markdown(report: dict) -> str:
    names = list(report["pipelines"])
    lines = [
        "# NLU benchmark (held-out questions)",
        "",
        f"{report['questions']} in-scope questions, {report['out_of_scope']} out-of-scope, {report['items']} knowledge items. "
        f"Targets: top-1 ≥ {TARGETS['top1']:.0%}, domain ≥ {TARGETS['domain']:.0%}, top-3 ≥ {TARGETS['top3']:.0%}, "
        f"out-of-scope → fallback ≥ {TARGETS['oos_fallback']:.0%}.",
        "",
        "| domain | n | " + " | ".join(f"{n} top-1 | {n} domain | {n} top-3 | {n} fallback" for n in names) + " |",
        "|---|---|" + "---|" * (4 * len(names)),
    ]
    for domain in report["pipelines"][names[0]]["by_domain"]:
        cells = []
        for name in names:
            s = report["pipelines"][name]["by_domain"][domain]
            cells += [f"{s['top1']:.1%}", f"{s['domain']:.1%}", f"{s['top3']:.1%}", f"{s['fallback']:.1%}"]
        count = report["pipelines"][names[0]]["by_domain"][domain]["n"]
        lines.append(f"| {domain} | {count} | " + " | ".join(cells) + " |")
    lines += ["", "Parse time per message: " + ", ".join(f"{n} {report['pipelines'][n]['ms_per_message']:.1f} ms" for n in names)]
    lines += ["", "## Fallback threshold sweep (IZIA pipeline)", "", "| threshold | ambiguity | top-1 | domain | top-3 | in-scope fallback | out-of-scope fallback |", "|---|---|---|---|---|---|---|"]
    for row in report["sweep"]:
        lines.append(
            f"| {row['threshold']} | {row['ambiguity']} | {row['top1']:.1%} | {row['domain']:.1%} | {row['top3']:.1%} | {row['fallback']:.1%} | {row['oos_fallback']:.1%} |"
        )
    return "\n".join(lines) + "\n"


def _previous(only: Optional[str]) -> dict:
    """With --only, the last report: the other pipeline's figures stay in the table beside."""
    previous = RESULTS / "nlu.json"
    return json.loads(previous.read_text(encoding="utf-8")) if only and previous.exists() else {}


def _previous_pipelines(only: Optional[str]) -> dict:
    kept = _previous(only).get("pipelines", {})
    return {name: figures for name, figures in kept.items() if name != only}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", choices=list(PIPELINES), help="one pipeline only")
    parser.add_argument("--izia-model", type=Path, help="evaluate this trained IZIA model instead of training one")
    args = parser.parse_args()
    knowledge = validate(KNOWLEDGE_DIR)
    compile_knowledge(knowledge, BOT_DIR)
    cases = load_heldout(HELDOUT, knowledge)
    domains = {item.id: item.domain for item in knowledge.items.values()}
    report: dict = {
        "questions": sum(1 for _, e in cases if e), "out_of_scope": sum(1 for _, e in cases if e is None),
        "items": len(knowledge.items), "pipelines": _previous_pipelines(args.only),
    }  # fmt: skip
    for name, config in PIPELINES.items():
        if args.only and name != args.only:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            reuse = args.izia_model if name == "IZIA" else None
            model = reuse or train(config, Path(tmp))
            trained_s = 0.0 if reuse else time.perf_counter() - started
            predictions, ms = predict(model, cases)
        results = {key: value.as_dict() for key, value in by_domain(predictions, domains).items()}
        report["pipelines"][name] = {"by_domain": results, "ms_per_message": ms, "train_s": trained_s}
        if name == "IZIA":
            report["sweep"] = sweep(predictions, domains)
        overall, outside = results["all"], results.get(OUT_OF_SCOPE, {}).get("fallback", 0.0)
        print(f"{name}: top-1 {overall['top1']:.1%}  domain {overall['domain']:.1%}  top-3 {overall['top3']:.1%}  "
              f"fallback {overall['fallback']:.1%}  out-of-scope→fallback {outside:.1%}  ({ms:.1f} ms/message, trained in {trained_s:.0f} s)")  # fmt: skip
    RESULTS.mkdir(parents=True, exist_ok=True)
    report.setdefault("sweep", _previous(args.only).get("sweep", []))
    (RESULTS / "nlu.json").write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    (RESULTS / "nlu.md").write_text(markdown(report), encoding="utf-8")
    print(f"écrit : {RESULTS / 'nlu.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
