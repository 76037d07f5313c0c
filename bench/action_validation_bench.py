"""How long Rasa's server spends validating one action-server response, before and after IZIA's fix.

Rasa 3.6 calls ``jsonschema.validate`` on every response of the action server, which checks the
schema itself each time; ``bot.rasa_server`` builds the validator once. Prints and writes
bench/results/action_validation.md (a typical IZIA response: four slots and one message).
"""

from __future__ import annotations

import statistics
import timeit

from jsonschema import validate
from rasa.core.actions.action import RemoteAction

from bot.rasa_server import validated_by_one_validator
from results_files import write_results

REPEATS, CALLS = 7, 200
RESPONSE = {
    "events": [
        {"event": "slot", "name": name, "value": "x", "timestamp": None}
        for name in ("kb_item", "kb_node", "kb_memory", "feedback")
    ],
    "responses": [
        {
            "text": "Sur quel domaine porte la demande",
            "buttons": [{"title": "EJ", "payload": "/choose"}],
            "custom": {"item_id": "x"},
        }
    ],
}


def per_call_ms(call) -> float:  # type: ignore[no-untyped-def]
    runs = timeit.repeat(call, number=CALLS, repeat=REPEATS)
    return statistics.median(runs) / CALLS * 1000


def main() -> None:
    spec = RemoteAction.action_response_format_spec()
    compiled = validated_by_one_validator(spec)
    rasa_ms = per_call_ms(lambda: validate(RESPONSE, spec))
    izia_ms = per_call_ms(lambda: compiled(None, RESPONSE))
    table = (
        "# Validation of an action-server response (median of 7 × 200 calls)\n\n"
        "| | ms per response |\n| --- | --- |\n"
        f"| Rasa 3.6 (`jsonschema.validate`) | {rasa_ms:.3f} |\n"
        f"| IZIA (`bot.rasa_server`, validator built once) | {izia_ms:.3f} |\n\n"
        f"{rasa_ms / izia_ms:.1f} times faster, same schema and same errors.\n"
    )
    print(table)
    write_results("action_validation", table)


if __name__ == "__main__":
    main()
