// Draws each dashboard chart from the JSON the page holds next to its canvas (json_script).
document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
  var spec = JSON.parse(document.getElementById(canvas.dataset.chart).textContent);
  new Chart(canvas, {
    type: "bar",
    data: { labels: spec.labels, datasets: spec.datasets },
    options: {
      indexAxis: spec.type === "funnel" ? "y" : "x",
      maintainAspectRatio: false,
      plugins: { legend: { display: spec.datasets.length > 1 } },
    },
  });
});
