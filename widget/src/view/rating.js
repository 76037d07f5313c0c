// The answer to « Comment évaluez-vous cette conversation ? »: five stars (a radio group,
// arrows change the note) and an optional comment.
import { h } from "../dom.js";

const STARS = [1, 2, 3, 4, 5];
const ERROR_ID = "izia-rating-error";

export function ratingForm(onRate) {
  const inputs = STARS.map((stars) => h("input", { type: "radio", name: "izia-rating", id: `izia-star-${stars}`, value: stars, class: "izia-star__input" }));
  const labels = STARS.map((stars) =>
    h("label", { for: `izia-star-${stars}`, class: "izia-star fr-icon-star-line" }, h("span", { class: "fr-sr-only" }, stars === 1 ? "1 étoile sur 5" : `${stars} étoiles sur 5`)),
  );
  const error = h("p", { class: "fr-message fr-message--error", id: ERROR_ID, hidden: true }, "Veuillez choisir une note de 1 à 5 étoiles.");
  const fieldset = h(
    "fieldset",
    { class: "fr-fieldset izia-rating__note" },
    h("legend", { class: "fr-fieldset__legend" }, "Votre note"),
    h("div", { class: "izia-stars" }, STARS.map((_, index) => [inputs[index], labels[index]])),
    error,
  );
  const comment = h("textarea", { id: "izia-rating-comment", class: "fr-input", rows: 2 });
  const form = h(
    "form",
    { class: "izia-rating", novalidate: true },
    fieldset,
    h("div", { class: "fr-input-group" }, h("label", { class: "fr-label", for: comment.id }, "Votre commentaire (facultatif)"), comment),
    h("button", { type: "submit", class: "fr-btn fr-btn--sm" }, "Envoyer mon avis"),
  );
  const chosen = () => Number(inputs.find((input) => input.checked)?.value || 0);

  form.addEventListener("change", () => {
    labels.forEach((label, index) => {
      label.classList.toggle("fr-icon-star-fill", index < chosen());
      label.classList.toggle("fr-icon-star-line", index >= chosen());
    });
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!chosen()) {
      error.hidden = false;
      fieldset.setAttribute("aria-describedby", ERROR_ID);
      fieldset.classList.add("fr-fieldset--error");
      inputs[0].focus();
      return;
    }
    onRate(chosen(), comment.value.trim());
  });
  return form;
}
