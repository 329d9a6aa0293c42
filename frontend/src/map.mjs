// Draws a service's locations on an OpenStreetMap map. Without JavaScript the container stays hidden and the
// addresses and "Get directions" links above it carry the same information.
const TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
const ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';

function drawMap(container, L) {
  let points;
  try {
    points = JSON.parse(container.dataset.locations || "[]");
  } catch {
    return;
  }
  points = points.filter((point) => Number.isFinite(point.lat) && Number.isFinite(point.lon));
  if (!points.length) {
    return;
  }
  container.hidden = false;
  const map = L.map(container, {
    // The page scrolls past the map: only zoom on purpose (buttons, keyboard, pinch).
    scrollWheelZoom: false,
    dragging: !L.Browser.mobile,
  });
  L.tileLayer(TILES, {
    maxZoom: 19,
    attribution: ATTRIBUTION,
    // The site's own policy sends no Referer; OpenStreetMap's tile policy asks for one, so send the origin only.
    referrerPolicy: "strict-origin-when-cross-origin",
  }).addTo(map);
  const markers = points.map((point) => {
    const marker = L.marker([point.lat, point.lon], { title: point.name, alt: point.name });
    // A text node, never HTML: place names are typed by editors.
    const label = document.createElement("span");
    label.textContent = point.name;
    return marker.bindPopup(label).addTo(map);
  });
  if (markers.length === 1) {
    map.setView([points[0].lat, points[0].lon], 15);
  } else {
    map.fitBounds(L.featureGroup(markers).getBounds(), { padding: [30, 30], maxZoom: 15 });
  }
}

function start() {
  const container = document.querySelector('[data-module="eh-map"]');
  if (container && window.L) {
    drawMap(container, window.L);
  }
}

// leaflet.js is a deferred classic script before this module, so it has normally run already.
if (window.L) {
  start();
} else {
  window.addEventListener("load", start, { once: true });
}
