import { describe, expect, it } from 'vitest';
import { createFakeCli } from '../testing/fake-cli.js';
import { registerServe } from './serve.js';

describe('serve', () => {
  it('runs the service', async () => {
    const cli = await createFakeCli();
    expect(await cli.run(registerServe, ['serve'])).toBe(0);
    expect(cli.served).toBe(1);
  });

  it('reports a start-up failure in one line with exit code 1', async () => {
    const cli = await createFakeCli();
    cli.deps.serve = async () => {
      throw Object.assign(new Error('listen EADDRINUSE: address already in use 127.0.0.1:8080'), { code: 'EADDRINUSE' });
    };
    expect(await cli.run(registerServe, ['serve'])).toBe(1);
    expect(cli.stderr).toEqual(['error: listen EADDRINUSE: address already in use 127.0.0.1:8080']);
  });

  it('refuses arguments with exit code 2', async () => {
    const cli = await createFakeCli();
    expect(await cli.run(registerServe, ['serve', '--port', '9000'])).toBe(2);
    expect(cli.stderr[0]).toBe("error: unknown option '--port'");
    expect(cli.served).toBe(0);
  });

  it('describes itself with --help', async () => {
    const cli = await createFakeCli();
    expect(await cli.run(registerServe, ['serve', '--help'])).toBe(0);
    expect(cli.stdout.join('\n')).toContain('run the HTTP service');
  });
});
