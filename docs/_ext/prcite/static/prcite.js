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
