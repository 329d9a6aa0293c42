// With JavaScript, a "Print this page" button; without it, the page says how to print.
const button = document.querySelector("[data-eh-print]");
if (button) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
