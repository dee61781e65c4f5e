// The live chat panel on a ticket page: the customer's turns as they come, join / leave, typing.
// Protocol: docs/chat.md (the agent's socket). Replies are posted on the ticket by the server.
(function () {
  "use strict";
  var panel = document.getElementById("live-chat");
  if (!panel || !window.WebSocket) { return; }
  var turns = panel.querySelector(".live-chat-turns");
  var presence = panel.querySelector(".live-chat-presence");
  var typing = panel.querySelector(".live-chat-typing");
  var mode = panel.querySelector(".live-chat-mode");
  var form = panel.querySelector(".live-chat-form");
  var box = panel.querySelector("textarea");
  var joinButton = panel.querySelector(".live-chat-join");
  var leaveButton = panel.querySelector(".live-chat-leave");
  var t = function (key) { return panel.getAttribute("data-t-" + key) || ""; };
  var socket = null;
  var lastSeq = 0;
  var unacked = [];
  var typingSent = 0;
  var retry = 500;

  function newId() {
    var bytes = new Uint8Array(12);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return b.toString(16).padStart(2, "0"); }).join("");
  }
  function send(frame) {
    if (socket && socket.readyState === 1) { socket.send(JSON.stringify(frame)); return true; }
    return false;
  }
  function showTurn(turn) {
    if (turn.seq <= lastSeq) { return; }
    lastSeq = turn.seq;
    var li = document.createElement("li");
    li.className = "live-turn live-turn-" + turn.role;
    li.setAttribute("data-seq", String(turn.seq));
    var who = document.createElement("strong");
    who.textContent = turn.author;
    var text = document.createElement("div");
    text.className = "live-turn-text";
    if (typeof turn.body_html === "string") {
      // a customer's turn: the server escaped every character and defanged and flagged each
      // link that is not official (officials' checked_body); it never holds an <a>
      text.className += " live-turn-checked";  // its line breaks are <br>
      text.innerHTML = turn.body_html;
    } else {
      text.textContent = turn.text;  // plain text: nothing typed becomes markup
    }
    li.appendChild(who);
    li.appendChild(text);
    turns.appendChild(li);
    turns.scrollTop = turns.scrollHeight;
  }
  function showState(state) {
    var joined = !!state.agent;
    panel.setAttribute("data-joined", joined ? "1" : "0");
    mode.textContent = joined ? t("joined") : t("assistant");
    // (style, not the hidden attribute: the workspace's button rule would override it)
    joinButton.style.display = joined ? "none" : "";
    leaveButton.style.display = joined ? "" : "none";
  }
  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + window.location.host + panel.getAttribute("data-ws-path"));
    socket.onopen = function () {
      retry = 500;
      send({ type: "resume", after: lastSeq });
      unacked.forEach(function (m) { send(m); });
    };
    socket.onmessage = function (event) {
      var frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      if (frame.type === "turn") { showTurn(frame); }
      else if (frame.type === "state") { showState(frame); }
      else if (frame.type === "ack") { unacked = unacked.filter(function (m) { return m.id !== frame.id; }); }
      else if (frame.type === "presence" && frame.role === "customer") {
        presence.textContent = frame.online ? t("online") : t("offline");
        panel.setAttribute("data-customer-online", frame.online ? "1" : "0");
        if (!frame.online) { typing.hidden = true; }
      } else if (frame.type === "typing" && frame.role === "customer") {
        typing.textContent = t("typing");
        typing.hidden = !frame.typing;
      } else if (frame.type === "error") { mode.textContent = frame.error; }
    };
    socket.onclose = function (event) {
      presence.textContent = t("connecting");
      if (event.code === 4403) { return; }
      window.setTimeout(connect, retry);
      retry = Math.min(retry * 2, 10000);
    };
  }
  presence.textContent = t("offline");
  joinButton.addEventListener("click", function () { send({ type: "join" }); });
  leaveButton.addEventListener("click", function () { send({ type: "leave" }); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!box.value.trim()) { return; }
    var frame = { type: "message", id: newId(), text: box.value };
    unacked.push(frame);
    send(frame);
    box.value = "";
    send({ type: "typing", on: false });
    typingSent = 0;
  });
  box.addEventListener("input", function () {
    var now = Date.now();
    if (now - typingSent > 3000 && send({ type: "typing", on: true })) { typingSent = now; }
  });
  showState({ agent: panel.getAttribute("data-joined") === "1" ? "you" : null });
  connect();
})();
