// One message of the conversation, as a list item: the bot's on the left with its relative
// time (and its FSD draft, if any), the user's on the right.
import { h } from "../dom.js";
import { relativeTime } from "../time.js";
import { fsdCard } from "./fsd.js";

export function messageElement(message, serverUrl) {
  if (message.from === "user") {
    return h(
      "li",
      { class: "izia-message izia-message--user" },
      h("p", { class: "fr-sr-only" }, "Vous avez écrit :"),
      h("p", { class: "izia-message__text" }, message.text),
    );
  }
  const fsd = message.custom?.fsd && fsdCard(message.custom.fsd, serverUrl);
  return h(
    "li",
    { class: "izia-message izia-message--bot" },
    h("p", { class: "fr-sr-only" }, "IZIA a écrit :"),
    message.text && h("p", { class: "izia-message__text" }, message.text),
    fsd,
    timeElement(message.at),
  );
}

// Rewrites every « il y a … » under `container` for the current time.
export function refreshTimes(container, now = Date.now()) {
  for (const time of container.querySelectorAll("time[data-at]")) {
    time.textContent = relativeTime(Number(time.dataset.at), now);
  }
}

function timeElement(at) {
  const when = Number.isFinite(at) ? at : Date.now();
  return h("time", { class: "izia-message__time", datetime: new Date(when).toISOString(), "data-at": when }, relativeTime(when));
}
