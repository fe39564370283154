// prcite: highlight every run of the quoted words named in the address, even
// where quotes overlap, and open a content note that hides them.
(function () {
  function highlight() {
    document.querySelectorAll(".quoted.hl").forEach(function (el) { el.classList.remove("hl"); });
    var id = decodeURIComponent(location.hash.slice(1));
    if (!/^q-\d+-\d+$/.test(id)) return;
    var runs = document.querySelectorAll(".quoted." + id);
    runs.forEach(function (el) { el.classList.add("hl"); });
    if (runs.length) {
      var note = runs[0].closest("details");
      if (note) note.open = true;
      runs[0].scrollIntoView({ block: "center" });
    }
  }
  window.addEventListener("hashchange", highlight);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", highlight);
  else highlight();
})();

// Keep a citation's tooltip inside the reading column: centred on its marker, shifted
// sideways near the column's edges, and below the marker when there is no room above.
(function () {
  function place(cite) {
    var tip = cite.querySelector(".cite-tip");
    if (!tip) return;
    tip.style.transform = ""; tip.style.top = ""; tip.style.bottom = "";
    var r = tip.getBoundingClientRect();
    if (!r.width) return;
    var column = (cite.closest("article") || document.body).getBoundingClientRect();
    var left = Math.max(column.left, 8), right = Math.min(column.right, document.documentElement.clientWidth - 8);
    var shift = r.left < left ? left - r.left : r.right > right ? right - r.right : 0;
    if (shift) tip.style.transform = "translateX(calc(-50% + " + Math.round(shift) + "px))";
    if (r.top < 8) { tip.style.bottom = "auto"; tip.style.top = "1.6em"; }
  }
  function onEnter(event) {
    var cite = event.target.closest && event.target.closest(".cite");
    if (cite) place(cite);
  }
  document.addEventListener("mouseover", onEnter);
  document.addEventListener("focusin", onEnter);
})();

// “Copy citation” / “Copy BibTeX”: format the citation of a source paragraph from the
// page's source metadata (#prcite-sources) and put it on the clipboard.
(function () {
  function sources() {
    var el = document.getElementById("prcite-sources");
    return el ? JSON.parse(el.textContent) : {};
  }
  function bib(value) { return String(value).replace(/([{}&%$#_])/g, "\\$1"); }
  function format(kind, id, n, lead) {
    var s = sources()[id];
    if (!s) return null;
    var url = s.url + "#p-" + n;
    if (kind === "bibtex") {
      var year = /^\d{4}/.test(s.date) ? s.date.slice(0, 4) : "";
      return "@misc{" + id + "-p" + n + ",\n  author = {" + bib(s.author) + "},\n  title = {" + bib(s.title) +
        "},\n  howpublished = {" + bib(s.outlet) + "},\n  year = {" + year + "},\n  note = {Paragraph " + n +
        (lead ? "; the words of " + bib(lead) : "") + "},\n  url = {" + url + "}\n}";
    }
    return (lead || s.author) + ", “" + s.title + "”, " + s.outlet + ", " + s.date + ", paragraph " + n + ". " + url;
  }
  function fallback(text) {
    var area = document.createElement("textarea");
    area.value = text; area.setAttribute("readonly", ""); area.style.position = "fixed"; area.style.opacity = "0";
    document.body.appendChild(area); area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    area.remove();
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.copy-cite");
    if (!button) return;
    event.preventDefault();
    var text = format(button.dataset.format, button.dataset.source, button.dataset.paragraph, button.dataset.lead);
    var status = button.parentNode.querySelector(".copy-status");
    if (!text) { if (status) status.textContent = "No citation data on this page."; return; }
    var copy = navigator.clipboard && window.isSecureContext ? navigator.clipboard.writeText(text) : fallback(text);
    copy.catch(function () { return fallback(text); }).then(
      function () { if (status) status.textContent = "Copied."; },
      function () { if (status) status.textContent = "Copy failed: select the text instead."; }
    );
  });
})();
