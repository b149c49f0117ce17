-- There is always at least one active administrator, so nobody can lock the company out of its
-- users, tokens and settings (docs/domain-model.md §7). The services check it for a friendly
-- message; this trigger makes it hold for every writer, including two administrators who
-- deactivate or demote each other at the same moment, and SQL typed by hand.
--
-- The check runs when the transaction commits (a deferred constraint trigger), so it judges the
-- transaction's final state. Counting alone is not enough under concurrency: two transactions
-- that each remove one of two administrators each see the other still active. So the check first
-- takes a transaction-scoped advisory lock that every such check takes; under READ COMMITTED the
-- count that follows sees whatever the previous holder committed. A REPEATABLE READ snapshot
-- cannot see that commit, so there the check instead locks the administrators it counts on: a
-- concurrent change to one of them makes the transaction fail (serialization failure or
-- deadlock), never commit. SERIALIZABLE transactions are also covered by PostgreSQL's own
-- write-skew detection. The refusal is SQLSTATE LL002; packages/services maps it to CONFLICT.

-- The lock every change to the set of active administrators takes: this trigger, and
-- packages/services/src/users/users.ts before it counts the other administrators. Key
-- (1001, 0) of pg_advisory_xact_lock(int, int); packages/services/src/advisory-locks.ts lists
-- every key Ledgerline uses.
CREATE FUNCTION "lock_active_administrators"() RETURNS void
LANGUAGE sql AS $$
  SELECT pg_advisory_xact_lock(1001, 0);
$$;

CREATE FUNCTION "keep_an_active_administrator"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('transaction_isolation') = 'repeatable read' THEN
    PERFORM 1 FROM users WHERE role = 'admin' AND active FOR SHARE;
    IF FOUND THEN
      RETURN NULL;
    END IF;
  ELSE
    PERFORM "lock_active_administrators"();
    IF EXISTS (SELECT 1 FROM users WHERE role = 'admin' AND active) THEN
      RETURN NULL;
    END IF;
  END IF;
  RAISE EXCEPTION 'This is the last active administrator; make someone else an administrator first.'
    USING ERRCODE = 'LL002';
END
$$;

CREATE CONSTRAINT TRIGGER "users_keep_an_active_administrator"
  AFTER UPDATE OF "role", "active" OR DELETE ON "users"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW
  WHEN (OLD."role" = 'admin' AND OLD."active")
  EXECUTE FUNCTION "keep_an_active_administrator"();
