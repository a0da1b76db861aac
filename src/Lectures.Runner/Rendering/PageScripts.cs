namespace Lectures.Runner.Rendering;

/// <summary>
/// The only scripts a page or slide deck runs besides plotly.js, small enough to read. They find
/// the charts by the figure data the runner wrote (a notebook's HTML cannot contain a script
/// element: the sanitiser removes them), parse it as JSON and hand it to plotly.js; nothing is
/// ever evaluated as code or written as HTML.
/// </summary>
internal static class PageScripts
{
    /// <summary>Draws every chart of the page.</summary>
    public const string Page = """
        (function () {
          'use strict';
          function draw(script) {
            var plot = script.parentNode.querySelector('div.plot');
            try {
              var figure = JSON.parse(script.textContent);
              Plotly.newPlot(plot, figure.data, figure.layout || {}, figure.config || {});
            } catch (e) {
              plot.textContent = 'This chart could not be drawn: ' + e;
            }
          }
          var figures = document.querySelectorAll('figure.chart > script.figure[type="application/json"]');
          for (var i = 0; i < figures.length; i++) { draw(figures[i]); }
          // Printed, a chart takes the width of a sheet (A4 or Letter less margins), and its own again after.
          function plots() { return document.querySelectorAll('figure.chart > div.js-plotly-plot'); }
          window.addEventListener('beforeprint', function () {
            plots().forEach(function (p) { Plotly.relayout(p, { width: 680 }); });
          });
          window.addEventListener('afterprint', function () {
            plots().forEach(function (p) { Plotly.relayout(p, { width: null, autosize: true }); });
          });
        })();
        """;

    /// <summary>
    /// Shows one slide at a time. Right arrow, Page Down, Space and N go forward, left arrow, Page Up,
    /// Shift+Space and P go back, Home and End to the ends; Space, Page Down and Page Up first scroll
    /// a slide taller than the screen. A chart is drawn when its slide is first shown, so plotly.js
    /// sizes it in a visible column; the address keeps the slide number for a reload.
    /// </summary>
    public const string Slides = """
        (function () {
          'use strict';
          var slides = Array.prototype.slice.call(document.querySelectorAll('main.deck > section.slide'));
          var number = document.querySelector('body > footer.deck .slide-number');
          var more = document.querySelector('body > footer.deck .more');
          function showMore() {
            var slide = slides[current];
            more.hidden = slide.scrollHeight - slide.clientHeight - slide.scrollTop <= 2;
          }
          var current = -1;
          function draw(slide, width) {
            var figures = slide.querySelectorAll('figure.chart > script.figure[type="application/json"]');
            for (var i = 0; i < figures.length; i++) {
              var script = figures[i], plot = script.parentNode.querySelector('div.plot');
              if (plot.classList.contains('js-plotly-plot')) {
                if (width) { Plotly.relayout(plot, { width: width }); } else { Plotly.Plots.resize(plot); }
                continue;
              }
              try {
                var figure = JSON.parse(script.textContent);
                var layout = figure.layout || {};
                if (width) { layout.width = width; }
                Plotly.newPlot(plot, figure.data, layout, figure.config || {});
              } catch (e) {
                plot.textContent = 'This chart could not be drawn: ' + e;
              }
            }
          }
          function show(n) {
            n = Math.max(0, Math.min(slides.length - 1, n));
            if (n === current) { return; }
            if (current >= 0) { slides[current].hidden = true; }
            current = n;
            slides[n].hidden = false;
            slides[n].scrollTop = 0;
            number.textContent = (n + 1) + ' / ' + slides.length;
            draw(slides[n]);
            showMore();
            try { history.replaceState(null, '', '#' + slides[n].id); } catch (e) { }
          }
          function page(direction) {
            var slide = slides[current];
            var room = direction > 0 ? slide.scrollHeight - slide.clientHeight - slide.scrollTop : slide.scrollTop;
            if (room > 2) { slide.scrollBy(0, direction * slide.clientHeight * 0.85); } else { show(current + direction); }
          }
          slides.forEach(function (s) { s.addEventListener('scroll', showMore); });
          window.addEventListener('resize', showMore);
          document.addEventListener('keydown', function (e) {
            if (e.altKey || e.ctrlKey || e.metaKey) { return; }
            switch (e.key) {
              case 'ArrowRight': case 'n': case 'N': show(current + 1); break;
              case 'ArrowLeft': case 'p': case 'P': show(current - 1); break;
              case 'PageDown': page(1); break;
              case 'PageUp': page(-1); break;
              case ' ': page(e.shiftKey ? -1 : 1); break;
              case 'ArrowDown': slides[current].scrollBy(0, 60); break;
              case 'ArrowUp': slides[current].scrollBy(0, -60); break;
              case 'Home': show(0); break;
              case 'End': show(slides.length - 1); break;
              default: return;
            }
            e.preventDefault();
          });
          document.querySelector('body > footer.deck .previous').addEventListener('click', function () { show(current - 1); });
          document.querySelector('body > footer.deck .next').addEventListener('click', function () { show(current + 1); });
          // Printed, every slide is a sheet: every chart is drawn at a sheet's width, and redrawn for the screen after.
          window.addEventListener('beforeprint', function () { slides.forEach(function (s) { draw(s, 680); }); });
          window.addEventListener('afterprint', function () {
            document.querySelectorAll('figure.chart > div.js-plotly-plot').forEach(function (p) { Plotly.relayout(p, { width: null, autosize: true }); });
          });
          var start = 0;
          for (var i = 0; i < slides.length; i++) { if ('#' + slides[i].id === location.hash) { start = i; } }
          show(start);
        })();
        """;
}
