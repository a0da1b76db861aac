// Makes a lecture page a notebook: every code cell gets an editor and a Run button, the page a
// "Run all" and a "Stop" button, and cells run, in order of running, as the submissions of one C#
// script in a Web Worker (worker.js beside this file), as in a notebook kernel. A cell element
// carries data-cell-state (idle, running, ok, failed); its outputs are in its [data-cell-output].
(function () {
  'use strict';
  var meta = document.querySelector('meta[name="lectures-runtime"]');
  if (!meta || typeof Worker === 'undefined') { return; }
  var workerUrl = meta.getAttribute('content');
  var cells = Array.prototype.slice.call(document.querySelectorAll('main div.cell'));
  if (cells.length === 0) { return; }

  // ---- C# highlighting for edited cells (the page's own highlighting is the compiler's, until an edit)
  var keywords = new Set(('abstract as base bool byte char checked class const decimal default delegate double enum event explicit extern false ' +
    'fixed float implicit in int interface internal is lock long namespace new null object operator out override params private protected public ' +
    'readonly ref sbyte sealed short sizeof stackalloc static string struct this true typeof uint ulong unchecked unsafe ushort using virtual void ' +
    'volatile var dynamic record init required get set value nameof with and or not when async await').split(' '));
  var control = new Set('if else switch case do for foreach while break continue return throw try catch finally goto yield'.split(' '));
  var token = /(\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$))|(\$?@"(?:[^"]|"")*"?|\$?"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?)|(^[ \t]*#[^\n]*)|(\b\d[\d_]*(?:\.\d[\d_]*)?(?:[eE][+-]?\d+)?[fFdDmMuUlL]*\b)|([A-Za-z_][A-Za-z0-9_]*)/gm;
  function escape(text) { return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'); }
  function highlight(code) {
    var html = '', last = 0, m;
    token.lastIndex = 0;
    while ((m = token.exec(code)) !== null) {
      if (m[0].length === 0) { token.lastIndex++; continue; }
      html += escape(code.slice(last, m.index));
      var css = m[1] ? 'com' : m[2] ? 'str' : m[3] ? 'pre' : m[4] ? 'num'
        : keywords.has(m[5]) ? 'kw' : control.has(m[5]) ? 'ctl' : /^[A-Z]/.test(m[5]) ? 'type' : '';
      html += css ? '<span class="' + css + '">' + escape(m[0]) + '</span>' : escape(m[0]);
      last = m.index + m[0].length;
    }
    return html + escape(code.slice(last)) + '\n';
  }

  // ---- the kernel: one worker; ending it is how a cell is stopped
  var worker = null, waiting = new Map(), nextId = 1, status;
  function startWorker() {
    if (worker) { return; }
    say('Loading the C# runtime…');
    worker = new Worker(workerUrl, { type: 'module' });
    worker.onmessage = function (e) {
      var m = e.data;
      if (m.type === 'ready') {
        say('C# runs in this page (' + (m.milliseconds / 1000).toFixed(1) + ' s to start).');
      } else if (m.type === 'broken') {
        fail('The C# runtime could not start: ' + m.message);
      } else if (m.type === 'result' && waiting.has(m.id)) {
        var done = waiting.get(m.id);
        waiting.delete(m.id);
        done(m.run);
      }
    };
    worker.onerror = function (e) { e.preventDefault(); fail('The C# runtime stopped: ' + (e.message || 'an error in the worker')); };
  }
  function fail(message) {
    say(message);
    var pending = Array.from(waiting.values());
    endWorker();
    pending.forEach(function (done) { done({ state: 'failed', outputs: [{ kind: 'error', text: message }] }); });
  }
  function endWorker() {
    if (worker) { worker.terminate(); worker = null; }
    waiting.clear();
  }
  function submit(code) {
    startWorker();
    return new Promise(function (resolve) {
      var id = nextId++;
      waiting.set(id, resolve);
      worker.postMessage({ type: 'run', id: id, code: code });
    });
  }

  // ---- outputs, drawn as the page draws the runner's
  function figureFor(json) {
    var figure = JSON.parse(json);
    var layout = figure.layout || {};
    delete layout.width;
    layout.autosize = true;
    var config = figure.config || {};
    config.responsive = true;
    config.displaylogo = false;
    return { data: figure.data, layout: layout, config: config };
  }
  function show(box, outputs) {
    box.textContent = '';
    outputs.forEach(function (o) {
      var el;
      if (o.kind === 'stdout' || o.kind === 'stderr' || o.kind === 'text') {
        el = document.createElement('pre');
        el.className = 'output';
        if (o.kind === 'stderr') {
          var span = document.createElement('span');
          span.className = 'stderr';
          span.textContent = o.text;
          el.appendChild(span);
        } else {
          el.textContent = o.text;
        }
      } else if (o.kind === 'note') {
        el = document.createElement('p');
        el.className = 'note';
        el.textContent = o.text;
      } else if (o.kind === 'chart') {
        el = document.createElement('figure');
        el.className = 'chart';
        var plot = document.createElement('div');
        plot.className = 'plot';
        el.appendChild(plot);
        box.appendChild(el);
        try {
          var f = figureFor(o.text);
          Plotly.newPlot(plot, f.data, f.layout, f.config);
        } catch (e) {
          plot.textContent = 'This chart could not be drawn: ' + e;
        }
        return;
      } else {
        el = document.createElement('div');
        el.className = 'error';
        var pre = document.createElement('pre');
        pre.textContent = o.text;
        el.appendChild(pre);
      }
      box.appendChild(el);
    });
  }

  // ---- the cells
  var entries = cells.map(function (cell, index) {
    var pre = cell.querySelector('pre.code');
    var source = pre.textContent.replace(/\n$/, '');
    var box = document.createElement('div');
    box.setAttribute('data-cell-output', '');
    while (pre.nextSibling) { box.appendChild(pre.nextSibling); }
    var editor = document.createElement('div');
    editor.className = 'editor';
    var view = document.createElement('pre');
    view.className = 'code';
    view.setAttribute('aria-hidden', 'true');
    var code = pre.querySelector('code') || pre;
    view.innerHTML = '<code>' + code.innerHTML + '</code>';
    var input = document.createElement('textarea');
    input.className = 'code-input';
    input.value = source;
    input.spellcheck = false;
    input.setAttribute('autocapitalize', 'off');
    input.setAttribute('autocomplete', 'off');
    input.setAttribute('aria-label', 'C# code of cell ' + (index + 1));
    editor.appendChild(view);
    editor.appendChild(input);
    var bar = document.createElement('div');
    bar.className = 'cell-bar';
    var run = document.createElement('button');
    run.type = 'button';
    run.textContent = 'Run';
    bar.appendChild(run);
    pre.replaceWith(editor);
    cell.insertBefore(bar, editor);
    cell.appendChild(box);
    cell.setAttribute('data-cell-state', 'idle');
    var entry = { cell: cell, input: input, box: box, prompt: cell.querySelector('.prompt') };
    input.addEventListener('input', function () { view.innerHTML = '<code>' + highlight(input.value) + '</code>'; });
    input.addEventListener('keydown', function (e) {
      if (e.key === 'Tab' && !e.shiftKey && !e.ctrlKey && !e.altKey) {
        e.preventDefault();
        input.setRangeText('    ', input.selectionStart, input.selectionEnd, 'end');
        input.dispatchEvent(new Event('input'));
      } else if (e.key === 'Enter' && (e.shiftKey || e.ctrlKey)) {
        e.preventDefault();
        runOne(entry);
      }
    });
    run.addEventListener('click', function () { runOne(entry); });
    return entry;
  });

  // ---- running: one cell at a time, in the order asked
  var busy = false, stopped = false, count = 0;
  async function execute(entry) {
    entry.cell.setAttribute('data-cell-state', 'running');
    entry.box.textContent = '';
    var run = await submit(entry.input.value);
    if (stopped) { return run; }
    // The runtime ended with this run: the next run starts a new session in a new worker.
    if (run.sessionEnded) {
      endWorker();
      say('The C# session ended; the next run starts a new one.');
    }
    count++;
    if (entry.prompt) { entry.prompt.textContent = '[' + count + ']'; }
    show(entry.box, run.outputs || []);
    entry.cell.setAttribute('data-cell-state', run.state === 'ok' ? 'ok' : 'failed');
    if (run.browserLimit) { entry.cell.setAttribute('data-browser-limit', ''); } else { entry.cell.removeAttribute('data-browser-limit'); }
    return run;
  }
  async function exclusive(work) {
    if (busy) { return; }
    busy = true;
    stopped = false;
    stop.disabled = false;
    try { await work(); } finally { busy = false; stop.disabled = true; }
  }
  function runOne(entry) { return exclusive(function () { return execute(entry); }); }
  function runAll() {
    return exclusive(async function () {
      var started = performance.now();
      for (var i = 0; i < entries.length && !stopped; i++) {
        say('Running cell ' + (i + 1) + ' of ' + entries.length + '…');
        var run = await execute(entries[i]);
        if (!stopped && run.sessionEnded) {
          say('Stopped at cell ' + (i + 1) + ', which ended the C# session; the next run starts a new one.');
          return;
        }
        if (!stopped && run.state !== 'ok' && !run.browserLimit) {
          say('Stopped at cell ' + (i + 1) + ', which failed.');
          return;
        }
      }
      if (!stopped) { say('Ran ' + entries.length + ' cells in ' + ((performance.now() - started) / 1000).toFixed(1) + ' s.'); }
    });
  }

  // ---- the page's bar
  var toolbar = document.createElement('div');
  toolbar.className = 'run-bar';
  var all = document.createElement('button');
  all.type = 'button';
  all.textContent = 'Run all';
  var stop = document.createElement('button');
  stop.type = 'button';
  stop.textContent = 'Stop';
  stop.disabled = true;
  status = document.createElement('span');
  status.className = 'run-status';
  status.setAttribute('role', 'status');
  toolbar.appendChild(all);
  toolbar.appendChild(stop);
  toolbar.appendChild(status);
  var main = document.querySelector('main');
  main.insertBefore(toolbar, main.firstChild);
  function say(text) { status.textContent = text; }
  all.addEventListener('click', runAll);
  stop.addEventListener('click', function () {
    stopped = true;
    var running = entries.filter(function (e) { return e.cell.getAttribute('data-cell-state') === 'running'; });
    var pending = Array.from(waiting.values());
    endWorker();
    running.forEach(function (e) {
      show(e.box, [{ kind: 'error', text: 'Stopped. The C# session was restarted: cells run from now on start from nothing, so run the cells this one needs again first.' }]);
      e.cell.setAttribute('data-cell-state', 'failed');
    });
    pending.forEach(function (done) { done({ state: 'failed', outputs: [] }); });
    say('Stopped; the next run starts a new C# session.');
  });

  // The runtime starts loading at once, so the first cell's answer does not wait for the download.
  startWorker();
})();
