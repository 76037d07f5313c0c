"""The scenario-tree DSL: model, loader, validator.

Support staff write one YAML file per knowledge item under ``knowledge/``; this package turns
those files into a checked :class:`KnowledgeBase` or into problems that point at ``file:line``.
"""

from izia.knowledge.loader import load_knowledge
from izia.knowledge.model import (
    Choice,
    ErrorTemplate,
    Item,
    KnowledgeBase,
    Location,
    Node,
    Problem,
)
from izia.knowledge.validator import KnowledgeInvalid, validate

__all__ = [
    "Choice",
    "ErrorTemplate",
    "Item",
    "KnowledgeBase",
    "KnowledgeInvalid",
    "Location",
    "Node",
    "Problem",
    "load_knowledge",
    "validate",
]
