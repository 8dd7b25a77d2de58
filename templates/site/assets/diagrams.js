// adr site: draws the ```mermaid blocks of a record page as SVG with the vendored,
// same-origin mermaid (no network). Only pages with a diagram load this script. The block's
// text stays readable when scripts are off or a diagram does not parse.
(function () {
  "use strict";
  var blocks = document.querySelectorAll("pre > code.language-mermaid");
  if (!blocks.length || typeof mermaid === "undefined") return;
  var dark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
  mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: dark ? "dark" : "default" });
  Array.prototype.forEach.call(blocks, function (code, number) {
    var pre = code.parentNode;
    var source = code.textContent;
    var id = "adr-diagram-" + number;
    mermaid.render(id, source).then(function (result) {
      var figure = document.createElement("figure");
      figure.className = "diagram";
      figure.innerHTML = result.svg;
      pre.replaceWith(figure);
    }).catch(function () {
      pre.classList.add("diagram-error");
      var stray = document.getElementById("d" + id);
      if (stray) stray.remove();
    });
  });
})();
