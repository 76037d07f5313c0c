// The text area and its send button. Enter sends, Shift+Enter starts a new line; a pasted
// error message keeps its lines.
import { h } from "../dom.js";

export function composer(onSend) {
  const input = h("textarea", {
    id: "izia-input",
    class: "fr-input izia-composer__input",
    rows: 1,
    placeholder: "Veuillez écrire votre message ici",
    "aria-describedby": "izia-input-hint",
  });
  const form = h(
    "form",
    { class: "izia-composer" },
    h("label", { class: "fr-label fr-sr-only", for: input.id }, "Votre message à IZIA"),
    h("div", { class: "izia-composer__row" }, input, h("button", { type: "submit", class: "fr-btn fr-icon-send-plane-fill", title: "Envoyer le message" }, "Envoyer le message")),
    h("p", { class: "fr-hint-text izia-composer__hint", id: "izia-input-hint" }, "Entrée pour envoyer, Maj + Entrée pour aller à la ligne"),
  );
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  input.addEventListener("input", () => fitHeight(input));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    onSend(text);
    input.value = "";
    fitHeight(input);
  });
  return { form, input };
}

// Grows with its content; the style sheet caps the height, then the text area scrolls.
function fitHeight(input) {
  input.style.height = "auto";
  input.style.height = `${input.scrollHeight}px`;
}
