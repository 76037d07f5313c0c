"""Reads ``knowledge/fsd.yml`` into :class:`FsdSettings`, reporting every mistake at its line.

The file is edited by the support team, not developers: a hole in the priority table or a
reminder naming an unknown category must be reported as ``fsd.yml:42`` before the bot
starts, never discovered by an agent in the middle of a request.
"""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from izia.fsd.settings import (
    ASKED_FIELDS,
    CERTIFICATE_VARIABLES,
    REMINDER_CONDITIONS,
    CertificateText,
    Defaults,
    FsdSettings,
    Intervention,
    Limits,
    Reminder,
)
from izia.knowledge.loader import YamlReader
from izia.knowledge.model import Problem
from izia.paths import KNOWLEDGE_DIR

FSD_FILE = "fsd.yml"
TOP_KEYS = {
    "defaults",
    "limits",
    "impact",
    "severite",
    "priorities",
    "priority_table",
    "regroupements",
    "domain_regroupements",
    "categories",
    "types_message",
    "interventions",
    "reminders",
    "questions",
    "certificate",
}
DEFAULT_KEYS = ("equipe_support", "code_ministere", "type_message", "statut")
LIMIT_KEYS = tuple(Limits.__dataclass_fields__)
INTERVENTION_KEYS = {"id", "label", "certificate", "motif"}
REMINDER_KEYS = {"text", "when"}
CERTIFICATE_KEYS = ("title", "model", "authorisation", "signature")


class FsdSettingsInvalid(Exception):
    """Raised with every problem found, so the support team fixes them all in one pass."""

    def __init__(self, problems: List[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


def load_fsd_settings(path: Path = KNOWLEDGE_DIR / FSD_FILE) -> FsdSettings:
    """Loads and checks ``path``; raises :class:`FsdSettingsInvalid`."""
    problems: List[Problem] = []
    reader = YamlReader(path, problems)
    if not path.exists():
        reader.complain(0, "fichier des Fiches Service Desk introuvable.")
        raise FsdSettingsInvalid(problems)
    settings = _read(reader)
    if problems or settings is None:
        raise FsdSettingsInvalid(sorted(problems, key=lambda p: p.location.line))
    return settings


def _read(reader: YamlReader) -> Optional[FsdSettings]:
    raw = reader.parse()
    data = reader.mapping(raw, 0, "le fichier des FSD", TOP_KEYS) if raw is not None else None
    if data is None or not reader.require(data, tuple(sorted(TOP_KEYS)), "le fichier des FSD"):
        return None
    defaults = _section(reader, data, "defaults", DEFAULT_KEYS)
    limits = _limits(reader, data)
    impact = _text_map(reader, data, "impact")
    severite = _text_map(reader, data, "severite")
    priorities = _priorities(reader, data)
    regroupements = _texts(reader, data, "regroupements")
    types_message = _texts(reader, data, "types_message")
    if set(severite) != set(impact):
        levels = ", ".join(impact)
        line0 = reader.key_line(data, "severite")
        reader.complain(line0, f"« severite » doit définir les mêmes niveaux que « impact » : {levels}.")
    if defaults.get("type_message") and defaults["type_message"] not in types_message:
        reader.complain(
            reader.key_line(data, "defaults"),
            f"type de message par défaut « {defaults['type_message']} » absent de « types_message ».",
        )
    return FsdSettings(
        defaults=Defaults(**{key: defaults.get(key, "") for key in DEFAULT_KEYS}),
        limits=limits,
        impact=impact,
        severite=severite,
        priorities=priorities,
        priority_table=_priority_table(reader, data, tuple(impact), priorities),
        regroupements=regroupements,
        domain_regroupements=_domain_regroupements(reader, data, regroupements),
        categories=_texts(reader, data, "categories"),
        types_message=types_message,
        interventions=_interventions(reader, data),
        reminders=_reminders(reader, data, regroupements),
        questions=_section(reader, data, "questions", ASKED_FIELDS),
        certificate=_certificate(reader, data),
        location=reader.at(0),
    )


def _section(reader: YamlReader, data: CommentedMap, key: str, keys: Tuple[str, ...]) -> Dict[str, str]:
    """A mapping with exactly ``keys``, each a non-empty text."""
    section = reader.mapping(data[key], reader.key_line(data, key), f"« {key} »", set(keys))
    if section is None or not reader.require(section, keys, f"« {key} »"):
        return {}
    return {name: reader.text(section, name, f"« {key} »") for name in keys}


def _text_map(reader: YamlReader, data: CommentedMap, key: str) -> Dict[str, str]:
    value = data[key]
    if not isinstance(value, CommentedMap) or not value:
        reader.complain(reader.key_line(data, key), f"« {key} » doit être un dictionnaire non vide.")
        return {}
    return {str(name): reader.text(value, name, f"« {key} »") for name in value}


def _texts(reader: YamlReader, data: CommentedMap, key: str) -> Tuple[str, ...]:
    entries = reader.texts(data, key, "le fichier des FSD")
    if not entries and isinstance(data[key], CommentedSeq):
        reader.complain(reader.key_line(data, key), f"« {key} » doit être une liste non vide.")
    seen = set()
    for text, line0 in entries:
        if text in seen:
            reader.complain(line0, f"« {text} » figure deux fois dans « {key} ».")
        seen.add(text)
    return tuple(dict.fromkeys(text for text, _ in entries))


def _limits(reader: YamlReader, data: CommentedMap) -> Limits:
    section = reader.mapping(data["limits"], reader.key_line(data, "limits"), "« limits »", set(LIMIT_KEYS))
    values = {key: 1 for key in LIMIT_KEYS}
    if section is None or not reader.require(section, LIMIT_KEYS, "« limits »"):
        return Limits(**values)
    for key in LIMIT_KEYS:
        value = section[key]
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            values[key] = value
        else:
            reader.complain(reader.key_line(section, key), f"« {key} » doit être un entier positif.")
    limits = Limits(**values)
    inconsistencies = (
        ("xlsx_above", limits.xlsx_above >= limits.max_pieces, "« xlsx_above » doit être inférieur à « max_pieces »."),
        (
            "numero_min_digits",
            limits.numero_min_digits > limits.numero_max_digits,
            "« numero_min_digits » dépasse « numero_max_digits ».",
        ),
        (
            "first_exercice",
            not 1900 <= limits.first_exercice <= 2100,
            "« first_exercice » doit être une année sur 4 chiffres.",
        ),
    )
    for key, wrong, message in inconsistencies:
        if wrong:
            reader.complain(reader.key_line(section, key), message)
    return limits


def _priorities(reader: YamlReader, data: CommentedMap) -> Dict[int, str]:
    value = data["priorities"]
    if not isinstance(value, CommentedMap) or not value:
        reader.complain(reader.key_line(data, "priorities"), "« priorities » doit associer un numéro à un libellé.")
        return {}
    priorities = {}
    for code in value:
        if isinstance(code, int) and not isinstance(code, bool):
            priorities[code] = reader.text(value, code, "« priorities »")
        else:
            reader.complain(value.lc.key(code)[0], f"priorité « {code} » : le numéro doit être un entier.")
    return priorities


def _priority_table(
    reader: YamlReader, data: CommentedMap, levels: Tuple[str, ...], priorities: Dict[int, str]
) -> Dict[Tuple[str, str], int]:
    """Every impact × sévérité cell, so that no combination the user picks lacks a priority."""
    line0 = reader.key_line(data, "priority_table")
    rows = reader.mapping(data["priority_table"], line0, "« priority_table »", set(levels))
    if rows is None or not reader.require(rows, levels, "« priority_table » (une ligne par niveau d'impact)"):
        return {}
    table = {}
    for impact in levels:
        what = f"la ligne « {impact} » de « priority_table »"
        row = reader.mapping(rows[impact], reader.key_line(rows, impact), what, set(levels))
        if row is None or not reader.require(row, levels, f"{what} (une colonne par niveau de sévérité)"):
            continue
        for severite in levels:
            code = row[severite]
            if isinstance(code, int) and not isinstance(code, bool) and code in priorities:
                table[(impact, severite)] = code
            else:
                reader.complain(
                    reader.key_line(row, severite),
                    f"{impact} × {severite} : « {code} » n'est pas une priorité de « priorities ».",
                )
    return table


def _domain_regroupements(reader: YamlReader, data: CommentedMap, regroupements: Tuple[str, ...]) -> Dict[str, str]:
    mapping = _text_map(reader, data, "domain_regroupements")
    section = data["domain_regroupements"]
    for domain, regroupement in mapping.items():
        if regroupement and regroupement not in regroupements:
            reader.complain(section.lc.key(domain)[0], f"« {regroupement} » n'est pas dans « regroupements ».")
    return mapping


def _interventions(reader: YamlReader, data: CommentedMap) -> Dict[str, Intervention]:
    raw = _list(reader, data, "interventions")
    interventions: Dict[str, Intervention] = {}
    for index, entry in enumerate(raw):
        line0 = raw.lc.item(index)[0]
        entry = reader.mapping(entry, line0, "une intervention", INTERVENTION_KEYS)
        if entry is None or not reader.require(entry, ("id", "label", "certificate"), "une intervention"):
            continue
        intervention = Intervention(
            id=reader.text(entry, "id", "une intervention"),
            label=reader.text(entry, "label", "une intervention"),
            certificate=reader.flag(entry, "certificate"),
            motif=reader.flag(entry, "motif"),
        )
        if intervention.id in interventions:
            reader.complain(line0, f"intervention « {intervention.id} » définie deux fois.")
        if intervention.motif and not intervention.certificate:
            reader.complain(
                line0, "« motif » n'a de sens qu'avec « certificate: true » : le code motif figure sur le certificat."
            )
        interventions[intervention.id] = intervention
    return interventions


def _reminders(reader: YamlReader, data: CommentedMap, regroupements: Tuple[str, ...]) -> Tuple[Reminder, ...]:
    raw = _list(reader, data, "reminders")
    reminders = []
    for index, entry in enumerate(raw):
        line0 = raw.lc.item(index)[0]
        entry = reader.mapping(entry, line0, "un rappel", REMINDER_KEYS)
        if entry is None or not reader.require(entry, ("text",), "un rappel"):
            continue
        conditions = _conditions(reader, entry, regroupements) if "when" in entry else {}
        reminders.append(Reminder(reader.text(entry, "text", "un rappel"), conditions))
    return tuple(reminders)


def _conditions(reader: YamlReader, entry: CommentedMap, regroupements: Tuple[str, ...]) -> Dict[str, Any]:
    when = reader.mapping(entry["when"], reader.key_line(entry, "when"), "« when »", set(REMINDER_CONDITIONS))
    if when is None:
        return {}
    for key, expected in when.items():
        kind = REMINDER_CONDITIONS.get(key)
        line0 = when.lc.key(key)[0]
        if kind is not None and not isinstance(expected, kind):
            reader.complain(line0, f"« {key} » attend {'true ou false' if kind is bool else 'un texte'}.")
        if key == "regroupement" and expected not in regroupements:
            reader.complain(line0, f"« {expected} » n'est pas dans « regroupements ».")
    return dict(when)


def _certificate(reader: YamlReader, data: CommentedMap) -> CertificateText:
    texts = _section(reader, data, "certificate", CERTIFICATE_KEYS)
    if texts:
        _check_variables(reader, reader.key_line(data["certificate"], "authorisation"), texts["authorisation"])
    return CertificateText(**{key: texts.get(key, "") for key in CERTIFICATE_KEYS})


def _check_variables(reader: YamlReader, line0: int, template: str) -> None:
    """A misspelt ``{variable}`` would crash the certificate at the worst moment: the user's."""
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
    except ValueError as error:
        reader.complain(line0, f"« authorisation » : accolades mal formées ({error}).")
        return
    known = ", ".join(CERTIFICATE_VARIABLES)
    for name in names:
        if name not in CERTIFICATE_VARIABLES:
            reader.complain(line0, f"« authorisation » : variable {{{name}}} inconnue (variables : {known}).")


def _list(reader: YamlReader, data: CommentedMap, key: str) -> Any:
    value = data[key]
    if not isinstance(value, CommentedSeq) or not value:
        reader.complain(reader.key_line(data, key), f"« {key} » doit être une liste non vide.")
        return CommentedSeq()
    return value
