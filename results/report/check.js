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
  root.setAttribute("data-charts", String(charts.length));
  root.setAttribute("data-charts-failed", String(failed));
  root.setAttribute("data-page-height", String(Math.ceil(root.scrollHeight)));
  root.setAttribute("data-overflow-x", String(Math.max(0, root.scrollWidth - root.clientWidth)));
  root.setAttribute("data-selfcheck", "done");
})();
