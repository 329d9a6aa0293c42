// Starts GOV.UK Frontend's components. Loaded as a module, so it runs only in browsers GOV.UK Frontend v6 supports;
// the class it adds is the one GOV.UK's page template sets with an inline script, which our Content-Security-Policy forbids.
import { initAll } from "../vendor/govuk/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
