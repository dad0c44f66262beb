// The supervisor's pages. The floor redraws its three tables every 10 seconds and a monitored
// chat appends new lines every 3 seconds, both from the page's own route with ?format=json.
// Without script both pages still work and only stop refreshing. Every word arrives in the
// data, already in the page's language, or in data-* attributes.
(function () {
  "use strict";

  function $(id) { return document.getElementById(id); }

  // Polls `url` every `ms`, but not while the tab is hidden: nobody reads it, and a wall of
  // supervisors' background tabs should not keep the server busy. Either callback returns
  // true to stop.
  function every(ms, url, done, failed) {
    var timer = window.setInterval(function () {
      if (document.hidden) { return; }
      fetch(url(), { headers: { Accept: "application/json" }, credentials: "same-origin", cache: "no-store" })
        .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
        .then(function (data) { return done(data); }, function (status) { return failed ? failed(status) : false; })
        .then(function (stop) { if (stop) { window.clearInterval(timer); } });
    }, ms);
  }

  function cell(tr, text, cls) {
    var td = document.createElement("td");
    td.textContent = text;
    if (cls) { td.className = cls; }
    tr.appendChild(td);
    return td;
  }

  function row(cls) {
    var tr = document.createElement("tr");
    if (cls) { tr.className = cls; }
    return tr;
  }

  // Leaves a table alone while the keyboard is inside it, so a redraw never drops focus.
  function redraw(id, items, draw) {
    var body = $(id), i;
    if (body.contains(document.activeElement)) { return; }
    while (body.firstChild) { body.removeChild(body.firstChild); }
    for (i = 0; i < items.length; i++) { body.appendChild(draw(items[i])); }
    $(id + "-empty").hidden = items.length > 0;
  }

  function floor(root) {
    var monitor = root.getAttribute("data-monitor");
    function queue(q) {
      var tr = row("prio-" + q.priorityLevel);
      cell(tr, q.helpline);
      cell(tr, String(q.waiting)).setAttribute("data-waiting", String(q.waiting));
      cell(tr, String(q.longestWaitMinutes));
      cell(tr, q.highestPriority);
      cell(tr, String(q.availableCounsellors));
      return tr;
    }
    function counsellor(c) {
      var tr = row();
      tr.setAttribute("data-status", c.status);
      cell(tr, c.name);
      cell(tr, c.statusLabel);
      cell(tr, c.active + "/" + c.capacity);
      cell(tr, String(c.offered));
      return tr;
    }
    function live(l) {
      var tr = row("prio-" + l.priorityLevel), code = document.createElement("code"), link = document.createElement("a");
      var hidden = document.createElement("span"), alert;
      code.textContent = l.shortID;
      cell(tr, "").appendChild(code);
      cell(tr, l.counsellor);
      cell(tr, l.language);
      cell(tr, l.channel);
      var priority = cell(tr, l.priority);
      if (l.alert) {
        alert = document.createElement("span");
        alert.className = "alert";
        alert.textContent = " " + l.alert;
        priority.appendChild(alert);
      }
      cell(tr, l.startedAt);
      link.href = l.monitor;
      link.textContent = monitor;
      hidden.className = "visually-hidden";
      hidden.textContent = " " + l.shortID;
      link.appendChild(hidden);
      cell(tr, "").appendChild(link);
      return tr;
    }
    every(10000, function () { return root.getAttribute("data-source"); }, function (f) {
      redraw("supervision-queues", f.queues, queue);
      redraw("supervision-counsellors", f.counsellors, counsellor);
      redraw("supervision-conversations", f.conversations, live);
      $("supervision-updated").textContent = f.updatedAt;
    });
  }

  function line(l) {
    var li = document.createElement("li"), who = document.createElement("span");
    var text = document.createElement("span"), meta = document.createElement("span");
    li.className = "msg " + l.style;
    li.setAttribute("data-seq", String(l.sequence));
    li.setAttribute("data-sender", l.sender);
    who.className = "who";
    who.textContent = l.who;
    text.className = "text";
    text.dir = "auto";
    text.textContent = l.text;
    meta.className = "meta";
    meta.textContent = l.sentAt;
    li.appendChild(who);
    li.appendChild(text);
    li.appendChild(meta);
    return li;
  }

  function monitor(root) {
    var last = Number(root.getAttribute("data-last")) || 0, log = $("monitor-log"), wrap = log.parentNode;
    every(3000, function () { return root.getAttribute("data-source") + "&after=" + last; }, function (t) {
      var atEnd = wrap.scrollTop + wrap.clientHeight >= wrap.scrollHeight - 8, i;
      for (i = 0; i < t.lines.length; i++) {
        if (t.lines[i].sequence <= last) { continue; }
        log.appendChild(line(t.lines[i]));
        last = t.lines[i].sequence;
      }
      if (t.lines.length) { $("monitor-empty").hidden = true; }
      if (atEnd) { wrap.scrollTop = wrap.scrollHeight; }
      $("monitor-state").textContent = t.stateLabel;
      $("monitor-state").setAttribute("data-state", t.state);
      // An ended chat gets no new lines; once the last ones are in, there is nothing to wait for.
      return t.state === "ended" && t.lines.length === 0;
    }, function (status) {
      // The transcript was deleted, or the session ended: say so once and stop asking.
      if (status === 404 || status === 401 || status === 403) {
        $("monitor-notice").textContent = root.getAttribute("data-gone");
        return true;
      }
      return false;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var root = $("supervision");
    if (root) { floor(root); }
    root = $("monitor");
    if (root) {
      monitor(root);
      $("monitor-log").parentNode.scrollTop = $("monitor-log").parentNode.scrollHeight;
    }
  });
})();
