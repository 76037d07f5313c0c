"""Reads the knowledge files into the model, reporting every structural mistake at its line.

Structural checks (unknown or missing keys, wrong types, duplicate keys) happen here because
only the YAML layer still knows the lines; cross-file checks live in the validator.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple, Union

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError

from izia.knowledge.model import (
    COMMON_SYSTEM,
    NODE_KINDS,
    SYSTEMS,
    Choice,
    ErrorTemplate,
    Item,
    KnowledgeBase,
    Location,
    Node,
    Problem,
    Settings,
)
from izia.knowledge.text import slugify

_DUPLICATE_KEY = re.compile(r'duplicate key "([^"]*)"')
SETTINGS_FILE = "izia.yml"
ITEMS_DIR = "items"
REQUIRED_MESSAGES = (
    "closing",
    "rate_button",
    "not_understood",
    "invalid_choice",
    "did_you_mean",
    "domain_guess",
    "domain_menu_button",
    "rate_question",
    "rate_thanks",
    "not_helpful_button",
    "not_helpful",
    "still_not_understood",
    "escalate",
    "fsd_offer",
    "fsd_yes_button",
    "fsd_no_button",
    "pasted_several",
    "next_pasted",
    "rate_comment_question",
)

ITEM_KEYS = {"id", "domain", "title", "system", "sources", "review", "error_templates", "examples", "start", "nodes"}
ITEM_REQUIRED = ("id", "domain", "title", "start", "nodes")
NODE_KEYS = set(NODE_KINDS) | {"next", "choices", "review"}
CHOICE_KEYS = {"label", "synonyms", "goto"}
TEMPLATE_KEYS = {"text", "entities"}
SETTINGS_KEYS = {"welcome_item", "min_examples", "domains", "messages"}


class YamlReader:
    """Reads one file, turning every mistake into a :class:`Problem` instead of an exception."""

    def __init__(self, path: Path, problems: List[Problem]) -> None:
        self.path = path
        self.problems = problems

    def at(self, line0: int) -> Location:
        return Location(self.path, line0 + 1)

    def complain(self, line0: int, message: str) -> None:
        self.problems.append(Problem(self.at(line0), message))

    def parse(self) -> Optional[Any]:
        """The file's YAML, or ``None`` once the reason it is unusable has been reported."""
        try:
            loaded = YAML(typ="rt").load(self.path.read_text(encoding="utf-8"))
            if loaded is None:
                self.complain(0, "fichier vide.")
            return loaded
        except DuplicateKeyError as error:
            key = _DUPLICATE_KEY.search(error.problem or "")
            first = error.context_mark.line + 1 if error.context_mark else "?"
            name = key.group(1) if key else "?"
            self.complain(
                error.problem_mark.line, f"clé « {name} » en double (déjà définie dans le bloc de la ligne {first})."
            )
        except MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line0 = mark.line if mark else 0
            self.complain(line0, f"YAML illisible : {error.problem or error}")
        return None

    def mapping(self, value: Any, line0: int, what: str, allowed: set) -> Optional[CommentedMap]:
        if not isinstance(value, CommentedMap):
            self.complain(line0, f"{what} doit être un dictionnaire (clé: valeur).")
            return None
        for key in value:
            if key not in allowed:
                self.complain(
                    value.lc.key(key)[0],
                    f"clé inconnue « {key} » dans {what} (clés permises : {', '.join(sorted(allowed))}).",
                )
        return value

    def require(self, data: CommentedMap, keys: Tuple[str, ...], what: str) -> bool:
        missing = [key for key in keys if key not in data]
        for key in missing:
            self.complain(data.lc.line, f"clé obligatoire « {key} » absente de {what}.")
        return not missing

    def text(self, data: CommentedMap, key: Union[str, int], what: str) -> str:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            self.complain(self.key_line(data, key), f"« {key} » doit être un texte non vide ({what}).")
            return ""
        return value.strip()

    def texts(self, data: CommentedMap, key: str, what: str) -> List[Tuple[str, int]]:
        """A list of non-empty strings, each with its own line."""
        if key not in data:
            return []
        value = data[key]
        if not isinstance(value, CommentedSeq):
            self.complain(self.key_line(data, key), f"« {key} » doit être une liste ({what}).")
            return []
        result = []
        for index, entry in enumerate(value):
            line0 = value.lc.item(index)[0]
            if isinstance(entry, (str, int, float)) and str(entry).strip():
                result.append((str(entry).strip(), line0))
            else:
                self.complain(line0, f"l'élément {index + 1} de « {key} » doit être un texte non vide.")
        return result

    def flag(self, data: CommentedMap, key: str) -> bool:
        value = data.get(key, False)
        if not isinstance(value, bool):
            self.complain(self.key_line(data, key), f"« {key} » doit valoir true ou false.")
            return False
        return value

    @staticmethod
    def key_line(data: CommentedMap, key: Union[str, int]) -> int:
        return data.lc.key(key)[0] if key in data else data.lc.line


def load_knowledge(root: Path) -> Tuple[Optional[KnowledgeBase], List[Problem]]:
    """Loads ``root/izia.yml`` and every ``root/items/**/*.yml``.

    Returns the knowledge base (``None`` if the settings are unusable) and the structural
    problems found; the caller decides whether problems are fatal.
    """
    problems: List[Problem] = []
    settings = _load_settings(root / SETTINGS_FILE, problems)
    if settings is None:
        return None, problems
    knowledge = KnowledgeBase(settings)
    first_seen: Dict[str, Location] = {}
    for path in sorted((root / ITEMS_DIR).rglob("*.yml")):
        item = _load_item(path, problems)
        if item is None:
            continue
        if item.id in first_seen:
            problems.append(
                Problem(item.location, f"identifiant « {item.id} » déjà utilisé par {first_seen[item.id]}.")
            )
            continue
        first_seen[item.id] = item.location
        knowledge.items[item.id] = item
    return knowledge, problems


def _load_settings(path: Path, problems: List[Problem]) -> Optional[Settings]:
    reader = YamlReader(path, problems)
    if not path.exists():
        problems.append(Problem(Location(path, 1), "fichier de paramètres introuvable."))
        return None
    raw = reader.parse()
    data = reader.mapping(raw, 0, "les paramètres", SETTINGS_KEYS) if raw is not None else None
    if data is None or not reader.require(data, tuple(sorted(SETTINGS_KEYS)), "les paramètres"):
        return None
    domains = _string_mapping(reader, data, "domains")
    messages = _string_mapping(reader, data, "messages")
    for key in REQUIRED_MESSAGES:
        if key not in messages:
            reader.complain(data.lc.key("messages")[0], f"message obligatoire « {key} » absent.")
    min_examples = data["min_examples"]
    if not isinstance(min_examples, int) or min_examples < 1:
        reader.complain(data.lc.key("min_examples")[0], "« min_examples » doit être un entier positif.")
        min_examples = 1
    return Settings(
        welcome_item=reader.text(data, "welcome_item", "les paramètres"),
        domains=domains,
        messages=messages,
        min_examples=min_examples,
        location=reader.at(0),
    )


def _string_mapping(reader: YamlReader, data: CommentedMap, key: str) -> Dict[str, str]:
    value = data.get(key)
    if not isinstance(value, CommentedMap):
        reader.complain(reader.key_line(data, key), f"« {key} » doit être un dictionnaire.")
        return {}
    return {str(k): reader.text(value, k, f"« {key} »") for k in value}


def _load_item(path: Path, problems: List[Problem]) -> Optional[Item]:
    reader = YamlReader(path, problems)
    raw = reader.parse()
    data = reader.mapping(raw, 0, "la fiche de connaissance", ITEM_KEYS) if raw is not None else None
    if data is None or not reader.require(data, ITEM_REQUIRED, "la fiche de connaissance"):
        return None
    nodes = _load_nodes(reader, data)
    system = str(data.get("system", COMMON_SYSTEM))
    if system not in SYSTEMS:
        reader.complain(reader.key_line(data, "system"), f"système « {system} » inconnu ({', '.join(SYSTEMS)}).")
    return Item(
        id=reader.text(data, "id", "la fiche"),
        domain=reader.text(data, "domain", "la fiche"),
        title=reader.text(data, "title", "la fiche"),
        start=reader.text(data, "start", "la fiche"),
        nodes=nodes,
        examples=tuple(text for text, _ in reader.texts(data, "examples", "la fiche")),
        error_templates=tuple(_load_templates(reader, data)),
        location=reader.at(data.lc.line),
        review=reader.flag(data, "review"),
        system=system,
        sources=tuple(text for text, _ in reader.texts(data, "sources", "la fiche")),
    )


def _load_templates(reader: YamlReader, data: CommentedMap) -> List[ErrorTemplate]:
    if "error_templates" not in data:
        return []
    raw = data["error_templates"]
    if not isinstance(raw, CommentedSeq):
        reader.complain(reader.key_line(data, "error_templates"), "« error_templates » doit être une liste.")
        return []
    templates = []
    for index, entry in enumerate(raw):
        line0 = raw.lc.item(index)[0]
        if isinstance(entry, str):
            templates.append(ErrorTemplate(entry.strip(), {}, reader.at(line0)))
            continue
        entry = reader.mapping(entry, line0, "un message d'erreur", TEMPLATE_KEYS)
        if entry is None or not reader.require(entry, ("text",), "un message d'erreur"):
            continue
        entities = _string_mapping(reader, entry, "entities") if "entities" in entry else {}
        templates.append(ErrorTemplate(reader.text(entry, "text", "un message d'erreur"), entities, reader.at(line0)))
    return templates


def _load_nodes(reader: YamlReader, data: CommentedMap) -> Dict[str, Node]:
    raw = data["nodes"]
    if not isinstance(raw, CommentedMap) or not raw:
        reader.complain(reader.key_line(data, "nodes"), "« nodes » doit être un dictionnaire non vide de nœuds.")
        return {}
    nodes = {}
    for node_id in raw:
        node = _load_node(reader, str(node_id), raw[node_id], raw.lc.key(node_id)[0])
        if node is not None:
            nodes[node.id] = node
    return nodes


def _load_node(reader: YamlReader, node_id: str, raw: Any, line0: int) -> Optional[Node]:
    what = f"le nœud « {node_id} »"
    data = reader.mapping(raw, line0, what, NODE_KEYS)
    if data is None:
        return None
    kinds = [kind for kind in NODE_KINDS if kind in data]
    if len(kinds) != 1:
        reader.complain(line0, f"{what} doit avoir exactement une de ces clés : {', '.join(NODE_KINDS)}.")
        return None
    kind = kinds[0]
    next_node = reader.text(data, "next", what) if "next" in data else None
    return Node(
        id=node_id,
        kind=kind,
        text=reader.text(data, kind, what),
        location=reader.at(line0),
        next=next_node,
        choices=tuple(_load_choices(reader, data, what)),
        review=reader.flag(data, "review"),
    )


def _load_choices(reader: YamlReader, node: CommentedMap, what: str) -> List[Choice]:
    if "choices" not in node:
        return []
    raw = node["choices"]
    if not isinstance(raw, CommentedSeq):
        reader.complain(reader.key_line(node, "choices"), f"« choices » doit être une liste ({what}).")
        return []
    choices = []
    for index, entry in enumerate(raw):
        line0 = raw.lc.item(index)[0]
        data = reader.mapping(entry, line0, f"un choix de {what}", CHOICE_KEYS)
        if data is None or not reader.require(data, ("label", "goto"), f"un choix de {what}"):
            continue
        label = reader.text(data, "label", "un choix")
        synonyms = tuple(text for text, _ in reader.texts(data, "synonyms", "un choix"))
        choices.append(Choice(slugify(label), label, synonyms, reader.text(data, "goto", "un choix"), reader.at(line0)))
    return choices
