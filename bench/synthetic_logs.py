"""Synthetic conversation logs with known topics, written in Rasa's SQL tracker store layout.

Covered topics are examples of real knowledge items as users mistype them (fillers, dropped
words, typos, no accents: what made IZIA hesitate); uncovered topics are subjects no item
deals with. Each user message of interest carries its topic in its metadata (``topic``) so the
benchmark can score the clustering and the coverage decision. Used by the benchmark and the
tests only; the product never writes synthetic logs.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Sequence, Tuple, Union

from feedback_analytics.tracker import write_events
from izia.contract import CUSTOM_DOMAIN, CUSTOM_ITEM, CUSTOM_KIND, CUSTOM_NODE, DID_YOU_MEAN_KIND
from izia.knowledge.text import strip_accents

UNCOVERED_PREFIX = "nouveau:"
DAY_S = 86400.0
START = 1_767_225_600.0  # 2026-01-01 00:00 UTC
DID_YOU_MEAN = "Vouliez-vous dire :"
NOT_UNDERSTOOD = "Je n'ai pas reconnu votre message. Pouvez-vous le reformuler ?"

UNCOVERED_TOPICS: Dict[str, Tuple[List[str], List[str]]] = {
    "mode_sombre": (
        [
            "comment passer {x} en mode sombre",
            "je voudrais un thème sombre pour {x}",
            "activer le mode nuit sur {x}",
            "{x} en noir, c'est possible ?",
            "mettre {x} en affichage sombre",
            "le fond blanc de {x} me fatigue les yeux, mode sombre ?",
        ],
        ["Chorus", "l'écran", "l'interface", "le portail"],
    ),
    "smartphone": (
        [
            "peut-on utiliser Chorus sur {x}",
            "existe-t-il une application Chorus pour {x}",
            "accéder à Chorus depuis {x}",
            "Chorus ne s'affiche pas bien sur {x}",
            "installer Chorus sur {x}",
            "application mobile Chorus pour {x}",
        ],
        ["mon smartphone", "mon téléphone portable", "un iphone", "une tablette android"],
    ),
    "badge": (
        [
            "mon badge d'accès {x} ne fonctionne plus",
            "badge {x} désactivé",
            "je n'arrive plus à badger {x}",
            "renouveler mon badge {x}",
            "perte de mon badge {x}",
            "le lecteur refuse mon badge {x}",
        ],
        ["au bâtiment", "du parking", "de la cantine", "à l'entrée"],
    ),
    "meteo": (
        [
            "quel temps fera-t-il {x}",
            "la météo {x} s'il te plaît",
            "va-t-il pleuvoir {x}",
            "prévisions météo {x}",
            "fera-t-il beau {x}",
            "il fait froid {x} ?",
        ],
        ["demain", "ce week-end", "à Paris", "cette semaine"],
    ),
    "visio": (
        [
            "comment lancer une visioconférence {x}",
            "le lien de la réunion Teams {x} ne marche pas",
            "rejoindre la visio {x}",
            "pas de son dans la visio {x}",
            "ma caméra ne marche pas en visio {x}",
            "programmer une réunion Teams {x}",
        ],
        ["de demain", "avec le bureau comptable", "du service", "de cet après-midi"],
    ),
    "retraite": (
        [
            "simulation de ma pension de retraite {x}",
            "quand puis-je partir à la retraite {x}",
            "calcul de mes trimestres de retraite {x}",
            "relevé de carrière pour la retraite {x}",
            "dossier de départ en retraite {x}",
            "montant de ma future pension {x}",
        ],
        ["", "en tant que fonctionnaire", "svp", "à 62 ans"],
    ),
    "wifi": (
        [
            "le wifi {x} ne fonctionne pas",
            "mot de passe du wifi {x}",
            "je n'ai plus de réseau wifi {x}",
            "connexion wifi instable {x}",
            "comment me connecter au wifi invité {x}",
            "le wifi coupe sans arrêt {x}",
        ],
        ["au bureau", "dans la salle de réunion", "au 3e étage", "du ministère"],
    ),
    "cantine": (
        [
            "quel est le menu de la cantine {x}",
            "recharger ma carte de cantine {x}",
            "horaires du restaurant administratif {x}",
            "prix du repas à la cantine {x}",
            "menu végétarien à la cantine {x}",
            "la cantine est-elle ouverte {x}",
        ],
        ["aujourd'hui", "ce midi", "demain", "cette semaine"],
    ),
    "ordinateur_lent": (
        [
            "mon ordinateur est très lent {x}",
            "mon PC rame {x}",
            "mon poste de travail met du temps à démarrer {x}",
            "ordinateur bloqué qui ne répond plus {x}",
            "mon pc portable chauffe et ralentit {x}",
            "écran figé sur mon ordinateur {x}",
        ],
        ["depuis ce matin", "depuis la mise à jour", "tout le temps", "depuis hier"],
    ),
    "mutuelle": (
        [
            "adhérer à la mutuelle {x}",
            "remboursement de ma mutuelle {x}",
            "changer de mutuelle {x}",
            "participation de l'employeur à la mutuelle {x}",
            "attestation de mutuelle {x}",
            "résilier ma mutuelle {x}",
        ],
        ["des agents", "santé", "du ministère", "complémentaire"],
    ),
}
FILLERS_BEFORE = ["", "", "", "bonjour, ", "bonjour ", "svp ", "question : ", "urgent : ", "salut "]
FILLERS_AFTER = ["", "", "", " ?", " merci", " svp", " merci d'avance", " !"]
COMMENTS = ["pas de réponse à ma question", "réponse à côté", "IZIA ne comprend rien", "inutile", "je n'ai pas trouvé"]
MINISTRIES = ["MIN06", "MIN12", "MIN24", "MIN30", ""]


@dataclass
class GeneratedLog:
    conversations: int
    topics: Dict[str, str]  # topic -> "covered" | "uncovered"
    known_examples: Dict[str, List[str]]  # what the analysis knows of each item
    events: List[Dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class ItemInfo:
    id: str
    domain: str
    title: str
    examples: Tuple[str, ...]


def vary(text: str, rng: random.Random) -> str:
    """A user's way of typing the same thing: fillers, case, missing accents, a typo, a dropped word."""
    words = text.split()
    if len(words) >= 5 and rng.random() < 0.2:
        del words[rng.randrange(1, len(words))]
    if rng.random() < 0.2:
        long_words = [i for i, w in enumerate(words) if len(w) > 5]
        if long_words:
            i = rng.choice(long_words)
            w = words[i]
            j = rng.randrange(1, len(w) - 2)
            words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    text = " ".join(words)
    if rng.random() < 0.3:
        text = strip_accents(text)
    if rng.random() < 0.5:
        text = text.lower()
    return f"{rng.choice(FILLERS_BEFORE)}{text}{rng.choice(FILLERS_AFTER)}".strip()


def pick_covered(items: Sequence[ItemInfo], count: int, rng: random.Random) -> List[ItemInfo]:
    """Items of distinct domains first, then any, skipping menus and the welcome item."""
    eligible = [i for i in items if i.domain != "general" and not i.id.startswith("domaine_") and len(i.examples) >= 8]
    rng.shuffle(eligible)
    chosen: List[ItemInfo] = []
    domains: set = set()
    for item in eligible:
        if item.domain not in domains:
            chosen.append(item)
            domains.add(item.domain)
    chosen += [i for i in eligible if i not in chosen]
    return chosen[:count]


def generate(
    items: Sequence[ItemInfo], conversations: int = 5000, covered_topics: int = 14, seed: int = 7, days: int = 30
) -> GeneratedLog:
    rng = random.Random(seed)
    covered = pick_covered(items, covered_topics, rng)
    sources: Dict[str, List[str]] = {}
    known: Dict[str, List[str]] = {i.id: [*i.examples] for i in items}
    for item in covered:
        sources[item.id] = list(item.examples)
    uncovered = {f"{UNCOVERED_PREFIX}{name}": spec for name, spec in UNCOVERED_TOPICS.items()}
    topics = {**{i.id: "covered" for i in covered}, **{t: "uncovered" for t in uncovered}}
    by_id = {i.id: i for i in items}
    domains = sorted({i.domain for i in items if i.domain != "general"})
    log = GeneratedLog(conversations, topics, known)
    for number in range(conversations):
        sender = f"gen-{number:05d}"
        at = START + rng.random() * days * DAY_S
        kind = rng.random()
        if kind < 0.3:
            item = rng.choice(list(items))
            log.events += _answered(sender, at, item, rng.choice(item.examples), rng)
            continue
        topic = rng.choice(list(topics))
        if topic in uncovered:
            templates, fills = uncovered[topic]
            text = rng.choice(templates).format(x=rng.choice(fills))
            domain = domains[sum(map(ord, topic)) % len(domains)] if rng.random() < 0.5 else ""
        else:
            text = rng.choice(sources[topic])
            domain = by_id[topic].domain if rng.random() < 0.5 else ""
        log.events += _troubled(sender, at, vary(text, rng), topic, domain, list(items), rng)
    return log


def user_turn(sender: str, at: float, text: str, intent: str, confidence: float, topic: str = "") -> Dict[str, Any]:
    ranking = [{"name": intent, "confidence": confidence}]
    return {
        "sender_id": sender,
        "event": "user",
        "timestamp": at,
        "text": text,
        "parse_data": {
            "intent": {"name": intent, "confidence": confidence},
            "intent_ranking": ranking,
            "entities": [],
            "text": text,
        },
        "input_channel": "rest",
        "metadata": {"topic": topic} if topic else {},
    }


def bot_turn(
    sender: str,
    at: float,
    text: str,
    item: str = "",
    domain: str = "",
    buttons: Sequence[Tuple[str, str]] = (),
    kind: str = "",
) -> List[Dict[str, Any]]:
    custom = (
        {CUSTOM_ITEM: item, CUSTOM_DOMAIN: domain, CUSTOM_NODE: "n"}
        if item
        else ({CUSTOM_KIND: kind} if kind else None)
    )
    data = {"buttons": [{"title": t, "payload": p} for t, p in buttons] or None, "custom": custom}
    return [
        {"sender_id": sender, "event": "action", "timestamp": at, "name": "action_izia"},
        {"sender_id": sender, "event": "bot", "timestamp": at, "text": text, "data": data, "metadata": {}},
    ]


def slot_event(sender: str, at: float, name: str, value: Any) -> Dict[str, Any]:
    return {"sender_id": sender, "event": "slot", "timestamp": at, "name": name, "value": value}


def _greeting(sender: str, at: float) -> List[Dict[str, Any]]:
    return [
        user_turn(sender, at, "bonjour", "accueil", 0.99),
        *bot_turn(sender, at + 1, "Bonjour je suis IZIA.", "accueil", "general"),
    ]


def rating_turn(sender: str, at: float, stars: int, comment: str, item: str, subject: str) -> List[Dict[str, Any]]:
    value = {
        "sender_id": sender,
        "kind": "rating",
        "rating": stars,
        "comment": comment,
        "ministry": "",
        "item_id": item,
        "subject": subject,
        "at": "",
    }
    return [
        user_turn(sender, at, f'/rate_conversation{{"rating":"{stars}"}}', "rate_conversation", 1.0),
        *bot_turn(sender, at + 1, "Merci pour votre avis."),
        slot_event(sender, at + 1, "feedback", value),
    ]


def _answered(sender: str, at: float, item: ItemInfo, text: str, rng: random.Random) -> List[Dict[str, Any]]:
    events = _greeting(sender, at)
    events += [
        user_turn(sender, at + 20, text, item.id, 0.9),
        *bot_turn(sender, at + 21, f"Réponse : {item.title}", item.id, item.domain),
    ]
    if rng.random() < 0.6:
        events += rating_turn(sender, at + 60, rng.choice([3, 4, 4, 5, 5, 5]), "", item.id, text)
    return events


def _troubled(
    sender: str, at: float, text: str, topic: str, domain: str, items: List[ItemInfo], rng: random.Random
) -> List[Dict[str, Any]]:
    """A conversation where IZIA failed the user, in one of the ways the extraction looks for."""
    events = _greeting(sender, at)
    if domain:
        events += [
            user_turn(sender, at + 5, '/choose{"choice":"d"}', "choose", 1.0),
            *bot_turn(sender, at + 6, "Quel est votre problème ?", f"domaine_{domain}", domain),
        ]
    shape = rng.random()
    if shape < 0.55:  # not understood, « Vouliez-vous dire » refused, then a second failure
        wrong = rng.sample(items, 2)
        events += [
            user_turn(sender, at + 20, text, "nlu_fallback", 0.3, topic),
            *bot_turn(sender, at + 21, NOT_UNDERSTOOD),
        ]
        events += bot_turn(
            sender, at + 21, DID_YOU_MEAN, buttons=[(w.title, f"/{w.id}") for w in wrong], kind=DID_YOU_MEAN_KIND
        )
        if rng.random() < 0.5:
            events += [
                user_turn(sender, at + 300, "laissez tomber", "nlu_fallback", 0.2),
                *bot_turn(sender, at + 301, NOT_UNDERSTOOD),
            ]
    elif shape < 0.8:  # answered hesitantly with the wrong item, then thumbs-down
        wrong = rng.choice(items)
        events += [
            user_turn(sender, at + 20, text, wrong.id, round(rng.uniform(0.4, 0.58), 2), topic),
            *bot_turn(sender, at + 21, f"Réponse : {wrong.title}", wrong.id, wrong.domain),
        ]
        down = {
            "sender_id": sender,
            "kind": "answer_down",
            "rating": None,
            "comment": "",
            "ministry": "",
            "item_id": wrong.id,
            "subject": text,
            "at": "",
        }
        events += [
            user_turn(sender, at + 40, "/not_helpful", "not_helpful", 1.0),
            *bot_turn(sender, at + 41, "Désolée."),
            slot_event(sender, at + 41, "feedback", down),
        ]
    else:  # not understood, then a low rating with a comment
        events += [
            user_turn(sender, at + 20, text, "nlu_fallback", 0.25, topic),
            *bot_turn(sender, at + 21, NOT_UNDERSTOOD),
        ]
        comment = f"{rng.choice(COMMENTS)} {rng.choice(MINISTRIES)}".strip()
        events += rating_turn(sender, at + 90, rng.choice([1, 1, 2]), comment, "", text)
    return events


def write_log(log: GeneratedLog, location: Union[str, Path]) -> None:
    write_events(location, log.events)
