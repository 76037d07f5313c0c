// Relative French timestamps: « il y a quelques secondes », « il y a 3 minutes »…

const FORMAT = new Intl.RelativeTimeFormat("fr", { numeric: "always" });
const UNITS = [
  ["day", 86400],
  ["hour", 3600],
  ["minute", 60],
];

export function relativeTime(then, now = Date.now()) {
  const seconds = Math.max(0, Math.floor((now - then) / 1000));
  const [unit, size] = UNITS.find(([, length]) => seconds >= length) || [];
  return unit ? FORMAT.format(-Math.floor(seconds / size), unit) : "il y a quelques secondes";
}
