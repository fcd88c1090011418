import { InvalidArgumentError, Option } from 'commander';
import { DEFAULT_TENANT_ID } from '../../core/tenants/tenant.js';

/** `--tenant <id>`, defaulting to the default tenant. */
export function tenantOption(): Option {
  return new Option('-t, --tenant <id>', 'the tenant').default(DEFAULT_TENANT_ID);
}

/** A commander argument parser for a whole number within bounds; commander reports a refusal as bad usage. */
export function wholeNumber(min: number, max: number): (raw: string) => number {
  return (raw) => {
    const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      throw new InvalidArgumentError(`Expected a whole number from ${min} to ${max}.`);
    }
    return value;
  };
}
