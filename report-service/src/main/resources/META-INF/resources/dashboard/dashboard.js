// Draws the dashboard's charts with ECharts (served by report-service at /webjars/echarts/...) from the JSON
// endpoints under /models/{id}/... Each chart element carries what it shows in data-* attributes; a chart that
// finished drawing gets data-drawn="<number of points>" (the browser tests wait for it).
(function () {
  'use strict';
  var REF = '#5b8def', CUR = '#f08a24', SEV = { HIGH: '#cf222e', MEDIUM: '#d4a72c', LOW: '#0969da' };
  var body = document.body;
  var model = body.dataset.model;
  var api = '/models/' + encodeURIComponent(model);

  function get(url) {
    return fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } }).then(function (r) {
      if (!r.ok) { throw new Error(url + ' answered ' + r.status); }
      return r.json();
    });
  }
  function q(params) {
    var parts = [];
    Object.keys(params).forEach(function (k) {
      if (params[k] !== undefined && params[k] !== null && params[k] !== '') {
        parts.push(encodeURIComponent(k) + '=' + encodeURIComponent(params[k]));
      }
    });
    return parts.length ? '?' + parts.join('&') : '';
  }
  function chart(id) {
    var el = document.getElementById(id);
    if (!el) { return null; }
    var c = echarts.getInstanceByDom(el) || echarts.init(el, null, { renderer: 'canvas' });
    // no animation: a chart is complete when it says so (data-drawn), for people and for screenshots alike
    c.setOption({ animation: false });
    return { el: el, c: c };
  }
  function done(ch, n) { ch.el.dataset.drawn = String(n); }
  function fail(ch, e) { ch.el.dataset.error = String(e); ch.el.textContent = String(e); }
  function round(v) { return v === null || v === undefined ? null : Math.round(v * 10000) / 10000; }
  function line(name, points, extra) {
    var s = { name: name, type: 'line', showSymbol: points.length < 60, data: points.map(function (p) { return [p.date, round(p.value)]; }) };
    return Object.assign(s, extra || {});
  }
  function timeAxis() { return { type: 'time' }; }
  function valueAxis(name) { return { type: 'value', name: name || '', scale: true, axisLabel: { formatter: function (v) { return +v.toFixed(4); } } }; }
  function unitAxis(name) { return { type: 'value', name: name, nameLocation: 'middle', nameGap: 28, min: 0, max: 1, axisLabel: { formatter: function (v) { return v.toFixed(1); } } }; }
  var tooltip = { trigger: 'axis', valueFormatter: function (v) { return v === null || v === undefined ? '—' : (+v).toFixed(4); } };

  // ---------------------------------------------------------------------------------------- the header
  var select = document.getElementById('model-select');
  if (select) {
    select.addEventListener('change', function () {
      var page = select.dataset.page;
      window.location.href = '/dashboard/' + encodeURIComponent(select.value) + (page === 'overview' ? '' : '/' + page);
    });
  }

  // ---------------------------------------------------------------------------------------- overview
  function overview() {
    var ch = chart('chart-recent');
    if (!ch) { return; }
    get(api + '/runs' + q({ limit: ch.el.dataset.limit })).then(function (runs) {
      runs = runs.slice().reverse();
      var pts = function (f) { return runs.map(function (r) { return [r.date, round(r[f])]; }); };
      ch.c.setOption({
        tooltip: tooltip, legend: {}, grid: { left: 50, right: 50 },
        xAxis: timeAxis(), yAxis: [valueAxis('recall / share'), valueAxis('PSI')],
        series: [
          { name: 'recall', type: 'line', data: pts('recall') },
          { name: 'churn rate (labelled, else predicted)', type: 'line', data: pts('churnRate') },
          { name: 'highest PSI', type: 'bar', yAxisIndex: 1, data: pts('maxPsi'), itemStyle: { color: '#d0d7de' } }
        ]
      });
      done(ch, runs.length);
    }).catch(function (e) { fail(ch, e); });
  }

  // ---------------------------------------------------------------------------------------- drift
  function drift() {
    var dist = chart('chart-distribution');
    if (dist && dist.el.dataset.column) {
      get(api + '/distribution' + q({ run: dist.el.dataset.run, column: dist.el.dataset.column })).then(function (d) {
        dist.c.setOption({
          tooltip: { trigger: 'axis', valueFormatter: function (v) { return (100 * v).toFixed(2) + ' %'; } },
          legend: {}, grid: { bottom: 90 },
          xAxis: { type: 'category', data: d.bins, axisLabel: { rotate: 35, interval: 0 } },
          yAxis: { type: 'value', axisLabel: { formatter: function (v) { return Math.round(100 * v) + ' %'; } } },
          series: [{ name: 'reference', type: 'bar', data: d.reference, itemStyle: { color: REF } },
                   { name: 'current', type: 'bar', data: d.current, itemStyle: { color: CUR } }]
        });
        done(dist, d.bins.length);
      }).catch(function (e) { fail(dist, e); });
    }
    var hist = chart('chart-drift-history');
    if (hist && hist.el.dataset.column) {
      var col = hist.el.dataset.column;
      var since = new Date(Date.now() - 3650 * 86400000).toISOString().slice(0, 10);
      Promise.all([
        get(api + '/metrics' + q({ name: 'drift/' + hist.el.dataset.method, column: col, since: since })),
        get(api + '/metrics' + q({ name: 'psi/psi', column: col, since: since }))
      ]).then(function (r) {
        hist.c.setOption({
          tooltip: tooltip, legend: {}, xAxis: timeAxis(), yAxis: [valueAxis(hist.el.dataset.method), valueAxis('PSI')],
          series: [line(hist.el.dataset.method + ' score', r[0].points), line('PSI', r[1].points, { yAxisIndex: 1 })]
        });
        done(hist, r[0].points.length + r[1].points.length);
      }).catch(function (e) { fail(hist, e); });
    }
  }

  // ---------------------------------------------------------------------------------------- performance
  function performance() {
    var ch = chart('chart-performance');
    if (ch) {
      var since = new Date(Date.now() - 3650 * 86400000).toISOString().slice(0, 10);
      get(api + '/performance' + q({ metric: ch.el.dataset.metric, since: since })).then(function (p) {
        var lower = p.estimated.map(function (e) { return [e.date, round(e.lower)]; });
        var width = p.estimated.map(function (e) { return [e.date, e.upper === null || e.lower === null ? null : round(e.upper - e.lower)]; });
        var series = [
          { name: 'band low', type: 'line', data: lower, stack: 'band', lineStyle: { opacity: 0 }, symbol: 'none', tooltip: { show: false } },
          { name: 'estimate band', type: 'line', data: width, stack: 'band', lineStyle: { opacity: 0 }, symbol: 'none', areaStyle: { color: 'rgba(130,80,223,0.15)' } },
          { name: 'estimated', type: 'line', data: p.estimated.map(function (e) { return [e.date, round(e.value)]; }), lineStyle: { type: 'dashed', color: '#8250df' }, itemStyle: { color: '#8250df' }, showSymbol: false },
          { name: 'realised', type: 'line', data: p.realised.map(function (e) { return [e.date, round(e.value)]; }), itemStyle: { color: CUR } }
        ];
        if (p.reference !== null) {
          series.push({ name: 'reference', type: 'line', data: [], markLine: { symbol: 'none', lineStyle: { type: 'dotted', color: REF }, data: [{ yAxis: round(p.reference), name: 'reference' }] } });
        }
        ch.c.setOption({ tooltip: tooltip, legend: { data: ['estimated', 'realised', 'estimate band', 'reference'] }, xAxis: timeAxis(), yAxis: valueAxis(p.metric), series: series });
        done(ch, p.realised.length + p.estimated.length);
      }).catch(function (e) { fail(ch, e); });
    }
    var roc = chart('chart-roc'), pr = chart('chart-pr'), cal = chart('chart-calibration');
    if (roc) {
      get(api + '/curves' + q({ run: roc.el.dataset.run })).then(function (c) {
        var draw = function (ch, curves, x, y, diagonal, markers) {
          var series = curves.map(function (cv) {
            return { name: cv.name, type: 'line', data: cv.points, showSymbol: markers, itemStyle: { color: cv.name === 'current' ? CUR : REF } };
          });
          if (diagonal) {
            series.push({ name: 'diagonal', type: 'line', data: [[0, 0], [1, 1]], showSymbol: false, lineStyle: { type: 'dashed', color: '#8c959f' }, tooltip: { show: false } });
          }
          ch.c.setOption({ tooltip: { trigger: 'item' }, legend: { data: ['reference', 'current'] }, grid: { left: 56, bottom: 56, right: 20 },
            xAxis: unitAxis(x), yAxis: unitAxis(y), series: series });
          done(ch, curves.reduce(function (n, cv) { return n + cv.points.length; }, 0));
        };
        draw(roc, c.roc, 'false positive rate', 'true positive rate', true, false);
        draw(pr, c.pr, 'recall', 'precision', false, false);
        draw(cal, c.calibration, 'mean predicted', 'fraction churned', true, true);
      }).catch(function (e) { fail(roc, e); });
    }
  }

  // ---------------------------------------------------------------------------------------- segments
  function segments() {
    var box = document.getElementById('segment-charts');
    if (!box || !box.dataset.dimension) { return; }
    var since = new Date(Date.now() - 3650 * 86400000).toISOString().slice(0, 10);
    get(api + '/segments' + q({ dimension: box.dataset.dimension, since: since })).then(function (s) {
      ['recall', 'precision', 'churn_rate', 'count'].forEach(function (m) {
        var ch = chart('chart-segment-' + m);
        var series = s.segments.map(function (seg) {
          var found = seg.series.filter(function (x) { return x.metric === 'segment/' + m; })[0];
          return line(seg.segment, found ? found.points : [], seg.worst ? { lineStyle: { width: 4 } } : {});
        });
        ch.c.setOption({ tooltip: tooltip, legend: { type: 'scroll' }, xAxis: timeAxis(), yAxis: valueAxis(m), series: series });
        done(ch, series.reduce(function (n, x) { return n + x.data.length; }, 0));
      });
    }).catch(function (e) { var ch = chart('chart-segment-recall'); fail(ch, e); });
  }

  // ---------------------------------------------------------------------------------------- trends
  function trends() {
    var ch = chart('chart-trend');
    if (!ch) { return; }
    var where = ch.el.dataset.where || '';
    var params = { name: ch.el.dataset.metric, days: ch.el.dataset.days };
    if (where.indexOf('=') > 0) { params.segment = where; } else { params.column = where; }
    get(api + '/trend' + q(params)).then(function (t) {
      var byRun = {};
      t.series.points.forEach(function (p) { byRun[p.runId] = p; });
      var marks = t.alerts.filter(function (a) { return byRun[a.runId]; }).map(function (a) {
        var p = byRun[a.runId];
        return { coord: [p.date, round(p.value)], value: a.severity.charAt(0), itemStyle: { color: SEV[a.severity] }, name: a.message };
      });
      ch.c.setOption({
        tooltip: tooltip, xAxis: timeAxis(), yAxis: valueAxis(t.series.metric),
        series: [line(t.series.metric, t.series.points, { markPoint: { symbolSize: 36, data: marks } })]
      });
      ch.el.dataset.markers = String(marks.length);
      done(ch, t.series.points.length);
    }).catch(function (e) { fail(ch, e); });
  }

  var pages = { overview: overview, drift: drift, performance: performance, segments: segments, trends: trends };
  if (pages[body.dataset.page]) { pages[body.dataset.page](); }
  window.addEventListener('resize', function () {
    document.querySelectorAll('.chart').forEach(function (el) { var c = echarts.getInstanceByDom(el); if (c) { c.resize(); } });
  });
})();
