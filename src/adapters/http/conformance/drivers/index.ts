import type { DialectDriver, DialectName } from '../dialect-driver.js';
import { kiiDriver } from './kii.js';
import { nativeDriver } from './native.js';
import { onezoneDriver } from './onezone.js';
import { unifiedAssuranceDriver } from './unified-assurance.js';
import { vrniDriver } from './vrni.js';

/** One driver per dialect; the Record makes a new DialectName fail to compile until its driver exists. */
export const drivers: Record<DialectName, DialectDriver> = {
  native: nativeDriver,
  vrni: vrniDriver,
  onezone: onezoneDriver,
  unifiedAssurance: unifiedAssuranceDriver,
  kii: kiiDriver,
};
