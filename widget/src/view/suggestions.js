// The buttons of the bot's last message, under a « SUGGESTIONS N » header.
import { h } from "../dom.js";

export function suggestionsElement(buttons, onChoose) {
  return h(
    "div",
    { class: "izia-suggestions", role: "group", "aria-labelledby": "izia-suggestions-title" },
    h(
      "p",
      { class: "izia-suggestions__title", id: "izia-suggestions-title" },
      "Suggestions ",
      h("span", { class: "izia-suggestions__count" }, String(buttons.length)),
    ),
    h(
      "ul",
      { class: "fr-tags-group izia-suggestions__list" },
      buttons.map((button) => h("li", {}, h("button", { type: "button", class: "fr-tag", onclick: () => onChoose(button) }, button.title))),
    ),
  );
}
