"""The names the knowledge, the Rasa project, the actions, the NLU components, the channels and
the analytics share: one place, so that a rename cannot leave one layer behind.

``bot/domain/base.yml`` declares the same intents, entities and slots for Rasa;
``tests/test_contract.py`` checks that the two agree. Knowledge item ids are Rasa intents too,
so none may take a name listed here (:data:`RESERVED_IDS`).
"""

from __future__ import annotations

# Intents the bot's buttons send (``/intent{…}`` payloads), declared in bot/domain/base.yml.
CHOOSE_INTENT = "choose"
RATE_INTENT = "rate_conversation"
NOT_HELPFUL_INTENT = "not_helpful"
FSD_START_INTENT = "fsd_start"
OUT_OF_SCOPE_INTENT = "out_of_scope"  # trained on off-topic questions
BASE_INTENTS = frozenset({CHOOSE_INTENT, RATE_INTENT, NOT_HELPFUL_INTENT, FSD_START_INTENT, OUT_OF_SCOPE_INTENT})

# Intents Rasa itself defines: its FallbackClassifier's, and its default ones.
FALLBACK_INTENT = "nlu_fallback"
RASA_DEFAULT_INTENTS = frozenset({FALLBACK_INTENT, "restart", "back", "session_start", OUT_OF_SCOPE_INTENT})

RESERVED_IDS = BASE_INTENTS | RASA_DEFAULT_INTENTS

# Entities of the button payloads.
CHOICE_ENTITY = "choice"
RATING_ENTITY = "rating"

# Slots (bot/domain/base.yml).
ITEM_SLOT = "kb_item"
NODE_SLOT = "kb_node"
MEMORY_SLOT = "kb_memory"
FEEDBACK_SLOT = "feedback"  # the last rating or thumbs-down, so feedback stays in the tracker
DRAFT_SLOT = "fsd_draft"
ANSWER_SLOT = "fsd_answer"
FSD_FORM = "fsd_form"
SLOTS = frozenset({ITEM_SLOT, NODE_SLOT, MEMORY_SLOT, FEEDBACK_SLOT, DRAFT_SLOT, ANSWER_SLOT})

ACTION = "action_izia"

# Keys IZIA's NLU components add to a parsed message (and to /model/parse).
MATCHES_KEY = "izia_matches"  # bot.nlu.error_matcher: one entry per recognised pasted message
KNOWLEDGE_KEY = "knowledge"  # bot.nlu.knowledge_annotator: the item and domain of the intent
DOMAINS_KEY = "izia_domains"  # bot.nlu.domain_classifier: each domain's confidence, surest first

# Keys of a bot message's ``custom`` object, read by clients and the analytics.
CUSTOM_ITEM = "item_id"
CUSTOM_DOMAIN = "domain"
CUSTOM_NODE = "node"
CUSTOM_KIND = "kind"  # what a message without an item is, for the analytics
DID_YOU_MEAN_KIND = "did_you_mean"  # the «Vouliez-vous dire» suggestions
