(function () {
  "use strict";
  var root = document.documentElement;
  var problems = [];
  function report(msg) {
    problems.push(msg);
    root.setAttribute("data-errors", problems.join(" | "));
  }
  window.addEventListener("error", function (e) { report(String(e.message)); });
  document.addEventListener("securitypolicyviolation", function (e) { report("blocked: " + e.blockedURI); });
  var charts = document.querySelectorAll("svg[data-marks]");
  var failed = 0;
  for (var i = 0; i !== charts.length; i++) {
    var svg = charts[i];
    var marks = svg.querySelectorAll(".mark");
    var drawn = 0;
    for (var j = 0; j !== marks.length; j++) {
      var box = marks[j].getBBox();
      if (box.width > 0 || box.height > 0) {
        drawn++;
      }
    }
    svg.setAttribute("data-drawn", String(drawn));
    var size = svg.getBoundingClientRect();
    if (String(drawn) !== svg.getAttribute("data-marks") || !(size.width > 0) || !(size.height > 0)) {
      failed++;
      report("chart " + svg.id + " drew " + drawn + " of " + svg.getAttribute("data-marks") + " marks");
    }
  }
  // Labels of one chart must not cover each other nor a node: compare the
  // boxes the browser drew them in (a pixel of touching is allowed).
  function covers(p, q) {
    var w = Math.min(p.x + p.width, q.x + q.width) - Math.max(p.x, q.x);
    var h = Math.min(p.y + p.height, q.y + q.height) - Math.max(p.y, q.y);
    return Math.min(w, h) > 1;
  }
  var overlaps = 0;
  for (var c = 0; c !== charts.length; c++) {
    var labels = charts[c].querySelectorAll("text.node-label");
    var nodes = charts[c].querySelectorAll("rect.node");
    var boxes = [];
    for (var l = 0; l !== labels.length; l++) {
      boxes.push(labels[l].getBBox());
    }
    for (var a = 0; a !== boxes.length; a++) {
      for (var b = a + 1; b !== boxes.length; b++) {
        if (covers(boxes[a], boxes[b])) {
          overlaps++;
          report("chart " + charts[c].id + ": label \"" + labels[a].textContent + "\" overlaps \"" + labels[b].textContent + "\"");
        }
      }
      for (var n = 0; n !== nodes.length; n++) {
        if (covers(boxes[a], nodes[n].getBBox())) {
          overlaps++;
          report("chart " + charts[c].id + ": label \"" + labels[a].textContent + "\" covers a node");
        }
      }
    }
  }
  root.setAttribute("data-label-overlaps", String(overlaps));
  // How far the widest table runs past its box (it then scrolls sideways).
  var wraps = document.querySelectorAll(".table-wrap");
  var tableOver = 0;
  for (var t = 0; t !== wraps.length; t++) {
    tableOver = Math.max(tableOver, wraps[t].scrollWidth - wraps[t].clientWidth);
  }
  root.setAttribute("data-table-overflow", String(tableOver));
  root.setAttribute("data-charts", String(charts.length));
  root.setAttribute("data-charts-failed", String(failed));
  root.setAttribute("data-page-height", String(Math.ceil(root.scrollHeight)));
  root.setAttribute("data-overflow-x", String(Math.max(0, root.scrollWidth - root.clientWidth)));
  root.setAttribute("data-selfcheck", "done");
})();
