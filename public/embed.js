/*! Laurel embed: <div data-laurel-credential="ID"></div> or <div data-laurel-issuer="ORG_ID"></div>,
    then <script async src="https://<laurel>/embed.js"></script>. No dependencies; sizes the frames to fit. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) {
    var scripts = document.getElementsByTagName("script");
    for (var s = 0; s < scripts.length; s++) if (/\/embed\.js(?:[?#]|$)/.test(scripts[s].src)) script = scripts[s];
  }
  if (!script || !script.src) return;
  var origin;
  try {
    origin = new URL(script.src, location.href).origin;
  } catch (e) {
    return;
  }

  var KINDS = [
    { attribute: "data-laurel-credential", path: "c", title: "Verified credential", width: 400, height: 260 },
    { attribute: "data-laurel-issuer", path: "o", title: "Recent badges", width: 960, height: 560 },
  ];
  var frames = [];

  function mount(element, kind) {
    var id = element.getAttribute(kind.attribute);
    if (!id || element.getAttribute("data-laurel-mounted")) return;
    element.setAttribute("data-laurel-mounted", "true");
    var frame = document.createElement("iframe");
    // #fit: the frame lays the card out at its natural height and reports it (see below).
    frame.src = origin + "/" + kind.path + "/" + encodeURIComponent(id) + "/embed#fit";
    frame.title = element.getAttribute("data-laurel-title") || kind.title;
    frame.setAttribute("loading", "lazy");
    frame.style.border = "0";
    frame.style.display = "block";
    frame.style.width = "100%";
    frame.style.maxWidth = kind.width + "px";
    frame.style.height = kind.height + "px";
    element.appendChild(frame);
    frames.push(frame);
  }

  function scan() {
    for (var k = 0; k < KINDS.length; k++) {
      var elements = document.querySelectorAll("[" + KINDS[k].attribute + "]");
      for (var i = 0; i < elements.length; i++) mount(elements[i], KINDS[k]);
    }
  }

  // Each frame reports its content height; only Laurel's own frames are listened to.
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (event.origin !== origin || !data || data.type !== "laurel:embed-height" || typeof data.height !== "number") return;
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) frames[i].style.height = Math.max(60, Math.min(5000, Math.ceil(data.height))) + "px";
    }
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan);
  else scan();
})();
