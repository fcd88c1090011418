// The real passwarden server as shipped (the compiled dist/, as `npm start` runs it), started as a
// child of the benchmark. It reports its own event-loop delay and peak RSS over IPC so the load
// generator's work is not counted against it. `npm run bench` builds dist/ first.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadConfig } from '../dist/main/config.js';
import { startServer } from '../dist/main/serve.js';

const delay = monitorEventLoopDelay({ resolution: 5 });
// process.memoryUsage.rss() reads the resident size alone; the full memoryUsage() also walks V8's
// heap statistics, which at every 5 ms showed up in the server's own profile.
let peakRss = process.memoryUsage.rss();
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}, 5);
sampler.unref();

const server = await startServer(loadConfig(), () => {});
delay.enable();
process.send?.({ type: 'ready', url: server.url });

process.on('message', async (message) => {
  if (message.type === 'reset') {
    delay.reset();
    peakRss = process.memoryUsage.rss();
    process.send?.({ type: 'reset' });
  } else if (message.type === 'read') {
    process.send?.({
      type: 'stats',
      eventLoopP99Ms: delay.percentile(99) / 1e6,
      eventLoopMaxMs: delay.max / 1e6,
      peakRssMiB: Math.max(peakRss, process.memoryUsage.rss()) / 1024 / 1024,
      hashing: server.container.hashingStats(),
    });
  } else if (message.type === 'stop') {
    await server.close();
    process.exit(0);
  }
});
