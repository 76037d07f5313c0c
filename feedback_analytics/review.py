"""The review file support staff edit: one suggestion per subject, accept / reject / retarget.

Written with comments in French so it explains itself; read back leniently (a missing field
means « en_attente », i.e. nothing happens).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Sequence

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from feedback_analytics.analysis import Subject

PENDING, ACCEPT, REJECT, RETARGET = "en_attente", "accepter", "rejeter", "recibler"
DECISIONS = (PENDING, ACCEPT, REJECT, RETARGET)
REFORMULATIONS, NEW_ITEM = "reformulations", "nouvelle_fiche"
MIN_SUBJECT_SIZE = 2

HEADER = """\
Suggestions d'IZIA à relire par le support.
Pour chaque suggestion, remplacez « decision: en_attente » par :
  accepter  -> les messages deviennent des reformulations (examples) de la fiche « cible » ;
  rejeter   -> rien n'est fait ;
  recibler  -> comme accepter, mais vers la fiche indiquée dans « cible » (à modifier).
Supprimez de « messages » ceux qui ne doivent pas être appris.
Un « sujet non couvert » (type nouvelle_fiche) demande une nouvelle fiche : rédigez-la dans
knowledge/items/, ou reciblez-le vers une fiche existante.
Puis : izia feedback apply <ce fichier>"""


@dataclass
class Suggestion:
    id: str
    kind: str
    decision: str
    target: str
    messages: List[str]
    similarity: float = 0.0
    terms: List[str] = field(default_factory=list)

    @property
    def accepted(self) -> bool:
        return self.decision in (ACCEPT, RETARGET) and bool(self.target) and bool(self.messages)


def _yaml() -> YAML:
    yaml = YAML()
    yaml.width = 120  # type: ignore[assignment]  # ruamel declares it None
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def write_review(subjects: Sequence[Subject], path: Path, min_size: int = MIN_SUBJECT_SIZE) -> int:
    """Writes the suggestions for subjects of at least ``min_size`` messages; returns how many."""
    document = CommentedMap()
    suggestions = CommentedSeq()
    for subject in subjects:
        if subject.count < min_size:
            continue
        entry = CommentedMap()
        entry["id"] = subject.id
        entry["type"] = REFORMULATIONS if subject.covered else NEW_ITEM
        entry["decision"] = PENDING
        entry["cible"] = subject.target if subject.covered else ""
        entry["similarite"] = subject.similarity
        entry["fiche_la_plus_proche"] = subject.target
        entry["termes"] = CommentedSeq(subject.terms)
        entry["termes"].fa.set_flow_style()
        entry["nombre_de_messages"] = subject.count
        entry["raisons"] = CommentedMap(subject.reasons)
        if subject.hints:
            entry["atteint_apres_reformulation"] = CommentedMap(subject.hints)
        entry["messages"] = CommentedSeq(subject.messages[:30])
        if subject.comments:
            entry["commentaires"] = CommentedSeq(list(dict.fromkeys(subject.comments))[:5])
        label = "reformulations de « %s »" % subject.target if subject.covered else "sujet non couvert"
        entry.yaml_set_start_comment(f"{subject.id} : {', '.join(subject.terms)} — {label}", indent=2)
        suggestions.append(entry)
    document["suggestions"] = suggestions
    document.yaml_set_start_comment(HEADER)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        _yaml().dump(document, out)
    return len(suggestions)


def read_review(path: Path) -> List[Suggestion]:
    data: Dict[str, Any] = _yaml().load(path.read_text(encoding="utf-8")) or {}
    out = []
    for entry in data.get("suggestions") or []:
        decision = str(entry.get("decision") or PENDING).strip()
        if decision not in DECISIONS:
            raise ValueError(
                f"{path} : décision « {decision} » inconnue pour {entry.get('id')} (attendu : {', '.join(DECISIONS)})."
            )
        out.append(
            Suggestion(
                id=str(entry.get("id") or ""),
                kind=str(entry.get("type") or ""),
                decision=decision,
                target=str(entry.get("cible") or "").strip(),
                messages=[str(m) for m in entry.get("messages") or [] if str(m).strip()],
                similarity=float(entry.get("similarite") or 0.0),
                terms=[str(t) for t in entry.get("termes") or []],
            )
        )
    return out


def set_decisions(path: Path, decisions: Dict[str, Dict[str, str]]) -> None:
    """Edits decisions in place the way staff would (used by tests and scripted reviews)."""
    yaml = _yaml()
    data = yaml.load(path.read_text(encoding="utf-8"))
    for entry in data["suggestions"]:
        for key, value in decisions.get(str(entry["id"]), {}).items():
            entry[key] = value
    with path.open("w", encoding="utf-8") as out:
        yaml.dump(data, out)
