"""``izia``: the commands support staff and developers run on the knowledge and the bot.

This package composes the others (the pure core ``izia``, the FSD, the feedback loop); nothing
imports it, so dependencies only ever run downwards.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import List, Optional

from izia.build import build, validated
from izia.graph import render
from izia.knowledge.topics import coverage, load_topics
from izia.paths import KNOWLEDGE_DIR
from izia.server import DEFAULT_ACTIONS_PORT, DEFAULT_RASA_PORT, Servers
from izia_cli.feedback import register as register_feedback
from izia_cli.fsd import register as register_fsd
from izia_cli.purge import register as register_purge


def cmd_validate(args: argparse.Namespace) -> int:
    validated(args.knowledge)
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    return build(args.knowledge, train=not args.no_train)


def cmd_graph(args: argparse.Namespace) -> int:
    knowledge = validated(args.knowledge)
    if args.item not in knowledge.items:
        print(f"fiche « {args.item} » inconnue.", file=sys.stderr)
        return 1
    output = args.output or Path("graphs") / f"{args.item}.svg"
    try:
        print(f"graphe écrit : {render(knowledge.item(args.item), output)}")
    except RuntimeError as missing:
        print(missing, file=sys.stderr)
        return 1
    return 0


def cmd_topics(args: argparse.Namespace) -> int:
    """The topic map's coverage per domain; ``--uncovered`` lists the topics no item answers."""
    knowledge = validated(args.knowledge)
    topics, problems = load_topics(args.knowledge, knowledge)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{'domaine':<20} {'sujets':>6} {'couverts':>8} {'sans source':>11} {'à relire':>8}")
    for row in coverage(topics):
        print(f"{row.domain:<20} {row.topics:>6} {row.covered:>8} {row.unsourced:>11} {row.review:>8}")
    covered = sum(1 for topic in topics if topic.items)
    print(f"{len(topics)} sujets, {covered} couverts par au moins une fiche.")
    if args.uncovered:
        for topic in topics:
            if not topic.items:
                print(f"  non couvert : {topic.domain} / {topic.id} — {topic.title}")
    return 1 if problems else 0


def cmd_run(args: argparse.Namespace) -> int:
    servers = Servers(rasa_port=args.port, actions_port=args.actions_port).start(quiet=False)
    print(f"IZIA écoute sur {servers.url} (webhook REST : {servers.url}/webhooks/rest/webhook). Ctrl-C pour arrêter.")
    return servers.wait()


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="izia", description="IZIA : connaissances et assistant Chorus.")
    main.add_argument("--knowledge", type=Path, default=KNOWLEDGE_DIR, help="dossier des connaissances")
    commands = main.add_subparsers(dest="command", required=True)
    register_fsd(commands)
    register_feedback(commands)
    register_purge(commands)
    commands.add_parser("validate", help="vérifie les fiches de connaissance").set_defaults(run=cmd_validate)
    build = commands.add_parser("build", help="vérifie, compile en données Rasa et entraîne le modèle")
    build.add_argument("--no-train", action="store_true", help="compile sans entraîner")
    build.set_defaults(run=cmd_build)
    graph = commands.add_parser("graph", help="dessine l'arbre d'une fiche (SVG, PNG ou DOT)")
    graph.add_argument("item", help="identifiant de la fiche")
    graph.add_argument("-o", "--output", type=Path, help="fichier de sortie (.svg, .png ou .dot)")
    graph.set_defaults(run=cmd_graph)
    topics = commands.add_parser("topics", help="carte des sujets : couverture par domaine")
    topics.add_argument("--uncovered", action="store_true", help="liste les sujets qu'aucune fiche ne traite")
    topics.set_defaults(run=cmd_topics)
    run = commands.add_parser("run", help="lance le serveur Rasa et le serveur d'actions")
    run.add_argument("--port", type=int, default=int(os.environ.get("IZIA_RASA_PORT", DEFAULT_RASA_PORT)))
    run.add_argument("--actions-port", type=int, default=int(os.environ.get("IZIA_ACTIONS_PORT", DEFAULT_ACTIONS_PORT)))
    run.set_defaults(run=cmd_run)
    return main


def main(argv: Optional[List[str]] = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    raise SystemExit(main())
