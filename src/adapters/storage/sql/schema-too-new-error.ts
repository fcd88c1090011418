/** Raised when the database was migrated by a newer version of the service than this one. */
export class SchemaTooNewError extends Error {
  readonly unknownMigrations: string[];

  constructor(unknownMigrations: string[]) {
    super(
      `the database schema is newer than this version of passwarden: it has migration(s) ${unknownMigrations.join(', ')} ` +
        'that this code does not know. Run the newer version, or restore a backup taken before it migrated.',
    );
    this.name = 'SchemaTooNewError';
    this.unknownMigrations = unknownMigrations;
  }
}
