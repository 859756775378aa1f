// The preview's live reload (`kompetensi serve`, `mkdocs serve`): MkDocs' own poller, as a file.
// MkDocs writes it inline into every page it serves, which the page's Content-Security-Policy
// (the same as the published site's) rightly blocks; the plugin has the server write this
// script tag instead, with the server's epoch and the page's request id as data attributes.
(function () {
  "use strict";
  var script = document.currentScript;
  var epoch = parseFloat(script.dataset.epoch);
  var requestId = script.dataset.requestId;
  var request, timeout;

  function poll() {
    request = new XMLHttpRequest();
    request.onloadend = function () {
      if (parseFloat(this.responseText) > epoch) {
        location.reload();
      } else {
        timeout = setTimeout(poll, this.status === 200 ? 0 : 3000);
      }
    };
    request.open("GET", "/livereload/" + epoch + "/" + requestId);
    request.send();
  }

  function stop() {
    if (request) {
      request.abort();
    }
    if (timeout) {
      clearTimeout(timeout);
    }
    request = timeout = undefined;
  }

  window.addEventListener("load", function () {
    if (document.visibilityState === "visible") {
      poll();
    }
  });
  window.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") {
      poll();
    } else {
      stop();
    }
  });
  window.addEventListener("beforeunload", stop);
  console.log("Enabled live reload");
})();
