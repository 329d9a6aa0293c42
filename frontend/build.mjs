// Copies the npm packages' built assets and our own src/ into dist/, which Django serves as static files.
// No bundler: GOV.UK Frontend and Leaflet ship ready-built files.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";

const dist = new URL("./dist/", import.meta.url);
const govuk = new URL("./node_modules/govuk-frontend/dist/govuk/", import.meta.url);
const leaflet = new URL("./node_modules/leaflet/dist/", import.meta.url);
const axe = new URL("./node_modules/axe-core/", import.meta.url);
const autocomplete = new URL("./node_modules/accessible-autocomplete/dist/", import.meta.url);

rmSync(dist, { recursive: true, force: true });
mkdirSync(new URL("vendor/govuk/", dist), { recursive: true });
// The source maps too: the built files name them, and the production static storage checks every reference.
for (const file of ["govuk-frontend.min.css", "govuk-frontend.min.css.map", "govuk-frontend.min.js", "govuk-frontend.min.js.map"]) {
  cpSync(new URL(file, govuk), new URL(`vendor/govuk/${file}`, dist));
}
cpSync(new URL("assets/", govuk), new URL("vendor/govuk/assets/", dist), { recursive: true });
// Without the GDS Transport font: only GOV.UK's own domains may use it, and the precompiled CSS names its files
// at /assets/fonts/, which this site does not serve (Chromium fetched them, four 404s, when a page painted before
// earlyhelp.css set Arial). The source map's columns after the removed rules are off by their length.
const styles = new URL("vendor/govuk/govuk-frontend.min.css", dist);
writeFileSync(styles, readFileSync(styles, "utf8").replace(/@font-face\{[^}]*\}/g, ""));
cpSync(new URL("leaflet.css", leaflet), new URL("vendor/leaflet/leaflet.css", dist));
cpSync(new URL("leaflet.js", leaflet), new URL("vendor/leaflet/leaflet.js", dist));
cpSync(new URL("leaflet.js.map", leaflet), new URL("vendor/leaflet/leaflet.js.map", dist));
// GOV.UK's accessible combobox for the search boxes' suggestions: a UMD file that sets window.accessibleAutocomplete.
for (const file of [
  "accessible-autocomplete.min.js",
  "accessible-autocomplete.min.js.map",
  "accessible-autocomplete.min.css",
  "accessible-autocomplete.min.css.map",
]) {
  cpSync(new URL(file, autocomplete), new URL(`vendor/accessible-autocomplete/${file}`, dist));
}
cpSync(new URL("images/", leaflet), new URL("vendor/leaflet/images/", dist), { recursive: true });
try {
  // Only the browser tests need axe-core; a production install (npm ci --omit=dev) skips it.
  cpSync(new URL("axe.min.js", axe), new URL("vendor/axe/axe.min.js", dist));
} catch {}
cpSync(new URL("./src/", import.meta.url), new URL("earlyhelp/", dist), { recursive: true });
console.log("frontend assets built into frontend/dist/");
