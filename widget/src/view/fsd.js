// The Fiche Service Desk draft IZIA prepared, with its download links. The bot sends it in
// the message's custom object: { fsd: { id, links: { json, xlsx, ca } } } (xlsx and ca may be null).
import { h, safeUrl } from "../dom.js";

const FILES = [
  ["json", "Brouillon complet", "JSON"],
  ["xlsx", "Liste des pièces", "Excel"],
  ["ca", "Certificat administratif à signer", "Word"],
];

export function fsdCard(fsd, serverUrl) {
  const links = FILES.flatMap(([kind, label, format]) => {
    const href = fsd.links?.[kind] ? safeUrl(fsd.links[kind], serverUrl) : null;
    if (!href) return [];
    return [h("li", {}, h("a", { class: "fr-link fr-link--download", href, download: true }, `${label} `, h("span", { class: "fr-link__detail" }, format)))];
  });
  if (!links.length) return null;
  return h(
    "div",
    { class: "izia-fsd" },
    h("p", { class: "izia-fsd__title" }, fsd.id ? `Brouillon de Fiche Service Desk n° ${fsd.id}` : "Brouillon de Fiche Service Desk"),
    h("ul", { class: "izia-fsd__links" }, links),
  );
}
