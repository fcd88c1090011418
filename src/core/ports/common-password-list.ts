/** The list of passwords too common to allow. */
export interface CommonPasswordList {
  /** Receives an NFC, lower-cased candidate; answers synchronously from memory. */
  contains(normalisedLowerCase: string): boolean;
  readonly size: number;
}
