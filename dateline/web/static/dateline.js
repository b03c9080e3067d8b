/* dateline: draws the bar charts whose data the page carries in <script type="application/json">.
   Data is read as JSON and given to Chart.js as data, never as HTML. */
(function () {
  "use strict";
  var palette = ["#1f5f8b", "#d1495b", "#edae49", "#00798c", "#66a182", "#8d6a9f", "#e07a5f",
                 "#3d405b", "#9e9e9e"];
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var source = document.getElementById(canvas.getAttribute("data-chart"));
    if (!source || typeof Chart === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    var stacked = data.series.length > 1;
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: data.series.map(function (s, i) {
          return { label: s.label, data: s.data, backgroundColor: palette[i % palette.length] };
        })
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { display: stacked, position: "bottom" } },
        scales: {
          x: { stacked: stacked, title: { display: true, text: data.per } },
          y: { stacked: stacked, beginAtZero: true, ticks: { precision: 0 },
               title: { display: true, text: "quotes" } }
        }
      }
    });
    canvas.setAttribute("data-rendered", "true");
  });
})();
