// The counsellor's console: offers, several chats at once, and what the counsellor writes. Every
// reply waits in an outbox (sessionStorage, one key per conversation) until Cove acknowledges it,
// and is sent again with the same clientId after a reconnect. Every word comes from data-* attributes.
(function () {
  "use strict";
  var root, w, ws, greeted = false, tries = 0, status = "away", panels = {}, offers = {}, focusNext = null, colleagues = [];

  function $(id) { return document.getElementById(id); }
  function q(el, cls) { return el.querySelector("." + cls); }
  function word(name) { return root.getAttribute("data-" + name) || ""; }
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, name) { return values[name] === undefined ? all : values[name]; });
  }
  function say(el, text) { if (el.textContent !== text) { el.textContent = text; } }
  function frame(f) { if (ws && ws.readyState === 1 && greeted) { ws.send(JSON.stringify(f)); return true; } return false; }
  function storeKey(id) { return "cove.console." + id; }
  function save(p) {
    try {
      if (p.gone || !p.outbox.length) { sessionStorage.removeItem(storeKey(p.id)); } else { sessionStorage.setItem(storeKey(p.id), JSON.stringify({ outbox: p.outbox })); }
    } catch (e) { /* storage off: replies still go while the page is open */ }
  }
  function load(id) {
    try { return (JSON.parse(sessionStorage.getItem(storeKey(id)) || "null") || {}).outbox || []; } catch (e) { return []; }
  }
  function priority(n) { return word("priority-" + n) || String(n); }
  function alertText(code) { return code ? (word("alert-" + code) || fill(w.alert, { alert: code })) : ""; }

  // Messages, as on the child's page: shown once by number; the counsellor's own replace their pending copy.
  function item(from, text, note) {
    var li = document.createElement("li"), who = document.createElement("span"), body = document.createElement("span");
    li.className = "msg " + (from === "counsellor" ? "mine" : from);
    who.className = "who";
    who.textContent = from === "counsellor" ? w.counsellor : from === "child" ? w.child : w.system;
    body.className = "text";
    body.dir = "auto";
    body.textContent = text;
    li.appendChild(who);
    li.appendChild(body);
    if (note) { mark(li, note, false); }
    return li;
  }
  function mark(li, note, failed) {
    var meta = q(li, "meta");
    li.className = li.className.replace(/ failed/g, "") + (failed ? " failed" : "");
    if (!note) { if (meta) { li.removeChild(meta); } return; }
    if (!meta) { meta = document.createElement("span"); meta.className = "meta"; li.appendChild(meta); }
    meta.textContent = note;
  }
  function pending(p, id) {
    var items = p.log.querySelectorAll("li.pending"), i;
    for (i = 0; i < items.length; i++) { if (items[i].getAttribute("data-client") === id) { return items[i]; } }
    return null;
  }
  function addPending(p, entry) {
    var li = item("counsellor", entry.text, w.sending);
    li.className += " pending";
    li.setAttribute("data-client", entry.id);
    p.log.appendChild(li);
    p.log.parentNode.scrollTop = p.log.parentNode.scrollHeight;
  }
  function message(f) {
    var p = panel(f.conversation), li;
    if (f.seq <= p.lastSeq) { return; }
    p.lastSeq = f.seq;
    li = f.from === "counsellor" ? pending(p, f.clientId) : null;
    if (li) { li.className = li.className.replace(/ pending| failed/g, ""); mark(li, null); } else { li = item(f.from, f.text); }
    li.setAttribute("data-seq", f.seq);
    var first = p.log.querySelector("li.pending");
    if (li.parentNode !== p.log || li.nextSibling !== first) { p.log.insertBefore(li, first); }
    p.log.parentNode.scrollTop = p.log.parentNode.scrollHeight;
  }
  function drop(p, id) {
    var i;
    for (i = 0; i < p.outbox.length; i++) { if (p.outbox[i].id === id) { p.outbox.splice(i, 1); save(p); return; } }
  }
  function resend(p) {
    var i;
    for (i = 0; i < p.outbox.length; i++) { frame({ type: "send", conversation: p.id, clientId: p.outbox[i].id, text: p.outbox[i].text }); }
  }

  // One panel per conversation held.
  function panel(id) {
    if (panels[id]) { return panels[id]; }
    var el = $("console-panel-template").content.firstElementChild.cloneNode(true);
    var p = { id: id, el: el, log: q(el, "chat-log"), text: q(el, "p-text"), lastSeq: 0, outbox: load(id), gone: false };
    panels[id] = p;
    el.setAttribute("data-conversation", id);
    p.text.id = "reply-" + id;
    q(el, "p-label").setAttribute("for", p.text.id);
    q(el, "p-transfer").id = "transfer-" + id;
    q(el, "p-transfer-label").setAttribute("for", "transfer-" + id);
    q(el, "p-transfer-go").addEventListener("click", function () {
      var to = q(el, "p-transfer").value;
      if (to && frame({ type: "transfer", conversation: id, to: to })) { this.disabled = true; }
    });
    q(el, "compose").addEventListener("submit", function (event) { event.preventDefault(); write(p); });
    q(el, "p-finish").addEventListener("click", function () {
      if (window.confirm(w.finishConfirm)) { frame({ type: "finish", conversation: id }); }
    });
    q(el, "p-close").addEventListener("click", function () {
      el.parentNode.removeChild(el);
      delete panels[id];
      lists();
    });
    for (var i = 0; i < p.outbox.length; i++) { addPending(p, p.outbox[i]); }
    $("console-chats").appendChild(el);
    return p;
  }
  function write(p) {
    var text = p.text.value.replace(/^\s+|\s+$/g, "");
    if (!text || p.gone) { return; }
    var entry = { id: "k" + new Date().getTime().toString(36) + Math.random().toString(36).slice(2, 10), text: text };
    p.outbox.push(entry);
    save(p);
    addPending(p, entry);
    p.text.value = "";
    p.text.focus();
    frame({ type: "send", conversation: p.id, clientId: entry.id, text: text });
  }
  function held(h) {
    var p = panel(h.conversation), el = p.el, link = q(el, "p-contact");
    say(q(el, "p-title"), fill(w.panelHeading, { name: h.nickname || w.anonymous }));
    say(q(el, "p-priority"), priority(h.priority));
    say(q(el, "p-channel"), h.channel);
    say(q(el, "p-language"), h.language);
    say(q(el, "p-nickname"), h.nickname || w.notGiven);
    say(q(el, "p-age"), h.age === null || h.age === undefined ? w.notGiven : String(h.age));
    say(q(el, "p-alert"), alertText(h.alert));
    q(el, "p-alert").hidden = !h.alert;
    el.className = "panel prio-" + h.priority;
    link.hidden = !h.contact;
    if (h.contact) { link.firstChild.href = "/" + w.lang + "/console/contacts/" + h.contact; }
    earlier(p, h.earlier || []);
    canned(p, h.canned || []);
    transferChoices(p);
    if (p.gone) { gone(p, false); }
    if (focusNext === h.conversation) { focusNext = null; p.text.focus(); }
  }
  // Earlier conversations from the same number, each opening its contact form (an audited read).
  function earlier(p, list) {
    var ul = q(p.el, "p-earlier"), i, li, a, key = JSON.stringify(list);
    if (p.earlierKey === key) { return; }
    p.earlierKey = key;
    ul.textContent = "";
    for (i = 0; i < list.length; i++) {
      li = document.createElement("li");
      a = document.createElement(list[i].contact ? "a" : "span");
      if (list[i].contact) { a.href = "/" + w.lang + "/console/contacts/" + list[i].contact; }
      a.textContent = fill(w.earlierItem, { date: new Date(list[i].startedAt).toLocaleDateString(w.lang) });
      li.appendChild(a);
      ul.appendChild(li);
    }
    q(p.el, "p-earlier-wrap").hidden = list.length === 0;
  }
  // Canned replies go into the reply box, never straight to the child: the counsellor reads first.
  function canned(p, own) {
    if (p.cannedShown) { return; }
    p.cannedShown = true;
    var box = q(p.el, "p-canned"), all = own.concat([w.canned1, w.canned2, w.canned3]), i;
    for (i = 0; i < all.length; i++) {
      if (!all[i]) { continue; }
      var b = document.createElement("button");
      b.type = "button";
      b.className = "canned secondary";
      b.textContent = all[i];
      b.addEventListener("click", function () {
        p.text.value = (p.text.value ? p.text.value + " " : "") + this.textContent;
        p.text.focus();
      });
      box.appendChild(b);
    }
  }
  function transferChoices(p) {
    var select = q(p.el, "p-transfer"), key = JSON.stringify(colleagues), i, o, c;
    if (p.colleaguesKey === key) { return; }
    p.colleaguesKey = key;
    select.textContent = "";
    for (i = 0; i < colleagues.length; i++) {
      c = colleagues[i];
      o = document.createElement("option");
      o.value = c.id;
      o.textContent = c.supervisor ? fill(w.colleagueSupervisor, { name: c.name }) : c.available ? c.name : fill(w.colleagueAway, { name: c.name });
      select.appendChild(o);
    }
    q(p.el, "p-transfer-go").disabled = false;
    q(p.el, "p-transfer-wrap").hidden = colleagues.length === 0;
  }
  function gone(p, on) {
    var i;
    p.gone = on;
    p.text.disabled = on;
    q(p.el, "p-send").disabled = on;
    q(p.el, "p-finish").disabled = on;
    q(p.el, "p-gone").hidden = !on;
    q(p.el, "p-close").hidden = !on;
    if (on) {
      p.el.className += " gone";
      for (i = 0; i < p.outbox.length; i++) { var li = pending(p, p.outbox[i].id); if (li) { mark(li, w.rejected, true); } }
      p.outbox = [];
      save(p);
    }
  }

  // Offers, kept by conversation so a board update does not move focus off a button.
  function offer(o) {
    var li = offers[o.conversation];
    if (!li) {
      li = $("console-offer-template").content.firstElementChild.cloneNode(true);
      offers[o.conversation] = li;
      q(li, "o-accept").addEventListener("click", function () {
        if (frame({ type: "accept", conversation: o.conversation })) { this.disabled = true; focusNext = o.conversation; }
      });
      q(li, "o-decline").addEventListener("click", function () { if (frame({ type: "decline", conversation: o.conversation })) { this.disabled = true; } });
      $("console-offers").appendChild(li);
      say($("console-notice"), w.newOffer);
    }
    li.className = "offer prio-" + o.priority;
    li.setAttribute("data-expires", Date.parse(o.expiresAt) || 0);
    say(q(li, "o-priority"), priority(o.priority));
    say(q(li, "o-channel"), o.channel);
    say(q(li, "o-language"), o.language);
    say(q(li, "o-alert"), alertText(o.alert));
    q(li, "o-alert").hidden = !o.alert;
    tick();
  }
  function tick() {
    var id, li, left;
    for (id in offers) {
      li = offers[id];
      left = Math.max(0, Math.round((Number(li.getAttribute("data-expires")) - new Date().getTime()) / 1000));
      say(q(li, "o-expires"), fill(w.expires, { seconds: left }));
    }
  }
  function lists() {
    var id, any = false;
    for (id in panels) { any = true; }
    $("console-no-chats").hidden = any;
    $("console-no-offers").hidden = $("console-offers").children.length > 0;
  }

  function board(b) {
    var i, id, keep = {};
    status = b.status;
    colleagues = b.colleagues || [];
    $("console-status").setAttribute("aria-pressed", String(status === "available"));
    say($("console-status-text"), status === "available" ? w.available : w.away);
    say($("console-queue"), b.waiting > 0 ? fill(w.queue, { count: b.waiting, minutes: Math.ceil(b.longestWaitSeconds / 60) }) : w.queueEmpty);
    for (i = 0; i < b.offers.length; i++) { keep[b.offers[i].conversation] = true; offer(b.offers[i]); }
    for (id in offers) {
      if (!keep[id]) { offers[id].parentNode.removeChild(offers[id]); delete offers[id]; }
    }
    keep = {};
    for (i = 0; i < b.held.length; i++) { keep[b.held[i].conversation] = true; held(b.held[i]); }
    for (id in panels) { if (!keep[id] && !panels[id].gone) { gone(panels[id], true); } }
    lists();
  }
  function failure(f) {
    var id, p, li = null;
    if (f.clientId) {
      for (id in panels) { li = pending(panels[id], f.clientId); if (li) { p = panels[id]; break; } }
    }
    if (li && (f.code === "bad-message" || f.code === "not-assigned")) {
      drop(p, f.clientId);
      mark(li, w.rejected, true);
    } else if (li) {
      mark(li, w.retrying, true);
      setTimeout(function () { if (!p.gone) { resend(p); } }, 5000);
    }
    if (f.code !== "bad-message") { say($("console-notice"), root.getAttribute("data-e-" + f.code) || fill(w.error, { code: f.code })); }
  }
  function receive(event) {
    var f, id;
    try { f = JSON.parse(event.data); } catch (e) { return; }
    if (f.type === "board") {
      board(f);
      if (!greeted) {
        greeted = true;
        tries = 0;
        $("console-status").disabled = false;
        say($("console-connection"), w.connected);
        for (id in panels) { if (!panels[id].gone) { resend(panels[id]); } }
      }
    } else if (f.type === "message") {
      message(f);
    } else if (f.type === "ack" && panels[f.conversation]) {
      var li = pending(panels[f.conversation], f.clientId);
      if (li) { mark(li, null); }
      drop(panels[f.conversation], f.clientId);
    } else if (f.type === "error") {
      failure(f);
    }
  }
  function connect() {
    if (ws) { return; }
    greeted = false;
    var socket = new WebSocket((location.protocol === "https:" ? "wss:" : "ws:") + "//" + location.host + w.socket), hello = { type: "hello" }, id;
    ws = socket;
    // What this page has shown: a fresh page has shown nothing, so it gets each chat whole and
    // leaves the map out (Cove reads a missing map as empty).
    for (id in panels) {
      if (panels[id].lastSeq > 0) { hello.afterByConversation = hello.afterByConversation || {}; hello.afterByConversation[id] = panels[id].lastSeq; }
    }
    socket.onopen = function () { socket.send(JSON.stringify(hello)); };
    socket.onmessage = receive;
    socket.onclose = function () {
      if (ws !== socket) { return; }
      ws = null;
      greeted = false;
      $("console-status").disabled = true;
      say($("console-connection"), w.reconnecting);
      setTimeout(connect, Math.min(15, Math.pow(2, tries++)) * 1000);
    };
  }

  document.addEventListener("DOMContentLoaded", function () {
    root = $("console");
    if (!root || !window.WebSocket) { return; }
    w = root.dataset;
    $("console-status").addEventListener("click", function () {
      frame({ type: "status", status: status === "available" ? "away" : "available" });
    });
    setInterval(tick, 1000);
    connect();
  });
})();
