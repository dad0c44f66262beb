// The child's web chat. No cookie: the chat's secret stays in sessionStorage (this tab only), so a
// reload reconnects and closing the tab forgets it. Every word shown comes from data-* attributes.
(function () {
  "use strict";
  var w, st, ws, key, log, welcomed = false, tries = 0, timer = null;

  function $(id) { return document.getElementById(id); }
  function fill(text, values) { return text.replace(/\{(\w+)\}/g, function (all, n) { return values[n] === undefined ? all : values[n]; }); }
  function save() {
    try { if (st && !st.ended) { sessionStorage.setItem(key, JSON.stringify(st)); } else { sessionStorage.removeItem(key); } } catch (e) { /* storage off */ }
  }
  function say(text) { var s = $("chat-status"); if (s.textContent !== text) { s.textContent = text; } }
  function hide(id, on) { var el = $(id); if (el) { el.hidden = on; } }

  // Messages: each stored one shown once, by number; the child's own replace their pending copy.
  function item(from, text) {
    var li = document.createElement("li"), who = document.createElement("span"), body = document.createElement("span");
    li.className = "msg " + (from === "child" ? "mine" : from);
    who.className = "who";
    who.textContent = from === "child" ? w.you : from === "counsellor" ? w.counsellor : w.system;
    body.className = "text";
    body.dir = "auto";
    body.textContent = text;
    li.appendChild(who);
    li.appendChild(body);
    return li;
  }
  function mark(li, note, failed) {
    var meta = li.querySelector(".meta");
    li.className = li.className.replace(/ failed/g, "") + (failed ? " failed" : "");
    if (!note) { if (meta) { li.removeChild(meta); } return; }
    if (!meta) { meta = document.createElement("span"); meta.className = "meta"; li.appendChild(meta); }
    meta.textContent = note;
  }
  function pend(entry) {
    var li = item("child", entry.text);
    li.className += " pending";
    li.setAttribute("data-client", entry.id);
    mark(li, w.sending);
    log.appendChild(li);
    log.parentNode.scrollTop = log.parentNode.scrollHeight;
  }
  function pending(id) {
    var items = log.querySelectorAll("li.pending"), i;
    for (i = 0; i < items.length; i++) { if (items[i].getAttribute("data-client") === id) { return items[i]; } }
    return null;
  }
  function message(m) {
    if (m.seq <= st.lastSeq) { return; }
    st.lastSeq = m.seq;
    var li = m.from === "child" ? pending(m.clientId) : null, first;
    if (li) { li.className = "msg mine"; mark(li); } else { li = item(m.from, m.text); }
    li.setAttribute("data-seq", m.seq);
    first = log.querySelector("li.pending");
    if (li.parentNode !== log || li.nextSibling !== first) { log.insertBefore(li, first); }
    log.parentNode.scrollTop = log.parentNode.scrollHeight;
    save();
  }
  function drop(id) {
    for (var i = 0; i < st.outbox.length; i++) { if (st.outbox[i].id === id) { st.outbox.splice(i, 1); save(); return; } }
  }
  function send(entry) {
    if (ws && ws.readyState === 1 && welcomed) { ws.send(JSON.stringify({ type: "send", clientId: entry.id, text: entry.text })); }
  }

  function state(s) {
    if (s === "waiting") { say(w.waiting); }
    if (s === "active") { say(w.joined); }
    if (s === "ended") { ended(w.ended); }
  }
  function ended(text) {
    say(text);
    $("chat-text").disabled = $("chat-send").disabled = $("chat-end").disabled = true;
    hide("chat-new", false);
    if (st && !st.ended) { st.ended = true; save(); }
  }
  function stop() {
    clearTimeout(timer);
    var socket = ws;
    ws = null;
    if (socket) { socket.close(); }
  }
  function receive(event) {
    var f = JSON.parse(event.data), li, i, minutes;
    if (!st) { return; }
    if (f.type === "welcome") {
      welcomed = true;
      tries = 0;
      state(f.state);
      if (st.end !== undefined) { return finish(); }
      for (i = 0; i < st.outbox.length; i++) { send(st.outbox[i]); }
    } else if (f.type === "message") {
      message(f);
    } else if (f.type === "ack") {
      li = pending(f.clientId);
      if (li) { mark(li); }
      drop(f.clientId);
    } else if (f.type === "queue") {
      minutes = Math.ceil(f.waitSeconds / 60);
      say((f.position == null ? "" : fill(w.queuePosition, { position: f.position }) + " ") +
        (f.waitSeconds == null ? w.queueNone : minutes <= 1 ? w.queueWaitSoon : fill(w.queueWait, { minutes: minutes })));
    } else if (f.type === "state") {
      state(f.state);
    } else if (f.type === "error") {
      li = f.clientId ? pending(f.clientId) : null;
      if (f.code === "unknown-chat") {
        st.ended = true;
        save();
        st = null;
        stop();
        return ended(w.unknown);
      }
      if (f.code === "chat-ended") { ended(w.ended); }
      if (li && (f.code === "bad-message" || f.code === "chat-ended")) {
        drop(f.clientId);
        mark(li, w.rejected, true);
      } else if (li && f.code === "not-stored") {
        mark(li, w.retrying, true);
        setTimeout(function () { for (var j = 0; st && j < st.outbox.length; j++) { if (st.outbox[j].id === f.clientId) { send(st.outbox[j]); } } }, 5000);
      }
    }
  }
  function connect() {
    if (!st || ws) { return; }
    welcomed = false;
    var socket = ws = new WebSocket((location.protocol === "https:" ? "wss:" : "ws:") + "//" + location.host + st.socket);
    // A page that has just loaded shows nothing yet (lastSeq 0), so it is sent the whole chat again.
    socket.onopen = function () { socket.send(JSON.stringify({ type: "hello", token: st.token, after: st.lastSeq })); };
    socket.onmessage = receive;
    socket.onclose = function () {
      if (ws !== socket) { return; }
      ws = null;
      welcomed = false;
      if (!st || (st.ended && st.end === undefined)) { return; }
      say(w.reconnecting);
      timer = setTimeout(connect, Math.min(15, Math.pow(2, tries++)) * 1000);
    };
  }

  // Ending: sent at once when connected, else on the next welcome (even after a reload).
  function finish() {
    var deleting = st.end === true;
    ws.send(JSON.stringify({ type: "end", "delete": deleting }));
    ended(deleting ? w.deleted : w.ended);
    if (deleting) { log.textContent = ""; }
    $("chat-end-delete").disabled = true;
    st = null;
    setTimeout(stop, 2000);
  }
  function end(deleting) {
    if (!st) { return; }
    st.end = deleting;
    save();
    if (ws && ws.readyState === 1 && welcomed) { finish(); } else if (!ws) { clearTimeout(timer); connect(); }
  }

  function open() {
    hide("chat-start-form", true);
    hide("chat-intro", true);
    hide("chat-error", true);
    hide("chat-unavailable", true);
    hide("chat-area", false);
    for (var i = 0; i < st.outbox.length; i++) { pend(st.outbox[i]); }
    say(w.connecting);
    connect();
  }
  function failed() {
    $("chat-start").disabled = false;
    $("chat-error").textContent = w.startError;
    hide("chat-error", false);
  }
  function start(event) {
    event.preventDefault();
    var age = $("chat-age").value, nickname = $("chat-nickname").value.replace(/^\s+|\s+$/g, "");
    var body = { helpline: w.slug, language: $("chat-language").value, consent: $("chat-consent").checked };
    if (nickname) { body.nickname = nickname; }
    if (age !== "") { body.age = parseInt(age, 10); }
    $("chat-start").disabled = true;
    fetch("/api/v1/chats", {
      method: "POST", credentials: "omit", body: JSON.stringify(body),
      headers: { "Content-Type": "application/json", "Accept": "application/json" }
    }).then(function (response) {
      return response.json().then(function (data) {
        if (response.status === 201) {
          st = { conversation: data.conversation, token: data.token, socket: data.socket, lastSeq: 0, outbox: [] };
          save();
          open();
          $("chat-text").focus();
        } else if (response.status === 409) {
          // "chat-not-offered", "closed", "full": data-chat-not-offered, data-closed, data-full.
          var reason = w[String(data.error).replace(/-(\w)/g, function (a, c) { return c.toUpperCase(); })];
          if (reason) { $("chat-unavailable-reason").textContent = reason; }
          hide("chat-start-form", true);
          hide("chat-unavailable", false);
          $("chat-unavailable").focus();
        } else {
          failed();
        }
      });
    })["catch"](failed);
  }
  function write(event) {
    event.preventDefault();
    var box = $("chat-text"), text = box.value.replace(/^\s+|\s+$/g, "");
    if (!text || !st || st.ended) { return; }
    var entry = { id: "c" + new Date().getTime().toString(36) + Math.random().toString(36).slice(2, 10), text: text };
    st.outbox.push(entry);
    save();
    pend(entry);
    box.value = "";
    box.focus();
    send(entry);
  }

  // Quick exit: this capture-phase listener runs before cove.js leaves, and forgets the chat first.
  document.addEventListener("click", function (event) {
    for (var t = event.target; t; t = t.parentNode) {
      if (t.id === "quick-exit") {
        st = null;
        try { sessionStorage.clear(); } catch (e) { /* nothing stored */ }
        return stop();
      }
    }
  }, true);

  document.addEventListener("DOMContentLoaded", function () {
    var root = $("chat");
    if (!root || !window.WebSocket || !window.fetch) { return; }
    w = root.dataset;
    key = "cove.chat." + w.slug;
    log = $("chat-log");
    $("chat-compose").addEventListener("submit", write);
    $("chat-end").addEventListener("click", function () { end(false); });
    $("chat-end-delete").addEventListener("click", function () { end(true); });
    try { st = JSON.parse(sessionStorage.getItem(key)); } catch (e) { st = null; }
    if (st && st.token && !st.ended) {
      st.lastSeq = 0;
      open();
    } else if ($("chat-start-form")) {
      st = null;
      hide("chat-start-form", false);
      $("chat-start-form").addEventListener("submit", start);
    }
  });
})();
