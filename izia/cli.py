"""``izia``: the commands support staff and developers run on the knowledge and the bot."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path
from typing import List, Optional

from feedback_analytics.cli import register as register_feedback
from izia.compiler import compile_knowledge
from izia.fsd import FsdSettingsInvalid, load_fsd_settings
from izia.fsd.loader import FSD_FILE
from izia.fsd.cli import register as register_fsd
from izia.graph import render
from izia.knowledge import KnowledgeBase, KnowledgeInvalid, validate
from izia.paths import BOT_DIR, KNOWLEDGE_DIR, MODELS_DIR
from izia.retention import register as register_purge
from izia.server import DEFAULT_ACTIONS_PORT, DEFAULT_RASA_PORT, Servers


def _validated(knowledge_dir: Path) -> KnowledgeBase:
    """The knowledge and the FSD settings beside it, or every problem with its file:line."""
    try:
        knowledge = validate(knowledge_dir)
        load_fsd_settings(knowledge_dir / FSD_FILE)
    except (KnowledgeInvalid, FsdSettingsInvalid) as invalid:
        for problem in invalid.problems:
            print(problem, file=sys.stderr)
        print(f"{len(invalid.problems)} problème(s) à corriger dans {knowledge_dir}.", file=sys.stderr)
        raise SystemExit(1)
    nodes = sum(len(item.nodes) for item in knowledge.items.values())
    templates = sum(len(item.error_templates) for item in knowledge.items.values())
    print(f"Connaissances valides : {len(knowledge.items)} fiches, {nodes} nœuds, {templates} messages d'erreur.")
    return knowledge


def cmd_validate(args: argparse.Namespace) -> int:
    _validated(args.knowledge)
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    """Compiles then trains; Rasa itself skips training when nothing changed."""
    knowledge = _validated(args.knowledge)
    for path in compile_knowledge(knowledge, BOT_DIR):
        print(f"généré : {path.relative_to(BOT_DIR.parent)}")
    if args.no_train:
        return 0
    command = [
        sys.executable, "-m", "rasa", "train",
        "--config", "config.yml", "--domain", "domain", "--data", "data",
        "--out", str(MODELS_DIR), "--fixed-model-name", "izia",
    ]  # fmt: skip
    environment = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"}
    return subprocess.run(command, cwd=BOT_DIR, env=environment).returncode


def cmd_graph(args: argparse.Namespace) -> int:
    knowledge = _validated(args.knowledge)
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
