// Adds the widget's style sheets to the page: the DSFR (unless the portal already uses it),
// the DSFR icon sets the widget shows, then the widget's own sheet.

const DSFR = "dsfr/dsfr.min.css";
const ICON_SETS = ["system", "communication", "business"].map(
  (set) => `dsfr/utility/icons/icons-${set}/icons-${set}.min.css`,
);
const WIDGET = "widget/izia.css";

export function loadStyles(assetsUrl) {
  const sheets = [...(pageUsesDsfr() ? [] : [DSFR]), ...ICON_SETS, WIDGET];
  return Promise.all(sheets.map((sheet) => addSheet(new URL(sheet, assetsUrl).href)));
}

function pageUsesDsfr() {
  const declaresColours = getComputedStyle(document.documentElement).getPropertyValue("--blue-france-sun-113-625");
  const linksDsfr = [...document.querySelectorAll('link[rel="stylesheet"]')].some((link) => /\/dsfr(\.min)?\.css$/.test(link.href));
  return declaresColours.trim() !== "" || linksDsfr;
}

function addSheet(href) {
  if ([...document.querySelectorAll("link")].some((link) => link.href === href)) return Promise.resolve();
  return new Promise((resolve) => {
    const link = Object.assign(document.createElement("link"), { rel: "stylesheet", href });
    link.addEventListener("load", resolve);
    link.addEventListener("error", resolve);
    document.head.append(link);
  });
}
