/** The file as a whole cannot be read as the format named (not JSON, wrong shape, bad CSV). No row is imported. */
export class ImportFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFormatError';
  }
}
