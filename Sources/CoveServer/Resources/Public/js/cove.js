// Quick exit: leave at once and replace this page in the history, so Back does not return here.
// Without JavaScript the link still leaves; only the history entry stays.
(function () {
  "use strict";
  function leave(event) {
    var link = document.getElementById("quick-exit");
    if (!link) { return; }
    if (event) { event.preventDefault(); }
    document.body.textContent = "";
    document.title = "";
    window.location.replace(link.href);
  }
  document.addEventListener("DOMContentLoaded", function () {
    var link = document.getElementById("quick-exit");
    if (link) { link.addEventListener("click", leave); }
  });
})();
