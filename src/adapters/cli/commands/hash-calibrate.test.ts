import { describe, expect, it } from 'vitest';
import { UsageError } from '../cli-errors.js';
import { createFakeCli } from '../testing/fake-cli.js';
import { registerHashCalibrate } from './hash-calibrate.js';

describe('hash calibrate', () => {
  it('prints suggested environment lines and the measured time, with defaults', async () => {
    const cli = await createFakeCli();
    expect(await cli.run(registerHashCalibrate, ['hash', 'calibrate'])).toBe(0);
    expect(cli.calibrations).toEqual([{ targetMs: 250, memoryKiB: 19_456, parallelism: 1, samples: 5 }]);
    expect(cli.stdout).toEqual([
      'PASSWARDEN_ARGON2_MEMORY_KIB=19456',
      'PASSWARDEN_ARGON2_ITERATIONS=7',
      'PASSWARDEN_ARGON2_PARALLELISM=1',
      '# measured 248 ms per hash on this machine (target 250 ms)',
    ]);
  });

  it('passes the options and warns when the ceiling capped the iterations', async () => {
    const cli = await createFakeCli();
    cli.calibration = { memoryKiB: 65_536, iterations: 20, parallelism: 2, medianMs: 900, targetMs: 2000, cappedAtCeiling: true };
    const argv = ['hash', 'calibrate', '--target-ms', '2000', '--memory-kib', '65536', '--parallelism', '2', '--samples', '3'];
    expect(await cli.run(registerHashCalibrate, argv)).toBe(0);
    expect(cli.calibrations).toEqual([{ targetMs: 2000, memoryKiB: 65_536, parallelism: 2, samples: 3 }]);
    expect(cli.stdout.at(-1)).toContain('raise --memory-kib instead');
  });

  it.each([
    [['--target-ms', '0']],
    [['--target-ms', 'fast']],
    [['--parallelism', '65']],
    [['--memory-kib', '1.5']],
  ])('refuses %j with exit code 2 before timing anything', async (extra) => {
    const cli = await createFakeCli();
    expect(await cli.run(registerHashCalibrate, ['hash', 'calibrate', ...extra])).toBe(2);
    expect(cli.stderr[0]).toMatch(/is invalid\. Expected a whole number/);
    expect(cli.calibrations).toEqual([]);
  });

  it('exits 2 when the hasher refuses the parameters as usage', async () => {
    const cli = await createFakeCli();
    cli.deps.calibrate = async () => {
      throw new UsageError('argon2id memoryKiB must be an integer from 19456 to 1048576, got 1024');
    };
    expect(await cli.run(registerHashCalibrate, ['hash', 'calibrate', '--memory-kib', '1024'])).toBe(2);
    expect(cli.stderr).toContain('error: argon2id memoryKiB must be an integer from 19456 to 1048576, got 1024');
  });

  it('describes itself with --help', async () => {
    const cli = await createFakeCli();
    expect(await cli.run(registerHashCalibrate, ['hash', 'calibrate', '--help'])).toBe(0);
    const help = cli.stdout.join('\n');
    for (const text of ['suggest PASSWARDEN_ARGON2_*', '--target-ms <ms>', '(default: 250)', '--memory-kib <KiB>', '--parallelism <n>']) expect(help).toContain(text);
  });
});
