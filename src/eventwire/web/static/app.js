// eventwire UI: small, dependency-free behaviour for server-rendered pages.
// Never inserts markup: only toggles classes and reads data attributes.
"use strict";

function setupLayers() {
  const box = document.getElementById("layers");
  if (!box) return;
  box.addEventListener("change", (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.dataset.layer) return;
    document.body.classList.toggle("hide-" + input.dataset.layer, !input.checked);
  });
}

function setupEvents() {
  // Selecting an event in the side panel marks its evidence in the text and scrolls to it.
  const items = document.querySelectorAll("li.event[data-ev]");
  const select = (item) => {
    const id = item.dataset.ev;
    for (const other of items) other.classList.toggle("selected", other === item);
    let first = null;
    for (const seg of document.querySelectorAll("#text .seg")) {
      const on = (seg.dataset.ev || "").split(" ").includes(id);
      seg.classList.toggle("focus", on);
      if (on && !first) first = seg;
    }
    if (first) first.scrollIntoView({ block: "center", behavior: "smooth" });
  };
  for (const item of items) {
    item.addEventListener("click", (e) => {
      if (e.target instanceof HTMLAnchorElement) return;
      select(item);
    });
    item.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); select(item); }
    });
  }
  // A link to /articles/ID#event-V3 (from the events grid, an alert or a report) opens the
  // reader with that event selected: its panel entry and its evidence in the text in view.
  const fromHash = () => {
    const match = /^#event-(.+)$/.exec(window.location.hash);
    if (!match) return;
    const id = decodeURIComponent(match[1]);
    for (const item of items) {
      if (item.dataset.ev !== id) continue;
      select(item);
      item.scrollIntoView({ block: "nearest" });
      item.focus({ preventScroll: true });
    }
  };
  fromHash();
  window.addEventListener("hashchange", fromHash);
  // Hovering an actor's mention marks all its other mentions.
  const text = document.getElementById("text");
  if (!text) return;
  text.addEventListener("mouseover", (e) => {
    const seg = e.target instanceof Element ? e.target.closest(".seg") : null;
    const ids = seg ? (seg.dataset.actor || "").split(" ").filter(Boolean) : [];
    for (const other of text.querySelectorAll(".seg.hl-actor")) {
      const mine = (other.dataset.actor || "").split(" ");
      other.classList.toggle("same-actor", ids.some((id) => mine.includes(id)));
    }
  });
}

document.addEventListener("DOMContentLoaded", () => {
  setupLayers();
  setupEvents();
  document.documentElement.dataset.ready = "1";
});
