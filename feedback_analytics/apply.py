"""Applying a reviewed file: accepted messages join their item's ``examples:``, the knowledge is
validated, the model retrained, and the result checked (the messages now reach the intended
item, the conversation test stories still pass), with a report.

The knowledge files are edited with ruamel.yaml's round-trip mode so that their comments,
order and layout stay as the authors wrote them; a file is only rewritten if it gains examples.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

from ruamel.yaml import YAML

from feedback_analytics.features import plain
from feedback_analytics.review import Suggestion

# Run in a subprocess so that this package never imports Rasa: parses each text of stdin (JSON list).
_PARSE_SCRIPT = """
import asyncio, json, sys
from rasa.core.agent import Agent
async def main():
    agent = Agent.load(sys.argv[1])
    out = []
    for text in json.load(sys.stdin):
        parsed = await agent.parse_message(text)
        intent = parsed.get("intent") or {}
        out.append({"text": text, "intent": intent.get("name"), "confidence": float(intent.get("confidence") or 0)})
    print("@@PARSED@@" + json.dumps(out))
asyncio.run(main())
"""


def _yaml() -> YAML:
    yaml = YAML()  # round-trip
    yaml.preserve_quotes = True  # type: ignore[assignment]
    yaml.width = 4096  # type: ignore[assignment]  # never re-wrap the authors' lines
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def add_examples(path: Path, messages: Sequence[str]) -> List[str]:
    """Appends the messages not already there (accents and case aside) to ``examples:``;
    returns those added. Comments and layout of the rest of the file are kept.
    """
    yaml = _yaml()
    text = path.read_text(encoding="utf-8")
    data = yaml.load(text)
    examples = data.get("examples")
    if examples is None:
        raise ValueError(f"{path} : pas de liste « examples: »")
    known = {plain(str(e)) for e in examples}
    added = []
    for message in messages:
        key = plain(message)
        if key and key not in known:
            examples.append(message)
            known.add(key)
            added.append(message)
    if added:
        with path.open("w", encoding="utf-8") as out:
            yaml.dump(data, out)
    return added


@dataclass
class ApplyReport:
    added: Dict[str, List[str]] = field(default_factory=dict)  # item -> examples added
    valid: bool = False
    problems: List[str] = field(default_factory=list)
    trained: Optional[bool] = None
    parsed: List[Dict[str, Any]] = field(default_factory=list)  # text, expected, intent, confidence, ok
    stories_ok: Optional[bool] = None
    stories: Dict[str, Any] = field(default_factory=dict)

    @property
    def messages_ok(self) -> int:
        return sum(1 for p in self.parsed if p["ok"])

    @property
    def success(self) -> bool:
        checks = [self.valid, self.trained is not False, self.stories_ok is not False]
        return all(checks) and self.messages_ok == len(self.parsed)

    def markdown(self) -> str:
        lines = ["# Application des suggestions", ""]
        lines.append(
            f"- reformulations ajoutées : {sum(map(len, self.added.values()))} dans {len(self.added)} fiche(s)"
        )
        lines.append(f"- connaissances valides : {'oui' if self.valid else 'non'}")
        for problem in self.problems:
            lines.append(f"  - {problem}")
        if self.trained is not None:
            lines.append(f"- ré-entraînement : {'réussi' if self.trained else 'échec'}")
        if self.parsed:
            lines.append(f"- messages reconnus par la fiche voulue : {self.messages_ok}/{len(self.parsed)}")
        if self.stories_ok is not None:
            lines.append(
                f"- histoires de test de conversation : {'toutes passent' if self.stories_ok else 'ÉCHEC'} {self.stories}"
            )
        wrong = [p for p in self.parsed if not p["ok"]]
        if wrong:
            lines += ["", "| message | fiche voulue | intention reconnue | confiance |", "| --- | --- | --- | --- |"]
            lines += [f"| {p['text']} | {p['expected']} | {p['intent']} | {p['confidence']:.2f} |" for p in wrong]
        return "\n".join(lines) + "\n"


def merge(suggestions: Sequence[Suggestion], knowledge_dir: Path) -> ApplyReport:
    """Adds the accepted messages to their items, then validates; restores every file if invalid."""
    from izia.knowledge import KnowledgeInvalid, validate

    report = ApplyReport()
    knowledge = validate(knowledge_dir)
    backups: Dict[Path, str] = {}
    for suggestion in suggestions:
        if not suggestion.accepted:
            continue
        if suggestion.target not in knowledge.items:
            report.problems.append(
                f"{suggestion.id} : fiche cible « {suggestion.target} » inconnue, suggestion ignorée."
            )
            continue
        path = Path(knowledge.item(suggestion.target).location.file)
        backups.setdefault(path, path.read_text(encoding="utf-8"))
        added = add_examples(path, suggestion.messages)
        if added:
            report.added.setdefault(suggestion.target, []).extend(added)
    try:
        validate(knowledge_dir)
        report.valid = True
    except KnowledgeInvalid as invalid:
        report.problems += [str(p) for p in invalid.problems]
        for path, original in backups.items():
            path.write_text(original, encoding="utf-8")
    return report


def _environment(knowledge_dir: Path, bot_dir: Path) -> Dict[str, str]:
    return {
        **os.environ,
        "IZIA_KNOWLEDGE_DIR": str(knowledge_dir.resolve()),
        "IZIA_BOT_DIR": str(bot_dir.resolve()),
        "TF_CPP_MIN_LOG_LEVEL": "2",
    }


def retrain(knowledge_dir: Path, bot_dir: Path) -> bool:
    """What ``izia build`` does, on the given folders (compile, then train; Rasa skips an unchanged model)."""
    command = [sys.executable, "-m", "izia.build", str(knowledge_dir)]
    return subprocess.run(command, cwd=bot_dir.parent, env=_environment(knowledge_dir, bot_dir)).returncode == 0


def parse_with_model(model: Path, texts: Sequence[str], knowledge_dir: Path, bot_dir: Path) -> List[Dict[str, Any]]:
    result = subprocess.run(
        [sys.executable, "-c", _PARSE_SCRIPT, str(model)],
        input=json.dumps(list(texts)),
        capture_output=True,
        text=True,
        cwd=bot_dir.parent,
        env=_environment(knowledge_dir, bot_dir),
    )
    marker = next((line for line in result.stdout.splitlines() if line.startswith("@@PARSED@@")), None)
    if marker is None:
        raise RuntimeError(f"analyse des messages impossible : {result.stderr[-2000:]}")
    return json.loads(marker[len("@@PARSED@@") :])


def check_stories(model: Path, knowledge_dir: Path, bot_dir: Path) -> Dict[str, Any]:
    """``rasa test core`` on bot/tests, as tests/test_rasa_project.py does."""
    with tempfile.TemporaryDirectory() as out:
        command = [
            sys.executable,
            "-m",
            "rasa",
            "test",
            "core",
            "--stories",
            "tests",
            "--model",
            str(model),
            "--out",
            out,
            "--fail-on-prediction-errors",
            "--e2e",
        ]
        result = subprocess.run(
            command, cwd=bot_dir, env=_environment(knowledge_dir, bot_dir), capture_output=True, text=True
        )
        report_file = Path(out) / "story_report.json"
        accuracy = (
            json.loads(report_file.read_text(encoding="utf-8")).get("conversation_accuracy", {})
            if report_file.exists()
            else {}
        )
    return {"returncode": result.returncode, **accuracy}


def apply_review(
    suggestions: Sequence[Suggestion],
    knowledge_dir: Path,
    bot_dir: Path,
    train: bool = True,
    report_path: Optional[Path] = None,
) -> ApplyReport:
    report = merge(suggestions, knowledge_dir)
    if report.valid and train:
        report.trained = retrain(knowledge_dir, bot_dir)
        model = bot_dir / "models" / "izia.tar.gz"
        if report.trained:
            expected = [(m, s.target) for s in suggestions if s.accepted for m in s.messages]
            parsed = parse_with_model(model, [m for m, _ in expected], knowledge_dir, bot_dir) if expected else []
            report.parsed = [
                {**p, "expected": target, "ok": p["intent"] == target}
                for p, (_, target) in zip(parsed, expected, strict=False)
            ]
            report.stories = check_stories(model, knowledge_dir, bot_dir)
            report.stories_ok = report.stories.get("returncode") == 0 and report.stories.get(
                "correct"
            ) == report.stories.get("total")
    if report_path is not None:
        report_path.parent.mkdir(parents=True, exist_ok=True)
        report_path.write_text(report.markdown(), encoding="utf-8")
        report_path.with_suffix(".json").write_text(
            json.dumps({**asdict(report), "success": report.success}, ensure_ascii=False, indent=2), encoding="utf-8"
        )
    return report
