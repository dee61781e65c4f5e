// The chat client of the portal's /chat/ page and of the embeddable widget (/chat/widget/).
//
// Live over a WebSocket (protocol: docs/chat.md): every message gets a client id and stays in
// local storage until the server acknowledges it (after it committed); on every (re)connect the
// client asks for the turns after the last one it has ("resume") and sends again what was not
// acknowledged (the server stores a resent id once). Without WebSocket, or when the socket cannot
// be opened, the portal falls back to the plain form (fetch, then the server-rendered thread);
// without JavaScript the form posts and the page redirects back.
(function () {
  "use strict";
  var app = document.getElementById("chat-app");
  var form = document.getElementById("chat-form");
  var thread = document.getElementById("chat-thread");
  if (!app || !form || !thread || !window.fetch) { return; }
  var mode = app.getAttribute("data-mode");
  var status = document.getElementById("chat-status");
  var typingLine = document.getElementById("chat-typing");
  var controls = document.getElementById("chat-controls");
  var box = form.querySelector("textarea");
  var t = function (key) { return app.getAttribute("data-t-" + key) || ""; };

  var conversation = app.getAttribute("data-conversation") || "";
  var token = "";
  var lastSeq = parseInt(app.getAttribute("data-last-seq") || "0", 10) || 0;
  var socket = null;
  var opened = false;        // this page has had an open socket at least once
  var failures = 0;          // connection attempts in a row that never opened
  var retryDelay = 500;
  var fallback = !window.WebSocket;
  var typingSent = 0;
  var typingTimer = null;

  function newId() {
    var bytes = new Uint8Array(12);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return b.toString(16).padStart(2, "0"); }).join("");
  }

  // --- storage: the widget's conversation and every message not yet acknowledged ------------
  function store() { try { return window.localStorage; } catch (e) { return null; } }
  var WIDGET_KEY = "madoguchi.widget";
  function pendingKey() { return "madoguchi.pending." + conversation; }
  function pending() {
    var s = store();
    if (!s || !conversation) { return []; }
    try { return JSON.parse(s.getItem(pendingKey()) || "[]"); } catch (e) { return []; }
  }
  function savePending(list) {
    var s = store();
    if (s && conversation) { s.setItem(pendingKey(), JSON.stringify(list)); }
  }
  if (mode === "widget") {
    var saved = store() && store().getItem(WIDGET_KEY);
    if (saved) {
      try { saved = JSON.parse(saved); conversation = saved.id || ""; token = saved.token || ""; } catch (e) { conversation = ""; }
    }
  }

  // --- the thread ------------------------------------------------------------------------------
  function section() { return thread.querySelector("section.chat-thread") || thread; }
  function scrollEnd() {
    var last = section().querySelector("article:last-of-type");
    if (last && last.scrollIntoView) { last.scrollIntoView({ block: "end" }); }
  }
  function showTurn(turn) {
    if (turn.seq <= lastSeq || section().querySelector('[data-seq="' + turn.seq + '"]')) { return; }
    var holder = document.createElement("div");
    holder.innerHTML = turn.html;  // rendered and escaped by the server's template
    var article = holder.firstElementChild;
    if (!article) { return; }
    article.setAttribute("data-seq", String(turn.seq));
    article.setAttribute("data-role", turn.role);
    var before = section().querySelector(".chat-helped, .chat-reference, .chat-pending");
    section().insertBefore(article, before);
    lastSeq = turn.seq;
    scrollEnd();
  }
  function showPending(item) {
    if (section().querySelector('[data-pending="' + item.id + '"]')) { return; }
    var article = document.createElement("article");
    article.className = "message message-customer message-mine chat-pending";
    article.setAttribute("data-pending", item.id);
    var header = document.createElement("header");
    header.textContent = t("sending");
    var body = document.createElement("div");
    body.className = "message-body";
    body.textContent = item.text;
    article.appendChild(header);
    article.appendChild(body);
    section().appendChild(article);
    scrollEnd();
  }
  function dropPending(id) {
    savePending(pending().filter(function (p) { return p.id !== id; }));
    var el = section().querySelector('[data-pending="' + id + '"]');
    if (el) { el.parentNode.removeChild(el); }
  }
  function button(label, onClick, secondary) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    if (secondary) { b.className = "secondary"; }
    b.addEventListener("click", onClick);
    return b;
  }
  function showState(state) {
    if (status) {
      status.textContent = state.agent ? t("agent").replace("{name}", state.agent) : t("assistant");
      status.setAttribute("data-agent", state.agent || "");
    }
    if (!controls) { return; }
    // the live controls replace the page's plain-HTTP "talk to a person" form
    Array.prototype.forEach.call(document.querySelectorAll('form[action$="/person/"]'), function (f) {
      f.style.display = "none";
    });
    controls.innerHTML = "";
    var old = section().querySelector("form.chat-helped");
    if (old) { old.parentNode.removeChild(old); }
    if (state.ask_helped) {
      var p = document.createElement("p");
      p.textContent = t("helped");
      controls.appendChild(p);
      controls.appendChild(button(t("yes"), function () { send({ type: "helped", yes: true }); }));
      controls.appendChild(button(t("no"), function () { send({ type: "helped", yes: false }); }, true));
    }
    if (!state.agent && !state.reference) {
      controls.appendChild(button(t("person"), function () { send({ type: "person" }); }, true));
    }
    if (state.reference) {
      var ref = document.createElement("p");
      ref.className = "chat-reference-live";
      ref.textContent = t("reference") + " " + state.reference;
      controls.appendChild(ref);
    }
  }

  // --- the socket ------------------------------------------------------------------------------
  function send(frame) {
    if (socket && socket.readyState === 1) { socket.send(JSON.stringify(frame)); return true; }
    return false;
  }
  function wsUrl() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var url = scheme + window.location.host + app.getAttribute("data-ws-base") + conversation + "/";
    return token ? url + "?token=" + encodeURIComponent(token) : url;
  }
  function connect() {
    if (!conversation || fallback) { return; }
    socket = new WebSocket(wsUrl());
    var thisSocket = socket;
    socket.onopen = function () {
      opened = true;
      failures = 0;
      retryDelay = 500;
      if (status && status.getAttribute("data-offline")) { status.removeAttribute("data-offline"); }
      send({ type: "resume", after: lastSeq });
      pending().forEach(function (item) {
        showPending(item);
        send({ type: "message", id: item.id, text: item.text });
      });
    };
    socket.onmessage = function (event) {
      var frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      if (frame.type === "turn") { showTurn(frame); }
      else if (frame.type === "ack") { dropPending(frame.id); }
      else if (frame.type === "state") { showState(frame); }
      else if (frame.type === "typing" && typingLine) {
        typingLine.textContent = t("typing");
        typingLine.hidden = !frame.typing;
      } else if (frame.type === "presence" && typingLine && !frame.online) {
        typingLine.hidden = true;
      } else if (frame.type === "error") {
        if (frame.id) { dropPending(frame.id); }
        if (status) { status.textContent = frame.error; }
      }
    };
    socket.onclose = function (event) {
      if (socket !== thisSocket) { return; }
      socket = null;
      if (event.code === 4403 && mode === "widget") {
        // the token expired or the conversation was closed: begin a new one on the next send
        if (store()) { store().removeItem(WIDGET_KEY); }
        conversation = ""; token = ""; lastSeq = 0;
        return;
      }
      if (!opened) { failures += 1; }
      if (!opened && failures >= 2 && mode === "portal") { goFallback(); return; }
      if (status) { status.textContent = t("offline"); status.setAttribute("data-offline", "1"); }
      window.setTimeout(connect, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 10000);
    };
  }
  function start() {
    // the conversation is begun by the server (portal: bound to the session; widget: a token)
    var body = new FormData();
    if (mode === "portal") {
      var csrf = form.querySelector("input[name=csrfmiddlewaretoken]");
      if (csrf) { body.append("csrfmiddlewaretoken", csrf.value); }
    } else {
      body.append("lang", app.getAttribute("data-language") || "ja");
    }
    return fetch(app.getAttribute("data-start-url"), { method: "POST", body: body, credentials: "same-origin" })
      .then(function (r) { if (!r.ok) { throw new Error("start " + r.status); } return r.json(); })
      .then(function (data) {
        // the placeholder greeting goes: the conversation's own greeting comes as its first turn
        Array.prototype.forEach.call(section().querySelectorAll("article.message:not([data-pending])"), function (a) {
          a.parentNode.removeChild(a);
        });
        lastSeq = 0;
        conversation = data.id;
        token = mode === "widget" ? data.token : "";
        if (mode === "widget" && store()) { store().setItem(WIDGET_KEY, JSON.stringify({ id: data.id, token: data.token })); }
        connect();
      });
  }

  // --- plain HTTP (the fallback) ---------------------------------------------------------------
  function refresh() {
    return fetch(thread.getAttribute("data-thread-url"), { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (html !== null) { thread.innerHTML = html; scrollEnd(); }
      });
  }
  function postForm() {
    var button = form.querySelector("button[type=submit]");
    if (button) { button.disabled = true; }
    box.readOnly = true;  // what is on its way cannot be edited (or lost) meanwhile
    return fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" })
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
  }

  // No WebSocket on this server (or in this network): what waits to be sent goes over plain
  // HTTP, with the same client ids, so nothing typed is lost and nothing is stored twice.
  function goFallback() {
    fallback = true;
    var items = pending();
    savePending([]);
    var chain = Promise.resolve();
    items.forEach(function (item) {
      chain = chain.then(function () {
        var data = new FormData(form);
        data.set(box.name, item.text);
        data.set("client_id", item.id);
        return fetch(form.action, { method: "POST", body: data, credentials: "same-origin" });
      });
    });
    return chain.then(refresh);
  }

  // --- sending -----------------------------------------------------------------------------------
  form.addEventListener("submit", function (event) {
    if (!box || !box.value.trim()) { if (mode === "widget") { event.preventDefault(); } return; }
    event.preventDefault();
    if (fallback && mode === "portal") { postForm(); return; }
    var item = { id: newId(), text: box.value };
    box.value = "";
    var go = function () {
      savePending(pending().concat([item]));
      showPending(item);
      send({ type: "message", id: item.id, text: item.text });  // else sent when the socket opens
    };
    if (!conversation) {
      start().then(go, function () {
        if (mode === "portal") { fallback = true; box.value = item.text; postForm(); }
        else { box.value = item.text; if (status) { status.textContent = t("offline"); } }
      });
    } else { go(); }
    box.focus();
  });
  if (box) {
    box.addEventListener("input", function () {
      var now = Date.now();
      if (now - typingSent > 3000 && send({ type: "typing", on: true })) { typingSent = now; }
      window.clearTimeout(typingTimer);
      typingTimer = window.setTimeout(function () { send({ type: "typing", on: false }); typingSent = 0; }, 4000);
    });
  }
  // the server-rendered turns already on the page (portal): the resume starts after them
  if (mode === "portal") {
    var articles = section().querySelectorAll("article.message");
    Array.prototype.forEach.call(articles, function (a, i) { if (i === articles.length - 1) { a.setAttribute("data-seq", String(lastSeq)); } });
  }
  if (conversation) { connect(); }
})();
