// The app's only script (the Content-Security-Policy allows no other): draws the figures from their
// data- attributes, follows a running job's progress and opens the new plan when it is done, and
// follows a cadre page's why-not job.
"use strict";

function drawFigures() {
  if (typeof Plotly === "undefined") return;
  var drawn = Array.prototype.map.call(document.querySelectorAll("div.figure[data-figure]"), function (element) {
    var figure = JSON.parse(element.dataset.figure);
    var config = Object.assign({ displaylogo: false, responsive: true }, figure.config || {});
    // The box keeps the figure's own height: when the window changes size, a responsive figure takes the
    // box's, and a box as tall as its min-height let the figure spill over the section below it.
    if (figure.layout && figure.layout.height) element.style.height = figure.layout.height + "px";
    return Plotly.newPlot(element, figure.data, figure.layout, config);
  });
  Promise.all(drawn).then(function () { performance.mark("figures-drawn"); });
}

// plotly.js (3.5 MB) is fetched and run only once the page's text has painted, and only on a page with
// figures: loaded with the page, its parsing and the drawing held the first paint of a plan page back by
// up to a second and a half (bench/plan_paint.py).
function loadFigures() {
  if (!document.querySelector("div.figure[data-figure]")) return;
  window.requestAnimationFrame(function () {
    window.setTimeout(function () {
      var script = document.createElement("script");
      script.src = "/static/plotly.min.js";
      script.addEventListener("load", drawFigures);
      document.head.appendChild(script);
    }, 0);
  });
}

// A job's state in words (`planner.wording`), from the page's data-states: "đang giải / running".
function stateWords(state) {
  var element = document.getElementById("job");
  var words = element && element.dataset.states ? JSON.parse(element.dataset.states) : {};
  return words[state] || state;
}

// A4 portrait inside 15 mm margins is 180 mm wide: 680 CSS pixels. A plotly figure is drawn in pixels,
// so for print it is redrawn at that width (CSS alone would cut its right side), and back after.
var PRINT_WIDTH = 680;

function fitFigures(printing) {
  if (typeof Plotly === "undefined") return;
  document.querySelectorAll(".js-plotly-plot").forEach(function (element) {
    Plotly.relayout(element, printing ? { width: PRINT_WIDTH, autosize: false } : { width: null, autosize: true });
  });
}

// "đang giải / running · dựng mô hình / building the model · tốt nhất / best 385 · cận / bound 390 · 12 s":
// the state, the stage, the figures once the search has any, the seconds so far.
function progressLine(job) {
  var shown = function (value) { return value === null ? "—" : Number(value).toLocaleString("vi-VN"); };
  var figures = job.best === null && job.bound === null ? "" :
    " · tốt nhất / best " + shown(job.best) + " · cận / bound " + shown(job.bound);
  return stateWords(job.state) + (job.step ? " · " + job.step : "") + figures + " · " + job.elapsed + " s";
}

function followJob(element) {
  var id = element.dataset.job;
  var tick = function () {
    fetch("/api/jobs/" + id, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (job) {
        if (job === null) return;
        document.getElementById("progress").textContent = progressLine(job);
        document.getElementById("job-message").textContent = job.message;
        element.dataset.state = job.state;
        if (job.state === "done" && job.made.length > 0) {
          window.location.assign("/plans/" + job.made[0] + "?since=" + job.plan);
        } else if (job.state === "failed" || job.state === "cancelled") {
          var cancel = document.getElementById("cancel-form");
          if (cancel) cancel.remove();
        } else {
          window.setTimeout(tick, 500);
        }
      })
      .catch(function () { window.setTimeout(tick, 2000); });
  };
  tick();
}

// A cadre page's why-not job: its progress line from the server's words until it is done, then the page
// again with the answer.
function followWhyNot(element) {
  var url = "/api/plans/" + encodeURIComponent(element.dataset.plan) + "/cadres/" +
    encodeURIComponent(element.dataset.cadre) + "/why-not";
  var tick = function () {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (job) {
        if (job === null) return;
        if (job.state === "done" || job.state === "failed") {
          window.location.reload();
          return;
        }
        document.getElementById("why-not-progress").textContent = job.line;
        window.setTimeout(tick, 1000);
      })
      .catch(function () { window.setTimeout(tick, 2000); });
  };
  window.setTimeout(tick, 1000);
}

// The what-if form shows only the choosers its kind of what-if reads (the server reads only those too).
function followChoosers(form) {
  var change = form.querySelector("select[name=change]");
  if (!change) return;
  var update = function () {
    form.querySelectorAll("[data-when]").forEach(function (label) {
      label.hidden = label.dataset.when.split(" ").indexOf(change.value) < 0;
    });
  };
  change.addEventListener("change", update);
  update();
}

document.addEventListener("DOMContentLoaded", function () {
  loadFigures();
  window.matchMedia("print").addEventListener("change", function (media) { fitFigures(media.matches); });
  window.addEventListener("beforeprint", function () { fitFigures(true); });
  window.addEventListener("afterprint", function () { fitFigures(window.matchMedia("print").matches); });
  var whatIf = document.getElementById("whatif-form");
  if (whatIf) followChoosers(whatIf);
  var job = document.getElementById("job");
  if (job) followJob(job);
  var whyNot = document.getElementById("why-not-job");
  if (whyNot) followWhyNot(whyNot);
});
