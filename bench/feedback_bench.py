"""Benchmark of the feedback loop on a generated log with known topics (covered and not).

Prints and writes to bench/results/feedback.{json,md}: V-measure of the clustering, accuracy
of the covered / not-covered decision (and of the target item), and the report's run time.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from sklearn.metrics import homogeneity_completeness_v_measure

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from feedback_analytics.analysis import analyse, knowledge_texts  # noqa: E402
from feedback_analytics.clustering import DISTANCE_THRESHOLD  # noqa: E402
from feedback_analytics.coverage import COVERAGE_THRESHOLD  # noqa: E402
from feedback_analytics.extraction import extract  # noqa: E402
from feedback_analytics.report import build_report  # noqa: E402
from feedback_analytics.tracker import read_conversations  # noqa: E402
from izia.knowledge import validate  # noqa: E402
from results_files import write_results  # noqa: E402
from synthetic_logs import ItemInfo, generate, write_log  # noqa: E402

CONVERSATIONS = 5000


def main() -> int:
    knowledge = validate(ROOT / "knowledge")
    items = [ItemInfo(i.id, i.domain, i.title, i.examples) for i in knowledge.items.values()]
    log = generate(items, CONVERSATIONS)
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "tracker.db"
        write_log(log, database)
        started = time.monotonic()
        extraction = extract(read_conversations(database))
        analysis = analyse(extraction.signals, knowledge_texts(knowledge))
        build_report(extraction, analysis.subjects, Path(folder) / "report.html")
        report_seconds = time.monotonic() - started
    scored = [(s, label) for s, label in zip(extraction.signals, analysis.labels, strict=False) if s.truth]
    truth = [s.truth for s, _ in scored]
    predicted = [int(label) for _, label in scored]
    homogeneity, completeness, v_measure = homogeneity_completeness_v_measure(truth, predicted)
    decided = [(analysis.subjects[label], log.topics[s.truth], s.truth) for s, label in scored]
    coverage_ok = sum(1 for subject, kind, _ in decided if subject.covered == (kind == "covered"))
    target_ok = sum(
        1
        for subject, kind, topic in decided
        if subject.covered == (kind == "covered") and (kind != "covered" or subject.target == topic)
    )
    results = {
        "conversations": CONVERSATIONS,
        "messages_scored": len(scored),
        "topics_covered": sum(1 for k in log.topics.values() if k == "covered"),
        "topics_uncovered": sum(1 for k in log.topics.values() if k == "uncovered"),
        "subjects": len(analysis.subjects),
        "v_measure": round(v_measure, 4),
        "homogeneity": round(homogeneity, 4),
        "completeness": round(completeness, 4),
        "coverage_accuracy": round(coverage_ok / len(scored), 4),
        "coverage_and_target_accuracy": round(target_ok / len(scored), 4),
        "report_seconds": round(report_seconds, 1),
        "distance_threshold": DISTANCE_THRESHOLD,
        "coverage_threshold": COVERAGE_THRESHOLD,
    }
    rows = "\n".join(f"| {key} | {value} |" for key, value in results.items())
    write_results(
        "feedback",
        "# Boucle d'amélioration : analyse des retours (journal généré)\n\n"
        "Objectifs : V-mesure ≥ 0,80 ; décision couvert / non couvert ≥ 90 % ; rapport complet < 60 s.\n\n"
        "| mesure | valeur |\n| --- | --- |\n" + rows + "\n\n"
        "Les sujets couverts du journal généré sont des exemples réels des fiches, déformés (mots de remplissage, "
        "fautes de frappe, accents et mots omis) ; les sujets non couverts sont absents de la base.\n",
        results,
    )
    print(json.dumps(results, indent=2))
    ok = v_measure >= 0.80 and coverage_ok / len(scored) >= 0.90 and report_seconds < 60
    print("OBJECTIFS ATTEINTS" if ok else "OBJECTIFS NON ATTEINTS")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
