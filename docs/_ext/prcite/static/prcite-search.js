// From file://, answer the search page's fetches of result pages from PRCITE_PAGES
// (written with the site), so results show a snippet offline too. Over HTTP: no change.
(function () {
  if (location.protocol !== "file:" || !window.PRCITE_PAGES || !window.fetch) return;
  var root = new URL(document.documentElement.dataset.content_root || "./", location.href).href;
  var realFetch = window.fetch.bind(window);
  window.fetch = function (input, init) {
    var url = new URL(typeof input === "string" ? input : input.url, location.href).href.split("#")[0];
    if (url.indexOf(root) === 0 && /\.html$/.test(url)) {
      var docname = decodeURIComponent(url.slice(root.length, -5));
      if (Object.prototype.hasOwnProperty.call(window.PRCITE_PAGES, docname)) {
        return Promise.resolve(new Response(window.PRCITE_PAGES[docname], { headers: { "Content-Type": "text/html" } }));
      }
    }
    return realFetch(input, init);
  };
})();
