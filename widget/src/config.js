// The one configuration object a portal page declares before the widget's script tag:
//   window.iziaConfig = { serverUrl: "https://izia.exemple.gouv.fr", title: "IZIA", ministryCode: "MEF" };
// serverUrl defaults to the server the script comes from.

export function readConfig(declared, moduleUrl) {
  const given = declared || {};
  return {
    serverUrl: new URL(given.serverUrl || moduleUrl).origin,
    title: String(given.title || "IZIA"),
    ministryCode: String(given.ministryCode || ""),
    assetsUrl: new URL("../", moduleUrl).href,
  };
}
