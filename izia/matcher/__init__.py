"""Recognition of pasted SAP/Chorus error messages against the knowledge's error templates.

Pure Python (no Rasa): ``bot/nlu/error_matcher.py`` adapts it to the NLU pipeline and
``bench/matcher_bench.py`` measures it.
"""

from izia.matcher.catalogue import CompiledTemplate, compile_knowledge, compile_template, compile_templates
from izia.matcher.matcher import DEFAULT_THRESHOLD, Match, Matcher
from izia.matcher.values import Value

__all__ = [
    "DEFAULT_THRESHOLD",
    "CompiledTemplate",
    "Match",
    "Matcher",
    "Value",
    "compile_knowledge",
    "compile_template",
    "compile_templates",
]
