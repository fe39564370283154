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

// “Copy citation” / “Copy BibTeX”: put the ready citation on the clipboard.
(function () {
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
    var text = button.getAttribute("data-copy");
    var status = button.parentNode.querySelector(".copy-status");
    var copy = navigator.clipboard && window.isSecureContext ? navigator.clipboard.writeText(text) : fallback(text);
    copy.catch(function () { return fallback(text); }).then(
      function () { if (status) status.textContent = "Copied."; },
      function () { if (status) status.textContent = "Copy failed: select the text instead."; }
    );
  });
})();
