import { InvalidArgumentError, type Command } from 'commander';
import type { PartialPolicy } from '../../core/credentials/password-policy.js';
import { wholeNumber } from './options.js';

/**
 * The tenant policy settings as command-line options, shared by `tenants create` and `tenants update`.
 * Only the range a number can take is checked here; the core's validatePolicy judges the policy as a
 * whole (bounds, min ≤ max) and its refusal names the option.
 */
const onOff = (raw: string): boolean => {
  if (raw === 'on' || raw === 'true' || raw === 'yes') return true;
  if (raw === 'off' || raw === 'false' || raw === 'no') return false;
  throw new InvalidArgumentError('Expected on or off.');
};
// commander drops a null returned by a parser, so "never" travels as 0 and becomes null below.
const daysOrNever = (raw: string): number => (raw === 'never' ? 0 : wholeNumber(0, 100_000)(raw));
const count = wholeNumber(0, 10_000_000);

export interface PolicyOptionValues {
  minLength?: number;
  maxLength?: number;
  rejectCommon?: boolean;
  rejectContext?: boolean;
  breachCheck?: boolean;
  historyDepth?: number;
  minAgeSeconds?: number;
  maxAgeDays?: number;
  minStrengthScore?: number;
  adminSetTemporary?: boolean;
  reauthenticationWindowSeconds?: number;
  freeFailures?: number;
  firstDelaySeconds?: number;
  maxDelaySeconds?: number;
  disableAfterFailures?: number;
}

export function addPolicyOptions(command: Command): Command {
  return command
    .option('--min-length <n>', 'minimum password length in characters (code points)', count)
    .option('--max-length <n>', 'maximum password length in characters', count)
    .option('--reject-common <on|off>', 'refuse passwords on the common-password list', onOff)
    .option('--reject-context <on|off>', 'refuse passwords containing or resembling the username, e-mail, names', onOff)
    .option('--breach-check <on|off>', 'consult the breach corpus when the deployment has one', onOff)
    .option('--history-depth <n>', 'refuse the last n passwords (0: keep none)', count)
    .option('--min-age-seconds <n>', 'seconds before a user may change their password again', count)
    .option('--max-age-days <n|never>', 'days after which log-in only allows a password change (never or 0: passwords do not expire)', daysOrNever)
    .option('--min-strength-score <0-4>', 'minimum zxcvbn score of a new password (0: off)', count)
    .option('--admin-set-temporary <on|off>', "an administrator's password must be changed at next log-in", onOff)
    .option('--reauthentication-window-seconds <n>', 'how recent a log-in must be to change a password without the current one', count)
    .option('--free-failures <n>', 'failed attempts before waits begin', count)
    .option('--first-delay-seconds <n>', 'first wait after the free failures (doubles each time)', count)
    .option('--max-delay-seconds <n>', 'longest wait', count)
    .option('--disable-after-failures <n>', 'consecutive failures that disable the password until an administrator sets one', count);
}

/** The options given, as a partial policy to merge over the current one; undefined when none was given. */
export function policyFromOptions(values: PolicyOptionValues): PartialPolicy | undefined {
  const policy: PartialPolicy = {};
  const lockout: NonNullable<PartialPolicy['lockout']> = {};
  if (values.minLength !== undefined) policy.minLength = values.minLength;
  if (values.maxLength !== undefined) policy.maxLength = values.maxLength;
  if (values.rejectCommon !== undefined) policy.rejectCommon = values.rejectCommon;
  if (values.rejectContext !== undefined) policy.rejectContext = values.rejectContext;
  if (values.breachCheck !== undefined) policy.breachCheck = values.breachCheck;
  if (values.historyDepth !== undefined) policy.historyDepth = values.historyDepth;
  if (values.minAgeSeconds !== undefined) policy.minAgeSeconds = values.minAgeSeconds;
  if (values.maxAgeDays !== undefined) policy.maxAgeDays = values.maxAgeDays === 0 ? null : values.maxAgeDays;
  if (values.minStrengthScore !== undefined) policy.minStrengthScore = values.minStrengthScore;
  if (values.adminSetTemporary !== undefined) policy.adminSetTemporaryByDefault = values.adminSetTemporary;
  if (values.reauthenticationWindowSeconds !== undefined) policy.reauthenticationWindowSeconds = values.reauthenticationWindowSeconds;
  if (values.freeFailures !== undefined) lockout.freeFailures = values.freeFailures;
  if (values.firstDelaySeconds !== undefined) lockout.firstDelaySeconds = values.firstDelaySeconds;
  if (values.maxDelaySeconds !== undefined) lockout.maxDelaySeconds = values.maxDelaySeconds;
  if (values.disableAfterFailures !== undefined) lockout.disableAfterFailures = values.disableAfterFailures;
  if (Object.keys(lockout).length > 0) policy.lockout = lockout;
  return Object.keys(policy).length > 0 ? policy : undefined;
}
