// The search page's enhancements: filters open on wide screens, and suggestions as you type in the two boxes.
// Without JavaScript the page works as plain forms; nothing here is needed to search.
import "../vendor/accessible-autocomplete/accessible-autocomplete.min.js";

const WIDE = window.matchMedia("(min-width: 40.0625em)");
const MIN_LENGTH = 2;
const WAIT_MS = 150; // between keystrokes, so a fast typist sends one request, not five

// Filters: the details element is closed in the HTML so a phone shows results first; open it on a wide screen.
const filters = document.querySelector(".eh-filters-toggle");
if (filters && WIDE.matches) {
  filters.open = true;
}

function sourceFrom(url) {
  let timer;
  let controller;
  return (query, populateResults) => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      controller?.abort();
      controller = new AbortController();
      try {
        const response = await fetch(`${url}?q=${encodeURIComponent(query)}`, {
          signal: controller.signal,
          headers: { Accept: "application/json" },
        });
        const answer = response.ok ? await response.json() : { suggestions: [] };
        populateResults(answer.suggestions);
      } catch (error) {
        if (error.name !== "AbortError") populateResults([]);
      }
    }, WAIT_MS);
  };
}

// A suggestion is {label, value}: the list shows the label ("Chichester, West Sussex", so a town in the area stands
// apart from one of the same start elsewhere), and choosing it puts the value in the box. The widget sets the
// label as HTML, so it is escaped here. The widget also offers what the box already holds (its defaultValue,
// the search just made) as a plain string, not a suggestion object: that reads as itself, never "undefined".
const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escaped = (text) => String(text).replace(/[&<>"']/g, (character) => ESCAPES[character]);
const asSuggestion = (suggestion) => (typeof suggestion === "string" ? { value: suggestion } : suggestion);
const suggestionTemplates = {
  inputValue: (suggestion) => (suggestion ? asSuggestion(suggestion).value : ""),
  suggestion: (suggestion) => escaped(asSuggestion(suggestion).label || asSuggestion(suggestion).value),
};

// The words the widget speaks, translated on the page (data-suggest-* on the form): English is only the fallback.
function words(form) {
  const text = form.dataset;
  return {
    tAssistiveHint: () => text.suggestHint,
    tStatusQueryTooShort: (length) => text.suggestTooShort.replace("%(length)s", length),
    tStatusNoResults: () => text.suggestNone,
    tStatusSelectedOption: (option, length, index) =>
      text.suggestSelected.replace("%(option)s", option).replace("%(index)s", index + 1).replace("%(length)s", length),
    tStatusResults: (length, contentSelectedOption) =>
      `${(length === 1 ? text.suggestResultsOne : text.suggestResultsMany).replace("%(length)s", length)} ${contentSelectedOption}`,
  };
}

// Swap a plain input for the accessible combobox, keeping its id, name, value, classes and hint.
function enhance(input) {
  const wrapper = document.createElement("div");
  wrapper.className = "eh-autocomplete";
  input.parentNode.insertBefore(wrapper, input);
  const hint = input.getAttribute("aria-describedby");
  const invalid = input.classList.contains("govuk-input--error");
  const spoken = words(input.form); // before the input leaves its form
  input.remove();
  window.accessibleAutocomplete({
    element: wrapper,
    id: input.id,
    name: input.name,
    defaultValue: input.value,
    inputClasses: invalid ? "govuk-input--error" : "",
    minLength: MIN_LENGTH,
    autoselect: false,
    confirmOnBlur: false, // what is typed is what is searched; a suggestion only when chosen
    showNoOptionsFound: false,
    displayMenu: "overlay",
    source: sourceFrom(input.dataset.suggestUrl),
    templates: suggestionTemplates,
    ...spoken,
  });
  const combobox = wrapper.querySelector("input");
  combobox.spellcheck = input.spellcheck;
  // The widget describes the input by its own instructions until typing starts; keep the field's hint too.
  if (hint) {
    const described = combobox.getAttribute("aria-describedby");
    combobox.setAttribute("aria-describedby", described ? `${hint} ${described}` : hint);
  }
}

for (const input of document.querySelectorAll("input[data-suggest-url]")) {
  enhance(input);
}
