"""Shared fixtures: small knowledge bases written on the fly, and the real seed knowledge."""

from __future__ import annotations

import secrets
import textwrap
from pathlib import Path
from typing import Callable, Dict, Iterator

import pytest

from izia.knowledge import KnowledgeBase, validate
from izia.paths import KNOWLEDGE_DIR, MODELS_DIR
from izia.server import Servers, free_port
from izia.walker import Walker

SETTINGS = """\
welcome_item: accueil
min_examples: 3
domains:
  general: Général
  messages_erreurs: Messages d'erreurs
messages:
  closing: Voulez-vous aborder un autre sujet ?
  rate_button: Noter cette conversation
  not_understood: Je n'ai pas reconnu votre message.
  invalid_choice: Ce choix n'est pas proposé à cette étape.
  did_you_mean: "Vouliez-vous dire :"
  domain_guess: "Votre question semble porter sur le domaine « {domain} » :"
  domain_menu_button: "Tous les sujets « {domain} »"
  pasted_several: "J'ai reconnu {count} messages :"
  next_pasted: "Message suivant :"
  not_helpful_button: Cela ne résout pas mon problème
  not_helpful: Désolée que cette réponse ne vous ait pas aidé.
  still_not_understood: Je n'ai toujours pas trouvé de réponse.
  escalate: Ce cas doit être traité par le service desk.
  fsd_offer: Voulez-vous préparer une fiche service desk ?
  fsd_yes_button: Préparer la fiche service desk
  fsd_no_button: Non merci
  rate_question: Comment évaluez-vous cette conversation ?
  rate_comment_question: Qu'est-ce qui ne vous a pas convenu ? Votre code ministère ?
  rate_thanks: Merci pour votre avis.
"""

WELCOME = """\
id: accueil
domain: general
title: Accueil
examples: [bonjour, salut, bonsoir]
start: menu
nodes:
  menu:
    ask: Bonjour je suis IZIA.
    choices:
      - label: Messages d'erreurs
        goto: item:centre_financier
"""

ITEM = """\
id: centre_financier
domain: messages_erreurs
title: Centre financier inexistant
error_templates:
  - text: Ctre financier &1 n'existe pas ds périm.
    entities: {"&1": centre_financier}
examples:
  - le centre financier n'existe pas
  - CF inexistant dans le périmètre
  - mon centre financier est inconnu
start: question
nodes:
  question:
    ask: Sur quel objet ?
    choices:
      - label: EJ
        synonyms: [engagement juridique]
        goto: ej
      - label: DP
        synonyms: [demande de paiement]
        goto: dp
  ej:
    say: Le centre financier doit être ouvert sur l'exercice.
    next: ej_fin
  ej_fin:
    answer: Corrigez l'imputation de l'EJ.
  dp:
    answer: Corrigez l'imputation de la DP.
"""

KnowledgeWriter = Callable[..., Path]


@pytest.fixture
def write_knowledge(tmp_path: Path) -> KnowledgeWriter:
    """Writes a small knowledge base; ``files`` maps item file names to YAML that replaces the defaults."""

    def write(files: Dict[str, str] | None = None, settings: str = SETTINGS) -> Path:
        root = tmp_path / "knowledge"
        (root / "items").mkdir(parents=True, exist_ok=True)
        (root / "izia.yml").write_text(settings, encoding="utf-8")
        contents = {"accueil.yml": WELCOME, "centre_financier.yml": ITEM, **(files or {})}
        for name, text in contents.items():
            if text is not None:
                (root / "items" / name).write_text(textwrap.dedent(text), encoding="utf-8")
        return root

    return write


@pytest.fixture
def small_walker(write_knowledge: KnowledgeWriter) -> Walker:
    return Walker(validate(write_knowledge()))


@pytest.fixture(scope="session")
def seed_knowledge() -> KnowledgeBase:
    return validate(KNOWLEDGE_DIR)


@pytest.fixture(scope="session")
def seed_walker(seed_knowledge: KnowledgeBase) -> Walker:
    return Walker(seed_knowledge)


@pytest.fixture(scope="session")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    """The real Rasa server and action server, on free ports, with a data folder of their own."""
    assert (MODELS_DIR / "izia.tar.gz").exists(), "modèle absent : lancez `make build` (fait par `make test`)"
    data_dir: Path = tmp_path_factory.mktemp("izia-data")
    running = Servers(
        rasa_port=free_port(),
        actions_port=free_port(),
        data_dir=data_dir,
        log_dir=data_dir / "logs",
        api_token=secrets.token_urlsafe(24),
    )
    running.start()
    yield running
    running.stop()
