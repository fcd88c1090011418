import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sha1Hex } from '../sha1-hex.js';

export interface RangeServer {
  /** http://127.0.0.1:<port>, with no trailing slash. */
  url: string;
  /** Every request: path and headers. */
  readonly requests: Array<{ path: string; headers: IncomingHttpHeaders }>;
  /** Answer every later request with this status instead of a range. */
  status: number;
  /** Hold every later answer this long (to provoke a time-out). */
  delayMs: number;
  close(): Promise<void>;
}

/**
 * A local stand-in for the Pwned Passwords range API: `GET /range/<PREFIX>` answers `SUFFIX:COUNT`
 * lines (CRLF) for the given passwords, plus count-0 padding lines as the real API adds them.
 */
export async function startRangeServer(breached: Record<string, number>): Promise<RangeServer> {
  const ranges = new Map<string, string[]>();
  for (const [password, count] of Object.entries(breached)) {
    const hash = sha1Hex(password);
    const lines = ranges.get(hash.slice(0, 5)) ?? [];
    lines.push(`${hash.slice(5)}:${count}`);
    ranges.set(hash.slice(0, 5), lines);
  }
  const requests: RangeServer['requests'] = [];
  const server = createServer((request, response) => {
    const path = request.url ?? '';
    requests.push({ path, headers: request.headers });
    const answer = () => {
      const match = /^\/range\/([0-9A-F]{5})$/.exec(path);
      if (state.status !== 200 || !match) {
        response.writeHead(match ? state.status : 404).end();
        return;
      }
      const padding = ['0'.repeat(35) + ':0', 'F'.repeat(35) + ':0'];
      response.writeHead(200, { 'content-type': 'text/plain' }).end([...(ranges.get(match[1] as string) ?? []), ...padding].join('\r\n'));
    };
    if (state.delayMs > 0) setTimeout(answer, state.delayMs);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const state: RangeServer = {
    url: `http://127.0.0.1:${port}`,
    requests,
    status: 200,
    delayMs: 0,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
  return state;
}
