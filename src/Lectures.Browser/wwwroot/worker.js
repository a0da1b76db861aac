// The notebook's kernel: the .NET runtime and the C# compiler in this worker, answering the page's
// messages one at a time. {type: 'run', id, code} compiles and runs a cell after the earlier ones
// and answers {type: 'result', id, run}. The page ends the worker to stop a cell. A run that ends
// the runtime itself (its interpreter's stack has a fixed size, and overflowing it is fatal)
// answers with run.sessionEnded set, and the page then starts a new worker for the next run.
import { dotnet } from './_framework/dotnet.js';

const framework = new URL('./_framework/', import.meta.url).href;
const deepRecursion = "This cell recursed deeper than a browser's stack allows, which ended the C# session (cells run from now on start from nothing); run it in an editor or with the runner.";
let overflowed = false;
const ready = (async () => {
  const started = performance.now();
  const runtime = await dotnet.withConfig({ disableIntegrityCheck: true })
    .withModuleConfig({
      // The runtime's last words name a stack overflow; they still go to the console.
      printErr: text => {
        if (String(text).includes('System.StackOverflowException')) { overflowed = true; }
        console.error(text);
      },
    })
    .create();
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
      // The cell's own exceptions come back as its outputs: this is the runtime failing, which leaves it unusable.
      const text = overflowed ? deepRecursion
        : 'The C# runtime failed (' + String(e && e.message || e) + '), which ended the C# session: cells run from now on start from nothing.';
      postMessage({ type: 'result', id: message.id, run: { state: 'failed', browserLimit: overflowed ? deepRecursion : null, sessionEnded: true, outputs: [{ kind: 'error', text }] } });
    }
  });
};
