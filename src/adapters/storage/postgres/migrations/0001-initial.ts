import { sql, type Kysely, type Migration } from 'kysely';

// Keys compare byte by byte ("C" collation) whatever the database's locale: listing order and cursors
// then match the other stores, and do not change if the database is restored under another locale.
const key = sql`text collate "C"`;

// Migrations receive Kysely<unknown>: they must not depend on the current Database type, which moves on.
// Constraint and index names are fixed here because unique violations are mapped back to fields by name.
export const initial: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('tenants')
      .addColumn('id', key, (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('policy', 'text', (c) => c.notNull())
      .addColumn('kii', 'text')
      .addColumn('kii_app_id', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('tenants_pk', ['id'])
      .execute();
    await db.schema.createIndex('tenants_kii_app_id_unique').on('tenants').column('kii_app_id').unique().execute();

    await db.schema
      .createTable('users')
      .addColumn('id', key, (c) => c.notNull())
      .addColumn('tenant_id', key, (c) => c.notNull())
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('username_key', key, (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('email_key', key)
      .addColumn('display_name', 'text')
      .addColumn('roles', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('users_pk', ['id'])
      .addForeignKeyConstraint('users_tenant_fk', ['tenant_id'], 'tenants', ['id'])
      // The target of the composite foreign keys below: a row can only point at a user of its own tenant.
      .addUniqueConstraint('users_tenant_id_id_unique', ['tenant_id', 'id'])
      .execute();
    await db.schema.createIndex('users_username_key_unique').on('users').columns(['tenant_id', 'username_key']).unique().execute();
    // NULLs are distinct in a unique index: many users may have no e-mail.
    await db.schema.createIndex('users_email_key_unique').on('users').columns(['tenant_id', 'email_key']).unique().execute();

    await db.schema
      .createTable('password_credentials')
      .addColumn('tenant_id', key, (c) => c.notNull())
      .addColumn('user_id', key, (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('temporary', 'integer', (c) => c.notNull())
      .addColumn('changed_at', 'bigint', (c) => c.notNull())
      .addColumn('disabled_at', 'bigint')
      .addColumn('version', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('password_credentials_pk', ['tenant_id', 'user_id'])
      .addForeignKeyConstraint('password_credentials_user_fk', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'id'], (fk) => fk.onDelete('cascade'))
      .execute();

    await db.schema
      .createTable('sessions')
      .addColumn('id', key, (c) => c.notNull())
      .addColumn('tenant_id', key, (c) => c.notNull())
      .addColumn('user_id', key, (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
      .addColumn('authenticated_at', 'bigint', (c) => c.notNull())
      .addColumn('password_change_only', 'integer', (c) => c.notNull())
      .addColumn('origin', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('sessions_pk', ['id'])
      .addForeignKeyConstraint('sessions_user_fk', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'id'], (fk) => fk.onDelete('cascade'))
      .execute();
    await db.schema.createIndex('sessions_user').on('sessions').columns(['tenant_id', 'user_id']).execute();
    await db.schema.createIndex('sessions_expires_at').on('sessions').column('expires_at').execute();

    // Keyed by username key, not user id, so unknown usernames are throttled like real ones: no foreign key.
    await db.schema
      .createTable('attempt_throttle')
      .addColumn('tenant_id', key, (c) => c.notNull())
      .addColumn('throttle_key', key, (c) => c.notNull())
      .addColumn('failures', 'bigint', (c) => c.notNull())
      .addColumn('locked_until', 'bigint')
      .addColumn('last_failure_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('attempt_throttle_pk', ['tenant_id', 'throttle_key'])
      .execute();

    // The audit trail outlives the users and sessions it mentions: no foreign keys. `seq` comes from an
    // identity sequence: unique and increasing in order of appending, the tie-break of the listing order.
    await db.schema
      .createTable('audit_events')
      .addColumn('id', key, (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull().generatedAlwaysAsIdentity())
      .addColumn('tenant_id', key, (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor_kind', 'text', (c) => c.notNull())
      .addColumn('subject_id', 'text')
      .addColumn('ip', 'text')
      .addColumn('user_agent', 'text')
      .addColumn('request_id', 'text')
      .addColumn('dialect', 'text')
      .addColumn('reason', 'text')
      .addPrimaryKeyConstraint('audit_events_pk', ['id'])
      .addUniqueConstraint('audit_events_seq_unique', ['seq'])
      .execute();
    await db.schema.createIndex('audit_events_tenant_at').on('audit_events').columns(['tenant_id', 'at', 'seq']).execute();
  },

  async down(db: Kysely<unknown>) {
    for (const table of ['audit_events', 'attempt_throttle', 'sessions', 'password_credentials', 'users', 'tenants']) {
      await db.schema.dropTable(table).execute();
    }
  },
};
