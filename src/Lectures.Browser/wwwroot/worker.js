// The notebook's kernel: the .NET runtime and the C# compiler in this worker, answering the page's
// messages one at a time. {type: 'run', id, code} compiles and runs a cell after the earlier ones
// and answers {type: 'result', id, run}. The page ends the worker to stop a cell.
import { dotnet } from './_framework/dotnet.js';

const framework = new URL('./_framework/', import.meta.url).href;
const ready = (async () => {
  const started = performance.now();
  const runtime = await dotnet.withConfig({ disableIntegrityCheck: true }).create();
  const exports = await runtime.getAssemblyExports(runtime.getConfig().mainAssemblyName);
  const session = JSON.parse(await exports.Lectures.Browser.WorkerExports.StartAsync(framework));
  postMessage({ type: 'ready', milliseconds: performance.now() - started, assemblies: session.assemblies });
  return exports.Lectures.Browser.WorkerExports;
})();
ready.catch(e => postMessage({ type: 'broken', message: String(e && e.message || e) }));

let queue = Promise.resolve();
self.onmessage = event => {
  const message = event.data;
  if (message.type !== 'run') { return; }
  queue = queue.then(async () => {
    try {
      const kernel = await ready;
      const run = JSON.parse(await kernel.RunAsync(message.code));
      postMessage({ type: 'result', id: message.id, run });
    } catch (e) {
      postMessage({ type: 'result', id: message.id, run: { state: 'failed', outputs: [{ kind: 'error', text: 'The C# runtime failed: ' + String(e && e.message || e) }] } });
    }
  });
};
