"""Handing one checked message to Rasa, for every chat channel alike."""

from __future__ import annotations

import logging
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import UserMessage

from izia.inbound import Inbound

logger = logging.getLogger(__name__)


async def handled(
    on_new_message: Callable[[UserMessage], Awaitable[Any]], inbound: Inbound, output: Any, channel: str
) -> bool:
    """Whether Rasa handled the turn; a failure of the tracker store, the lock store or the model
    is logged (without the message's text) so that the channel can say so and keep serving.
    """
    message = UserMessage(inbound.text, output, inbound.sender, input_channel=channel, metadata=inbound.metadata)
    try:
        await on_new_message(message)
    except Exception:
        logger.exception("Message de la conversation %s non traité", inbound.sender)
        return False
    return True
