import { sql, type Kysely, type Migration } from 'kysely';

// As in 0001: keys compare byte by byte whatever the database's locale.
const key = sql`text collate "C"`;

// Migrations receive Kysely<unknown>: they must not depend on the current Database type, which moves on.
export const passwordHistory: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('password_credentials').addColumn('expired_at', 'bigint').execute();
    // Keyed by the replaced credential's version, which only grows for a user: it orders the entries.
    await db.schema
      .createTable('password_history')
      .addColumn('tenant_id', key, (c) => c.notNull())
      .addColumn('user_id', key, (c) => c.notNull())
      .addColumn('version', 'bigint', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('changed_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('password_history_pk', ['tenant_id', 'user_id', 'version'])
      .addForeignKeyConstraint('password_history_user_fk', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'id'], (fk) => fk.onDelete('cascade'))
      .execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('password_history').execute();
    await db.schema.alterTable('password_credentials').dropColumn('expired_at').execute();
  },
};
