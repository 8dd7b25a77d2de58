// adr serve: reloads this page when the site has been rebuilt. Only `adr serve` adds this
// script to the pages it serves; the pages `adr render` writes never load it.
"use strict";
(() => {
  const script = document.currentScript;
  const since = script ? new URL(script.src).searchParams.get("since") : null;
  const query = since === null ? "" : "?since=" + encodeURIComponent(since);
  const events = new EventSource("/__adr/reload" + query);
  events.addEventListener("reload", () => {
    events.close();
    location.reload();
  });
})();
