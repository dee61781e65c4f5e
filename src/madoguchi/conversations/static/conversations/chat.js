// Progressive enhancement of the chat page: send without a reload, then refresh the thread.
// Without JavaScript the form posts and the page redirects back (the same result).
(function () {
  "use strict";
  var form = document.getElementById("chat-form");
  var thread = document.getElementById("chat-thread");
  if (!form || !thread || !window.fetch) { return; }

  function newId() {
    var bytes = new Uint8Array(12);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return b.toString(16).padStart(2, "0"); }).join("");
  }

  function refresh() {
    return fetch(thread.getAttribute("data-thread-url"), { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (html !== null) {
          thread.innerHTML = html;  // server-rendered and escaped by Django's templates
          var last = thread.querySelector("article:last-of-type");
          if (last) { last.scrollIntoView({ block: "end" }); }
        }
      });
  }

  form.addEventListener("submit", function (event) {
    var box = form.querySelector("textarea");
    if (!box || !box.value.trim()) { return; }
    event.preventDefault();
    var button = form.querySelector("button[type=submit]");
    if (button) { button.disabled = true; }
    box.readOnly = true;  // what is on its way cannot be edited (or lost) meanwhile
    fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" })
      .then(function (r) {
        box.readOnly = false;
        if (!r.ok) { form.submit(); return; }  // errors and limits: the full page explains
        box.value = "";
        var id = form.querySelector("input[name=client_id]");
        if (id) { id.value = newId(); }
        return refresh();
      })
      .finally(function () {
        box.readOnly = false;
        if (button) { button.disabled = false; }
        box.focus();
      });
  });
})();
