// The widget's fixed parts: the floating launcher and the chat window (header, connection
// status, conversation, live region for screen readers, composer).
import { h } from "../dom.js";
import { composer } from "./composer.js";

export function buildPanel(title, { onToggle, onClose, onRestart, onSend }) {
  const launcher = h(
    "button",
    { type: "button", class: "fr-btn fr-btn--icon-left fr-icon-question-answer-fill izia-launcher", "aria-controls": "izia-panel", "aria-expanded": "false", onclick: onToggle },
    `Discuter avec ${title}`,
  );
  const status = h("div", { class: "fr-alert fr-alert--warning fr-alert--sm izia-status", role: "status", hidden: true }, h("p", {}, "Connexion à IZIA impossible pour le moment, nouvelle tentative en cours…"));
  const messages = h("ol", { class: "izia-messages" });
  const actions = h("div", { class: "izia-actions" });
  const typing = h("p", { class: "izia-typing", hidden: true }, "IZIA écrit…");
  const log = h("div", { class: "izia-log", role: "region", "aria-label": "Conversation", tabindex: 0 }, messages, typing, actions);
  const announcer = h("div", { class: "fr-sr-only", "aria-live": "polite", "aria-relevant": "additions" });
  const { form, input } = composer(onSend);
  const panel = h(
    "section",
    { id: "izia-panel", class: "izia-panel", role: "dialog", "aria-labelledby": "izia-title", hidden: true },
    h(
      "header",
      { class: "izia-panel__header" },
      h("span", { class: "izia-panel__logo fr-icon-question-answer-fill", "aria-hidden": "true" }),
      h("div", { class: "izia-panel__titles" }, h("h2", { id: "izia-title", class: "izia-panel__title" }, title), h("p", { class: "izia-panel__subtitle" }, "Assistante virtuelle")),
      h("button", { type: "button", class: "fr-btn fr-btn--tertiary-no-outline fr-btn--sm fr-btn--icon-left fr-icon-refresh-line", onclick: onRestart }, "Nouvelle conversation"),
      h("button", { type: "button", class: "fr-btn fr-btn--tertiary-no-outline fr-btn--sm fr-icon-close-line", title: "Fermer la fenêtre de discussion", onclick: onClose }, "Fermer la fenêtre de discussion"),
    ),
    status,
    log,
    announcer,
    form,
  );
  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape") onClose();
  });
  return { root: h("div", { class: "izia-widget", lang: "fr" }, launcher, panel), launcher, panel, status, log, messages, actions, typing, announcer, input };
}
