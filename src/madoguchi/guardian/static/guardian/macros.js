// Insert a macro into the reply box without a round trip (the button works without JS too:
// it posts the form, and the page comes back with the macro in the box).
(function () {
  "use strict";
  var data = document.getElementById("macro-bodies");
  var button = document.querySelector(".macro-insert-button");
  var select = document.getElementById("id_macro");
  var box = document.getElementById("id_body");
  if (!data || !button || !select || !box) return;
  var bodies = JSON.parse(data.textContent);
  button.addEventListener("click", function (event) {
    var body = bodies[select.value];
    if (!body) return; // nothing chosen: let the server say so
    event.preventDefault();
    var start = box.selectionStart, end = box.selectionEnd, text = box.value;
    var atEnd = typeof start !== "number" || start >= text.replace(/\s+$/, "").length;
    if (atEnd) {
      // after the draft, as the no-JS button does: a blank line between
      box.value = text.trim() ? text.replace(/\s+$/, "") + "\n\n" + body : body;
    } else {
      box.value = text.slice(0, start) + body + text.slice(end);
    }
    box.focus();
    box.dispatchEvent(new Event("input", { bubbles: true }));
  });
})();
