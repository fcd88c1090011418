/** Text helpers shared by the password rules: lengths in code points and bytes, and the one normalisation. */

/** Number of Unicode code points (not UTF-16 units). */
export function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) length += 1;
  return length;
}

/** UTF-8 byte length without allocating an encoded copy. */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i += 1;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** The one normalisation applied to passwords: NFC, nothing else (no trimming, no case folding). */
export function normalisePassword(password: string): string {
  return password.normalize('NFC');
}


/** A candidate as every rule sees it: NFC, its lower-case form, and its length in code points. */
export interface Candidate {
  nfc: string;
  lower: string;
  length: number;
}

export function toCandidate(password: string): Candidate {
  const nfc = normalisePassword(password);
  return { nfc, lower: nfc.toLowerCase(), length: codePointLength(nfc) };
}
