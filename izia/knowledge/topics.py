"""The topic map: per domain, what users do, what goes wrong and what they ask, with sources,
and which knowledge items answer each topic.

It is written before the items (``knowledge/topics/<domain>.yml``) so that coverage is decided
from users' work, not from what happens to have been written; ``izia topics`` prints it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from izia.knowledge.loader import YamlReader
from izia.knowledge.model import SYSTEMS, KnowledgeBase, Location, Problem

TOPICS_DIR = "topics"
CONFIDENCES = ("high", "medium", "low")
MAP_KEYS = {"domain", "systems", "topics"}
TOPIC_KEYS = {"id", "title", "system", "tasks", "problems", "questions", "sources", "confidence", "review", "items"}


@dataclass(frozen=True)
class Topic:
    id: str
    domain: str
    title: str
    system: str
    sources: Tuple[str, ...]
    confidence: str
    review: bool
    items: Tuple[str, ...]
    location: Location

    @property
    def sourced(self) -> bool:
        return bool(self.sources)


@dataclass(frozen=True)
class DomainCoverage:
    domain: str
    topics: int
    covered: int
    unsourced: int
    review: int


def load_topics(knowledge_dir: Path, knowledge: KnowledgeBase) -> Tuple[List[Topic], List[Problem]]:
    """Every topic of ``knowledge_dir/topics/*.yml``, and each problem with its file:line."""
    problems: List[Problem] = []
    topics: List[Topic] = []
    for path in sorted((knowledge_dir / TOPICS_DIR).glob("*.yml")):
        topics += _read_map(YamlReader(path, problems), knowledge)
    seen: Dict[str, Topic] = {}
    for topic in topics:
        if topic.id in seen:
            problems.append(Problem(topic.location, f"sujet « {topic.id} » déjà défini ({seen[topic.id].location})."))
        seen[topic.id] = topic
    return topics, problems


def coverage(topics: List[Topic]) -> List[DomainCoverage]:
    domains = sorted({topic.domain for topic in topics})
    return [
        DomainCoverage(
            domain,
            topics=sum(1 for t in topics if t.domain == domain),
            covered=sum(1 for t in topics if t.domain == domain and t.items),
            unsourced=sum(1 for t in topics if t.domain == domain and not t.sourced),
            review=sum(1 for t in topics if t.domain == domain and t.review),
        )
        for domain in domains
    ]


def _read_map(reader: YamlReader, knowledge: KnowledgeBase) -> List[Topic]:
    data = reader.mapping(reader.parse(), 0, "la carte des sujets", MAP_KEYS)
    if data is None or not reader.require(data, ("domain", "topics"), "la carte des sujets"):
        return []
    domain = reader.text(data, "domain", "domaine de la carte")
    if domain and domain not in knowledge.settings.domains:
        reader.complain(reader.key_line(data, "domain"), f"domaine « {domain} » inconnu de izia.yml.")
    entries = data["topics"]
    if not isinstance(entries, CommentedSeq):
        reader.complain(reader.key_line(data, "topics"), "« topics » doit être une liste.")
        return []
    topics = []
    for index, entry in enumerate(entries):
        topic = _read_topic(reader, entry, entries.lc.item(index)[0], domain, knowledge)
        if topic is not None:
            topics.append(topic)
    return topics


def _read_topic(
    reader: YamlReader, entry: object, line0: int, domain: str, knowledge: KnowledgeBase
) -> Optional[Topic]:
    data = reader.mapping(entry, line0, "un sujet", TOPIC_KEYS)
    if data is None or not reader.require(data, ("id", "title", "system", "confidence"), "un sujet"):
        return None
    system, confidence = str(data["system"]), str(data["confidence"])
    if system not in SYSTEMS:
        reader.complain(reader.key_line(data, "system"), f"système « {system} » inconnu ({', '.join(SYSTEMS)}).")
    if confidence not in CONFIDENCES:
        reader.complain(
            reader.key_line(data, "confidence"), f"confiance « {confidence} » inconnue ({', '.join(CONFIDENCES)})."
        )
    sources = tuple(text for text, _ in reader.texts(data, "sources", "sources"))
    review = reader.flag(data, "review")
    if (confidence == "low" or not sources) and not review:
        reader.complain(data.lc.line, f"sujet « {data['id']} » sans source sûre : il doit porter review: true.")
    items = tuple(_known_items(reader, data, knowledge))
    return Topic(
        str(data["id"]),
        domain,
        reader.text(data, "title", "titre du sujet"),
        system,
        sources,
        confidence,
        review,
        items,
        reader.at(line0),
    )


def _known_items(reader: YamlReader, data: CommentedMap, knowledge: KnowledgeBase) -> List[str]:
    items = []
    for item_id, line0 in reader.texts(data, "items", "fiches du sujet"):
        if item_id in knowledge.items:
            items.append(item_id)
        else:
            reader.complain(line0, f"fiche « {item_id} » inconnue.")
    return items
