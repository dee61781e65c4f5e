// The embeddable chat widget: one tag on the operator's site,
//   <script src="https://desk.example/static/conversations/widget.js" data-madoguchi="https://desk.example" async></script>
// adds a chat bubble that opens the desk's /chat/widget/ page in an iframe. Everything the
// customer types stays inside that frame (the desk's origin, its WebSocket, its storage): the
// operator's page never sees it. The desk must list the site in MADOGUCHI_WIDGET_ORIGINS
// (CSP frame-ancestors), or the browser refuses to show the frame.
(function () {
  "use strict";
  var tag = document.currentScript || document.querySelector("script[data-madoguchi]");
  if (!tag || window.__madoguchiWidget) { return; }
  window.__madoguchiWidget = true;
  var origin = (tag.getAttribute("data-madoguchi") || "").replace(/\/+$/, "");
  if (!/^https?:\/\/[^/]+$/.test(origin)) { return; }  // an origin, nothing else
  var lang = (tag.getAttribute("data-lang") || document.documentElement.lang || navigator.language || "ja").slice(0, 2);
  lang = lang === "en" ? "en" : "ja";
  var label = lang === "en" ? "Chat with support" : "サポートにチャットで問い合わせ";
  var close = lang === "en" ? "Close the chat" : "チャットを閉じる";

  var bubble = document.createElement("button");
  bubble.type = "button";
  bubble.setAttribute("aria-label", label);
  bubble.setAttribute("aria-expanded", "false");
  bubble.setAttribute("data-madoguchi-bubble", "");
  bubble.textContent = "💬";
  bubble.style.cssText = "position:fixed;right:20px;bottom:20px;z-index:2147483000;width:56px;height:56px;" +
    "border-radius:50%;border:0;background:#1f4e8c;color:#fff;font-size:26px;cursor:pointer;" +
    "box-shadow:0 2px 8px rgba(0,0,0,.3)";
  var frame = null;

  function toggle() {
    if (!frame) {
      frame = document.createElement("iframe");
      frame.src = origin + "/chat/widget/?lang=" + lang;
      frame.title = label;
      frame.setAttribute("data-madoguchi-frame", "");
      frame.style.cssText = "position:fixed;right:20px;bottom:88px;z-index:2147483000;width:min(380px,calc(100vw - 40px));" +
        "height:min(600px,calc(100vh - 120px));border:1px solid #ccd;border-radius:12px;background:#fff;" +
        "box-shadow:0 4px 16px rgba(0,0,0,.25)";
      document.body.appendChild(frame);
    } else {
      frame.hidden = !frame.hidden;
    }
    var open = !frame.hidden;
    bubble.setAttribute("aria-expanded", open ? "true" : "false");
    bubble.setAttribute("aria-label", open ? close : label);
  }
  bubble.addEventListener("click", toggle);
  function mount() { document.body.appendChild(bubble); }
  if (document.body) { mount(); } else { document.addEventListener("DOMContentLoaded", mount); }
})();
