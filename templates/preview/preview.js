// pressgen preview: reload when the server says the meeting file changed.
// The server sends the number of its latest build as a server-sent event; this
// page shows the build named in <body data-version>; any other number means reload.
"use strict";
(() => {
  const shown = document.body.dataset.version;
  const frame = document.getElementById("release");
  const key = "pressgen-preview-scroll";
  if (frame) {
    // Keep the reader's place in the release across reloads.
    frame.addEventListener("load", () => {
      const y = Number(sessionStorage.getItem(key) || 0);
      if (frame.contentWindow) frame.contentWindow.scrollTo(0, y);
    });
  }
  const events = new EventSource("/events");
  events.onmessage = (event) => {
    if (event.data === shown) return;
    if (frame && frame.contentWindow) {
      sessionStorage.setItem(key, String(frame.contentWindow.scrollY));
    }
    events.close();
    location.reload();
  };
})();
