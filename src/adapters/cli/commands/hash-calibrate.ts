import type { Command } from 'commander';
import type { CliDeps } from '../cli-deps.js';
import { commandGroup } from '../create-program.js';
import { wholeNumber } from '../options.js';

interface HashCalibrateOptions {
  targetMs: number;
  memoryKib: number;
  parallelism: number;
  samples: number;
}

export function registerHashCalibrate(program: Command, deps: CliDeps): void {
  commandGroup(program, 'hash')
    .command('calibrate')
    .description('time argon2id here and suggest PASSWARDEN_ARGON2_* settings for the wanted time per hash')
    .option('--target-ms <ms>', 'wanted time per hash, in milliseconds', wholeNumber(1, 60_000), 250)
    .option('--memory-kib <KiB>', 'memory per hash, in KiB', wholeNumber(1, 4_194_304), 19_456)
    .option('--parallelism <n>', 'lanes per hash', wholeNumber(1, 64), 1)
    .option('--samples <n>', 'hashes timed per measurement', wholeNumber(1, 25), 5)
    .addHelpText('after', '\nThe suggested lines go to standard output, ready to append to an environment file.')
    .action(async (options: HashCalibrateOptions) => {
      deps.err(`Timing argon2id with ${options.memoryKib} KiB and parallelism ${options.parallelism}…`);
      const result = await deps.calibrate({
        targetMs: options.targetMs,
        memoryKiB: options.memoryKib,
        parallelism: options.parallelism,
        samples: options.samples,
      });
      deps.out(`PASSWARDEN_ARGON2_MEMORY_KIB=${result.memoryKiB}`);
      deps.out(`PASSWARDEN_ARGON2_ITERATIONS=${result.iterations}`);
      deps.out(`PASSWARDEN_ARGON2_PARALLELISM=${result.parallelism}`);
      deps.out(`# measured ${Math.round(result.medianMs)} ms per hash on this machine (target ${result.targetMs} ms)`);
      if (result.cappedAtCeiling) {
        deps.out(`# the target needs more than ${result.iterations} iterations, the most that will be verified: raise --memory-kib instead`);
      }
    });
}
