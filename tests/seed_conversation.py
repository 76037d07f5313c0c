"""The seed conversation of the source deck: what IZIA says at each step, and a pasted message."""

from __future__ import annotations

import random

GREETING = (
    "Bonjour je suis IZIA votre assistante virtuelle. Vous pouvez sélectionner un des domaines "
    "ci-dessous ou copier-coller votre message d'erreur."
)
DOMAINS = [
    "Messages d'erreurs",
    "Connexion",
    "Habilitation",
    "RNF",
    "Problème sur un Workflow",
    "Chorus Formulaires",
    "Service Fait Présumé/Service Fait Assisté",
    "Interface",
    "Tiers",
    "Restitutions",
    "Upgrade SAP Incidents en cours",
    "Upgrade SAP",
    "FTAP Carte Achat",
]
CLOSING = (
    "Voulez-vous aborder un autre sujet ? Sinon, j'apprécierai que vous me donniez votre avis sur cette conversation."
)
ASSOCIATED = """Associé à ce message, rencontrez-vous l'un des messages d'erreurs suivants :
- Centre financier inexistant
- Le domaine fonctionnel n'est pas valable
- Poste de commande comprend encore des imputations erronées
- Poste de pièce n'a pas encore été reporté dans exercice en cours
- Une erreur est survenue dans la règle de dérivation
- Ctre financier XXX n'existe pas ds périm."""


def pasted_message(rng: random.Random) -> str:
    piece, poste = rng.randint(10**9, 10**10 - 1), rng.randint(1, 999)
    return (
        f"erreur dans le système de gestion : poste de pièce {piece}/{poste:05d} "
        "n'a pas été reporté dans exercice en cours"
    )
