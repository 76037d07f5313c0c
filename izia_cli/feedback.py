"""``izia feedback report|suggest|apply``: the improvement loop, one command per step."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Tuple

from tqdm import tqdm

from feedback_analytics.analysis import Analysis, analyse, knowledge_texts
from feedback_analytics.apply import apply_review
from feedback_analytics.extraction import Extraction, extract
from feedback_analytics.report import build_report
from feedback_analytics.review import read_review, write_review
from feedback_analytics.tracker import read_conversations
from izia.paths import BOT_DIR, DATA_DIR, KNOWLEDGE_DIR


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Adds ``feedback`` and its three steps to the ``izia`` parser's sub-commands."""
    feedback = commands.add_parser("feedback", help="analyse des conversations non comprises et des avis négatifs")
    steps = feedback.add_subparsers(dest="feedback_command", required=True)
    tracker_help = (
        "base du tracker store Rasa : fichier SQLite ou URL SQLAlchemy (postgresql://…) (défaut : %(default)s)"
    )
    for name, help_text, run in (
        ("report", "page HTML pour l'équipe support (graphiques, sujets, fiches mal notées)", cmd_report),
        ("suggest", "fichier YAML de suggestions à relire (accepter / rejeter / recibler)", cmd_suggest),
    ):
        step = steps.add_parser(name, help=help_text)
        step.add_argument("--tracker", default=str(DATA_DIR / "tracker.db"), help=tracker_help)
        step.add_argument(
            "-o",
            "--output",
            type=Path,
            default=Path("var") / ("feedback_report.html" if name == "report" else "feedback_review.yml"),
        )
        step.set_defaults(run=run)
    apply = steps.add_parser("apply", help="ajoute les reformulations acceptées, valide, ré-entraîne et vérifie")
    apply.add_argument("review", type=Path, help="fichier de suggestions relu")
    apply.add_argument("--bot", type=Path, default=BOT_DIR, help="dossier du projet Rasa (défaut : %(default)s)")
    apply.add_argument("--no-train", action="store_true", help="ajoute et valide seulement")
    apply.add_argument(
        "--report", type=Path, default=Path("var") / "feedback_apply.md", help="compte rendu (défaut : %(default)s)"
    )
    apply.set_defaults(run=cmd_apply)


def _knowledge_dir(args: argparse.Namespace) -> Path:
    return Path(getattr(args, "knowledge", None) or KNOWLEDGE_DIR)


def run_analysis(tracker: str, knowledge_dir: Path) -> Tuple[Extraction, Analysis]:
    from izia.knowledge import validate

    knowledge = validate(knowledge_dir)
    extraction = extract(read_conversations(tracker, progress=tqdm), progress=tqdm)
    return extraction, analyse(extraction.signals, knowledge_texts(knowledge), progress=tqdm)


def cmd_report(args: argparse.Namespace) -> int:
    started = time.monotonic()
    extraction, analysis = run_analysis(args.tracker, _knowledge_dir(args))
    path = build_report(extraction, analysis.subjects, args.output)
    print(
        f"Rapport écrit : {path} ({len(extraction.conversations)} conversations, {time.monotonic() - started:.1f} s)."
    )
    return 0


def cmd_suggest(args: argparse.Namespace) -> int:
    _, analysis = run_analysis(args.tracker, _knowledge_dir(args))
    count = write_review(analysis.subjects, args.output)
    print(f"{count} suggestion(s) à relire dans {args.output}, puis : izia feedback apply {args.output}")
    return 0


def cmd_apply(args: argparse.Namespace) -> int:
    try:
        suggestions = read_review(args.review)
    except (OSError, ValueError) as problem:
        print(problem, file=sys.stderr)
        return 1
    report = apply_review(suggestions, _knowledge_dir(args), args.bot, train=not args.no_train, report_path=args.report)
    print(report.markdown())
    print(f"Compte rendu : {args.report}")
    return 0 if report.success else 1
