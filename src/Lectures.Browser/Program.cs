// The runtime is started by wwwroot/worker.js, which calls the exports of WorkerExports directly:
// there is nothing to do at start-up.
return 0;
