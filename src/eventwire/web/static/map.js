// eventwire map: Leaflet over the bundled Natural Earth countries (no tiles, nothing from
// elsewhere), one circle per place, clustered; a place's popup lists its latest events.
// Popups are built as DOM nodes with textContent: place and actor names are never markup.
"use strict";

function el(tag, text, attrs) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  return node;
}

function withQuery(path, query, extra) {
  const params = new URLSearchParams(query);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  return path + "?" + params.toString();
}

async function fillPopup(box, place, query) {
  const url = withQuery("/api/events", query, { place: place.name, limit: "10" });
  const response = await fetch(url);
  const list = box.querySelector("ul");
  list.textContent = "";
  if (!response.ok) { list.append(el("li", "Events could not be loaded (" + response.status + ")")); return; }
  const page = await response.json();
  for (const e of page.items) {
    const names = (side) => side.map((a) => a.name).join(", ") || "–";
    const item = el("li");
    const link = el("a", e.type + " " + names(e.source) + " → " + names(e.target),
                    { href: "/articles/" + encodeURIComponent(e.article_id) + "#" + encodeURIComponent(e.event_id) });
    item.append(link, el("span", " " + (e.day || ""), { class: "small" }));
    list.append(item);
  }
  if (page.total > page.items.length) {
    const more = el("li");
    more.append(el("a", "all " + page.total + " events →", { href: withQuery("/events", query, { place: place.name }) }));
    list.append(more);
  }
}

function popup(place, query) {
  const box = el("div", null, { class: "map-popup" });
  box.append(el("strong", place.name), el("span", " " + (place.country || "") + " · " + place.events + " events", { class: "small" }));
  box.append(el("ul", null));
  box.querySelector("ul").append(el("li", "loading…"));
  return box;
}

function setupMap() {
  const holder = document.getElementById("map");
  if (!holder || typeof L === "undefined") return;
  const places = JSON.parse(document.getElementById("map-data").textContent);
  const query = holder.dataset.query || "";
  const map = L.map(holder, { worldCopyJump: true, minZoom: 1, maxZoom: 12, attributionControl: true });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Natural Earth (public domain)");
  map.setView([25, 20], 2);
  fetch("/static/vendor/basemap/countries-110m.geojson")
    .then((r) => r.json())
    .then((shapes) => {
      L.geoJSON(shapes, { interactive: false, style: { color: "#adb5bd", weight: 0.7, fillColor: "#e9ecef", fillOpacity: 1 } })
        .addTo(map).bringToBack();
      holder.dataset.basemap = "1";
    });
  const top = Math.max(1, ...places.map((p) => p.events));
  const cluster = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40, animate: false });
  const bounds = [];
  for (const place of places) {
    if (place.lat === null || place.lon === null) continue;
    const size = Math.round(12 + 20 * Math.sqrt(place.events / top));
    const icon = L.divIcon({ className: "place-marker", iconSize: [size, size], html: "" });
    const marker = L.marker([place.lat, place.lon], { icon, title: place.name + " (" + place.events + " events)", alt: place.name });
    const box = popup(place, query);
    marker.bindPopup(box, { maxWidth: 320 });
    marker.on("popupopen", () => fillPopup(box, place, query));
    cluster.addLayer(marker);
    bounds.push([place.lat, place.lon]);
  }
  map.addLayer(cluster);
  if (bounds.length) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 6, animate: false });
  holder.dataset.places = String(bounds.length);
  window.eventwireMap = map;  // for tests and the console
}

document.addEventListener("DOMContentLoaded", setupMap);
