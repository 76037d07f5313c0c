"""Cross-checks of a loaded knowledge base: the mistakes a YAML parser cannot see.

Every rule here protects a user in the chat: a ``goto`` to nowhere, a node with no way out
or an error message claimed by two items would each leave an agent stuck mid-conversation.
"""

from __future__ import annotations

import re
from collections import deque
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Set

from izia.contract import RESERVED_IDS
from izia.knowledge.loader import load_knowledge
from izia.knowledge.model import Item, KnowledgeBase, Location, Node, Problem
from izia.knowledge.text import PLACEHOLDER, fold

_ID = re.compile(r"^[a-z][a-z0-9_]*$")


class KnowledgeInvalid(Exception):
    """Raised with every problem found, so an author fixes them all in one pass."""

    def __init__(self, problems: List[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


def validate(root: Path) -> KnowledgeBase:
    """Loads and checks the knowledge under ``root``; raises :class:`KnowledgeInvalid`."""
    knowledge, problems = load_knowledge(root)
    if knowledge is not None:
        problems += find_problems(knowledge)
    if problems:
        raise KnowledgeInvalid(sorted(problems, key=lambda p: (str(p.location.file), p.location.line)))
    assert knowledge is not None
    return knowledge


def find_problems(knowledge: KnowledgeBase) -> List[Problem]:
    problems: List[Problem] = []
    settings = knowledge.settings
    if settings.welcome_item not in knowledge.items:
        problems.append(Problem(settings.location, f"fiche d'accueil « {settings.welcome_item} » introuvable."))
    for item in knowledge.items.values():
        problems += _check_item(item, knowledge)
    duplicates = _check_templates_unique(knowledge.items.values())
    return problems + (duplicates or _ambiguous_templates(knowledge))


def _ambiguous_templates(knowledge: KnowledgeBase) -> List[Problem]:
    # Imported here: the matcher is built on this package's model, so a module-level import
    # would be circular.
    from izia.matcher.ambiguity import ambiguous_templates

    return ambiguous_templates(knowledge)


def _check_item(item: Item, knowledge: KnowledgeBase) -> List[Problem]:
    problems = []
    if not _ID.match(item.id) or item.id in RESERVED_IDS:
        problems.append(
            Problem(
                item.location, f"identifiant « {item.id} » invalide : minuscules, chiffres et _ ; pas un mot réservé."
            )
        )
    if item.domain not in knowledge.settings.domains:
        known = ", ".join(knowledge.settings.domains)
        problems.append(Problem(item.location, f"domaine « {item.domain} » inconnu (domaines : {known})."))
    if len(set(map(fold, item.examples))) < knowledge.settings.min_examples:
        problems.append(
            Problem(
                item.location,
                f"trop peu de reformulations distinctes : {len(set(map(fold, item.examples)))}, "
                f"il en faut au moins {knowledge.settings.min_examples}.",
            )
        )
    if item.start not in item.nodes:
        problems.append(Problem(item.location, f"nœud de départ « {item.start} » introuvable."))
    problems += _check_nodes(item, knowledge)
    problems += _check_reachable(item)
    problems += _check_say_loops(item)
    return problems


def _check_say_loops(item: Item) -> List[Problem]:
    """« say » nodes that lead back to themselves would talk forever without waiting."""
    problems = []
    for node in item.nodes.values():
        seen = set()
        current: Optional[Node] = node
        while current is not None and current.kind == "say" and current.id not in seen:
            seen.add(current.id)
            current = item.nodes.get(current.next or "")
        if current is not None and current.id == node.id and seen:
            problems.append(
                Problem(node.location, f"le nœud « {node.id} » revient sur lui-même sans poser de question.")
            )
    return problems


def _check_nodes(item: Item, knowledge: KnowledgeBase) -> List[Problem]:
    problems = []
    for node in item.nodes.values():
        if node.kind == "say" and not node.next:
            problems.append(Problem(node.location, f"le nœud « {node.id} » n'a pas de suite : ajoutez « next »."))
        if node.kind == "ask" and not node.choices:
            problems.append(Problem(node.location, f"le nœud « {node.id} » pose une question sans aucun choix."))
        if node.kind != "say" and node.next:
            problems.append(Problem(node.location, f"« next » n'est permis que sur un nœud « say » ({node.id})."))
        if node.kind != "ask" and node.choices:
            problems.append(Problem(node.location, f"« choices » n'est permis que sur un nœud « ask » ({node.id})."))
        if node.next and node.next not in item.nodes:
            problems.append(Problem(node.location, f"« next » mène au nœud « {node.next} » qui n'existe pas."))
        seen: Dict[str, Location] = {}
        for choice in node.choices:
            for wording in (choice.label, *choice.synonyms):
                key = fold(wording)
                if key in seen and seen[key] != choice.location:
                    problems.append(
                        Problem(
                            choice.location,
                            f"« {wording} » est déjà proposé par le choix de la ligne {seen[key].line}.",
                        )
                    )
                seen.setdefault(key, choice.location)
            target = choice.target_item
            if target is not None and target not in knowledge.items:
                problems.append(Problem(choice.location, f"« goto » mène à la fiche « {target} » qui n'existe pas."))
            if target is None and choice.goto not in item.nodes:
                problems.append(Problem(choice.location, f"« goto » mène au nœud « {choice.goto} » qui n'existe pas."))
    return problems


def _check_reachable(item: Item) -> List[Problem]:
    reached: Set[str] = set()
    queue = deque([item.start] if item.start in item.nodes else [])
    while queue:
        node = item.nodes[queue.popleft()]
        if node.id in reached:
            continue
        reached.add(node.id)
        targets = [node.next] + [c.goto for c in node.choices if c.target_item is None]
        queue.extend(t for t in targets if t in item.nodes)
    return [
        Problem(node.location, f"le nœud « {node.id} » n'est atteignable depuis aucun autre.")
        for node in item.nodes.values()
        if node.id not in reached
    ]


def template_key(text: str) -> str:
    """Two templates with the same key are the same SAP message, whatever their placeholders."""
    return fold(PLACEHOLDER.sub(" & ", text))


def _check_templates_unique(items: Iterable[Item]) -> List[Problem]:
    problems = []
    owners: Dict[str, Location] = {}
    for item in items:
        for template in item.error_templates:
            key = template_key(template.text)
            if key in owners and owners[key].file != template.location.file:
                problems.append(
                    Problem(template.location, f"ce message d'erreur est déjà revendiqué par {owners[key]}.")
                )
            owners.setdefault(key, template.location)
    return problems
