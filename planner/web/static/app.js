// The app's only script (the Content-Security-Policy allows no other): draws the figures from their
// data- attributes, follows a running job's progress and opens the new plan when it is done.
"use strict";

function drawFigures() {
  if (typeof Plotly === "undefined") return;
  document.querySelectorAll("div.figure[data-figure]").forEach(function (element) {
    var figure = JSON.parse(element.dataset.figure);
    var config = Object.assign({ displaylogo: false, responsive: true }, figure.config || {});
    // The box keeps the figure's own height: when the window changes size, a responsive figure takes the
    // box's, and a box as tall as its min-height let the figure spill over the section below it.
    if (figure.layout && figure.layout.height) element.style.height = figure.layout.height + "px";
    Plotly.newPlot(element, figure.data, figure.layout, config);
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

function progressLine(job) {
  var shown = function (value) { return value === null ? "—" : Number(value).toLocaleString("vi-VN"); };
  return stateWords(job.state) + " · tốt nhất / best " + shown(job.best) + " · cận / bound " + shown(job.bound) +
    " · " + job.elapsed + " s";
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

document.addEventListener("DOMContentLoaded", function () {
  drawFigures();
  window.matchMedia("print").addEventListener("change", function (media) { fitFigures(media.matches); });
  window.addEventListener("beforeprint", function () { fitFigures(true); });
  window.addEventListener("afterprint", function () { fitFigures(window.matchMedia("print").matches); });
  var job = document.getElementById("job");
  if (job) followJob(job);
});
