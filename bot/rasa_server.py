"""IZIA's Rasa server: ``rasa run`` with the fixes IZIA needs, all in this one place.

``izia run`` starts ``python -m bot.rasa_server run …`` instead of ``rasa run``. Before handing
over to Rasa's own command line, it changes what Rasa 3.6 does not let a deployment configure:

- **The HTTP API needs a token, and is off without one.** The token comes from
  ``IZIA_API_TOKEN`` (Rasa's ``--auth-token``, added here so that it never shows in the process
  list). A gate in front of every route lets through only the chat channels, the files they
  serve and ``/``; anything else needs ``?token=``, compared in constant time (Rasa's own check
  compares with ``==``).
- **Bad input gets a French 4xx, never a 500**: request bodies are limited to
  :data:`MAX_BODY_BYTES`, and Sanic's errors answer in French JSON.
- **The action server being down is said to the user**, once per message, instead of a
  silent turn, and a hung action server is given up after :data:`ACTION_TIMEOUT_S`.
- **A tracker store that fails is a failed turn, said to the user**, not a silent fall-back:
  Rasa's ``FailSafeTrackerStore`` keeps a turn it could not save in memory only (lost at the
  next restart, while the next turn reads the stale tracker again), and starts a conversation
  it could not read from scratch. Here the error is logged and raised, so the channel tells the
  user to send the message again and the stored conversation stays as it was.
- **The action server's response is validated by a validator built once**: Rasa 3.6 calls
  ``jsonschema.validate`` on every response, which checks the schema itself again each time
  (half the Rasa server's CPU under load, issue 13). Same schema, same errors, same message.
- **No message text in the logs** unless ``IZIA_DEBUG=1``: SQL errors are logged without the
  rows they carried, and Rasa's warning on a malformed ``/intent{…}`` payload, which quotes
  the whole message, is not shown.
"""

from __future__ import annotations

import hmac
import logging
import os
import sys
import warnings
from typing import Any, Callable, Dict, Optional

import rasa.core.actions.action as rasa_actions
import rasa.core.run as rasa_run
import rasa.core.tracker_store as rasa_tracker_store
from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for
from rasa.__main__ import main as rasa_main
from rasa.shared.exceptions import RasaException
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from izia.inbound import UNAVAILABLE
from izia.server import API_TOKEN_ENV, DEBUG_ENV

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 1024 * 1024
ACTION_TIMEOUT_S = 30
# Paths anyone may reach: the chat channels (REST, socket.io), the files they serve, the root.
PUBLIC_PREFIXES = ("/webhooks/", "/socket.io/")
PUBLIC_PATHS = ("/", "/webhooks", "/socket.io")
API_OFF = f"L'API HTTP de Rasa est désactivée : définissez {API_TOKEN_ENV} pour l'activer."
NOT_AUTHENTICATED = "Jeton absent ou invalide : ajoutez ?token=<jeton> à l'adresse."
ERRORS = {
    400: "Requête invalide.",
    404: "Adresse inconnue.",
    405: "Méthode non acceptée à cette adresse.",
    408: "Requête trop lente : délai dépassé.",
    413: f"Requête trop volumineuse : {MAX_BODY_BYTES // 1024} Kio au plus.",
    500: "Erreur interne d'IZIA ; elle est consignée dans le journal du serveur.",
}
_TOLD_UNAVAILABLE = "izia_told_unavailable"


def is_public(path: str) -> bool:
    return path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES)


def gate(token: Optional[str]) -> Callable[[Request], Any]:
    """A request middleware: the API's routes answer only to the token, compared in constant time."""

    async def check(request: Request) -> Optional[HTTPResponse]:
        if is_public(request.path):
            return None
        if not token:
            return response.json({"error": API_OFF}, status=404)
        provided = request.args.get("token") or ""
        if hmac.compare_digest(provided.encode("utf-8"), token.encode("utf-8")):
            return None
        return response.json({"error": NOT_AUTHENTICATED}, status=401)

    return check


async def french_error(request: Request, exception: Exception) -> HTTPResponse:
    """Sanic's errors (malformed request, unknown route, body too large…), in French JSON."""
    status = int(getattr(exception, "status_code", 500) or 500)
    if status >= 500:
        logger.error("Erreur interne sur %s %s : %s", request.method, request.path, type(exception).__name__)
    text = ERRORS.get(status) or ERRORS[400 if status < 500 else 500]
    return response.json({"error": text}, status=status)


def configure_app_for_izia(configure_app: Callable[..., Sanic]) -> Callable[..., Sanic]:
    def configure(*args: Any, **kwargs: Any) -> Sanic:
        app = configure_app(*args, **kwargs)
        if os.environ.get(DEBUG_ENV) != "1":  # after Rasa's own warning filters, so that it wins
            warnings.filterwarnings("ignore", message="Failed to parse arguments in line", category=UserWarning)
        app.config.REQUEST_MAX_SIZE = MAX_BODY_BYTES
        app.register_middleware(gate(os.environ.get(API_TOKEN_ENV)), "request")
        app.error_handler.add(Exception, french_error)
        return app

    return configure


def telling_the_user(run: Callable[..., Any]) -> Callable[..., Any]:
    """``RemoteAction.run`` that says in the chat when the action server cannot be reached."""

    async def run_remote_action(self: Any, output_channel: Any, nlg: Any, tracker: Any, domain: Any) -> Any:
        try:
            return await run(self, output_channel, nlg, tracker, domain)
        except rasa_actions.ActionExecutionRejection:
            raise
        except RasaException:
            if not getattr(output_channel, _TOLD_UNAVAILABLE, False):
                setattr(output_channel, _TOLD_UNAVAILABLE, True)
                await output_channel.send_text_message(tracker.sender_id, UNAVAILABLE)
            raise

    return run_remote_action


def without_sql_parameters(engine_kwargs: Callable[..., dict]) -> Callable[..., dict]:
    """SQLAlchemy puts a failed statement's rows (message texts) in its errors, unless told not to."""

    def kwargs(url: Any) -> dict:
        return {**engine_kwargs(url), "hide_parameters": True}

    return kwargs


def failing_loudly(method: str) -> Callable[..., Any]:
    """A ``FailSafeTrackerStore`` method that logs and raises the primary store's error."""

    async def call(self: Any, *args: Any) -> Any:
        try:
            return await getattr(self._tracker_store, method)(*args)
        except Exception as error:
            logger.error("Le tracker store a échoué (%s) : %s", method, error)
            raise

    return call


def validated_by_one_validator(spec: Dict[str, Any]) -> Callable[[Any, Dict[str, Any]], bool]:
    """``RemoteAction._validate_action_result`` with the schema checked and compiled once."""
    validator_class = validator_for(spec)
    validator_class.check_schema(spec)
    validator = validator_class(spec)
    usual_help = rasa_actions.DOCS_BASE_URL + "/custom-actions"

    def validate(self: Any, result: Dict[str, Any]) -> bool:
        error = best_match(validator.iter_errors(result))
        if error is not None:
            error.message += (
                ". Failed to validate Action server response from API, make sure your response from the "
                f"Action endpoint is valid. For more information about the format visit {usual_help}"
            )
            raise error
        return True

    return validate


def install() -> None:
    rasa_run.configure_app = configure_app_for_izia(rasa_run.configure_app)
    rasa_actions.RemoteAction.run = telling_the_user(rasa_actions.RemoteAction.run)
    rasa_actions.DEFAULT_REQUEST_TIMEOUT = ACTION_TIMEOUT_S
    spec = rasa_actions.RemoteAction.action_response_format_spec()
    rasa_actions.RemoteAction._validate_action_result = validated_by_one_validator(spec)
    rasa_tracker_store.create_engine_kwargs = without_sql_parameters(rasa_tracker_store.create_engine_kwargs)
    for method in ("save", "retrieve", "retrieve_full_tracker"):
        setattr(rasa_tracker_store.FailSafeTrackerStore, method, failing_loudly(method))


def main() -> None:
    install()
    token = os.environ.get(API_TOKEN_ENV)
    if token:
        sys.argv += ["--enable-api", "--auth-token", token]
    rasa_main()


if __name__ == "__main__":
    main()
