-- The shared custody log: plans an administrator registers, the device roles allowed on each, the
-- claims that give every log one writer, and the items and events themselves. Rows are only ever
-- inserted: device roles hold SELECT and INSERT (per column where the server stamps the rest), and
-- row-level security keeps each plan's rows to its own roles. Run by the owner role (`db init`).

CREATE SCHEMA integrity;

-- The group every device role belongs to; the grants below are made to it once.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'integrity_device') THEN
        CREATE ROLE integrity_device NOLOGIN;
    END IF;
END
$$;

-- A plan, registered by an administrator: sync refuses a plan id that is not here.
CREATE TABLE integrity.plans (
    plan_id uuid PRIMARY KEY,
    name text NOT NULL,
    registered_at timestamptz NOT NULL DEFAULT now(),
    registered_by name NOT NULL DEFAULT current_user
);

-- Which database roles may read and write which plan.
CREATE TABLE integrity.device_roles (
    plan_id uuid NOT NULL REFERENCES integrity.plans,
    role_name name NOT NULL,
    added_at timestamptz NOT NULL DEFAULT now(),
    added_by name NOT NULL DEFAULT current_user,
    PRIMARY KEY (plan_id, role_name)
);

-- One writer per log: the first device to claim a log holds it; claims are never changed.
CREATE TABLE integrity.log_claims (
    plan_id uuid NOT NULL REFERENCES integrity.plans,
    log text NOT NULL CHECK (log <> '' AND length(log) <= 200),
    device text NOT NULL CHECK (device <> ''),
    claimed_by name NOT NULL DEFAULT current_user,
    claimed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (plan_id, log),
    UNIQUE (plan_id, log, claimed_by)
);

-- The custody items (the expected boxes and batches): a correction is a new version.
CREATE TABLE integrity.items (
    row_no bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    plan_id uuid NOT NULL REFERENCES integrity.plans,
    item_id uuid NOT NULL,
    version integer NOT NULL CHECK (version >= 1),
    content text NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    inserted_by name NOT NULL DEFAULT current_user,
    PRIMARY KEY (plan_id, item_id, version),
    CHECK ((content::json ->> 'id')::uuid = item_id)
);

-- The custody events. Each log is a hash chain (see `custody::chain`); the constraints keep it one:
-- an event's place is unique, it must follow its predecessor's exact hash (two racing inserts at
-- one place cannot both commit), the first event follows the genesis hash, the canonical text
-- names the row's own id, log and place, and the server recomputes the hash from the text. Only
-- the device that claimed a log inserts into it.
CREATE TABLE integrity.events (
    event_id uuid PRIMARY KEY,
    plan_id uuid NOT NULL,
    log text NOT NULL,
    seq bigint NOT NULL CHECK (seq >= 1),
    previous_seq bigint GENERATED ALWAYS AS (CASE WHEN seq > 1 THEN seq - 1 END) STORED,
    previous_hash text NOT NULL,
    canonical text NOT NULL,
    hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
    received_at timestamptz NOT NULL DEFAULT now(),
    inserted_by name NOT NULL DEFAULT current_user,
    UNIQUE (plan_id, log, seq),
    UNIQUE (plan_id, log, seq, hash),
    FOREIGN KEY (plan_id, log, inserted_by)
        REFERENCES integrity.log_claims (plan_id, log, claimed_by),
    FOREIGN KEY (plan_id, log, previous_seq, previous_hash)
        REFERENCES integrity.events (plan_id, log, seq, hash),
    CONSTRAINT genesis CHECK (
        (seq = 1) = (previous_hash = '0000000000000000000000000000000000000000000000000000000000000000')
    ),
    CONSTRAINT canonical_names_the_row CHECK (
        (canonical::json ->> 0) = 'custody-event/1'
        AND (canonical::json ->> 1)::uuid = event_id
        AND (canonical::json ->> 2) = log
        AND (canonical::json ->> 3)::bigint = seq
    ),
    CONSTRAINT hash_recomputed CHECK (
        hash = encode(sha256(convert_to(previous_hash || E'\n' || canonical, 'UTF8')), 'hex')
    )
);

CREATE INDEX items_by_plan_row ON integrity.items (plan_id, row_no);

-- Whether a plan id is registered at all, so sync can tell "not registered" from "not allowed".
CREATE FUNCTION integrity.plan_registered(id uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$ SELECT EXISTS (SELECT 1 FROM integrity.plans WHERE plan_id = id) $$;

-- A hint to listeners, once per statement and log: `plan:log:seq` of the newest event, on a
-- channel per plan. Listeners re-query; the payload is never trusted.
CREATE FUNCTION integrity.notify_events() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    newest record;
BEGIN
    FOR newest IN SELECT plan_id, log, max(seq) AS seq FROM inserted GROUP BY plan_id, log LOOP
        PERFORM pg_notify(
            'custody_' || replace(newest.plan_id::text, '-', ''),
            newest.plan_id::text || ':' || newest.log || ':' || newest.seq::text
        );
    END LOOP;
    RETURN NULL;
END
$$;

CREATE TRIGGER events_notify AFTER INSERT ON integrity.events
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION integrity.notify_events();

-- Device roles: read and insert, nothing else; the server stamps the rest.
GRANT USAGE ON SCHEMA integrity TO integrity_device;
GRANT SELECT ON integrity.plans, integrity.device_roles, integrity.log_claims, integrity.items,
    integrity.events TO integrity_device;
GRANT INSERT (plan_id, log, device) ON integrity.log_claims TO integrity_device;
GRANT INSERT (plan_id, item_id, version, content) ON integrity.items TO integrity_device;
GRANT INSERT (event_id, plan_id, log, seq, previous_hash, canonical, hash)
    ON integrity.events TO integrity_device;
GRANT EXECUTE ON FUNCTION integrity.plan_registered(uuid) TO integrity_device;
REVOKE EXECUTE ON FUNCTION integrity.plan_registered(uuid) FROM PUBLIC;

-- Row-level security: a role sees and writes only the plans it was added to.
ALTER TABLE integrity.device_roles ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON integrity.device_roles FOR SELECT TO integrity_device
    USING (role_name = current_user);

ALTER TABLE integrity.plans ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_plans ON integrity.plans FOR SELECT TO integrity_device
    USING (EXISTS (SELECT 1 FROM integrity.device_roles d
                   WHERE d.plan_id = plans.plan_id AND d.role_name = current_user));

ALTER TABLE integrity.log_claims ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_plans_read ON integrity.log_claims FOR SELECT TO integrity_device
    USING (EXISTS (SELECT 1 FROM integrity.device_roles d
                   WHERE d.plan_id = log_claims.plan_id AND d.role_name = current_user));
CREATE POLICY own_plans_write ON integrity.log_claims FOR INSERT TO integrity_device
    WITH CHECK (EXISTS (SELECT 1 FROM integrity.device_roles d
                        WHERE d.plan_id = log_claims.plan_id AND d.role_name = current_user));

ALTER TABLE integrity.items ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_plans_read ON integrity.items FOR SELECT TO integrity_device
    USING (EXISTS (SELECT 1 FROM integrity.device_roles d
                   WHERE d.plan_id = items.plan_id AND d.role_name = current_user));
CREATE POLICY own_plans_write ON integrity.items FOR INSERT TO integrity_device
    WITH CHECK (EXISTS (SELECT 1 FROM integrity.device_roles d
                        WHERE d.plan_id = items.plan_id AND d.role_name = current_user));

ALTER TABLE integrity.events ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_plans_read ON integrity.events FOR SELECT TO integrity_device
    USING (EXISTS (SELECT 1 FROM integrity.device_roles d
                   WHERE d.plan_id = events.plan_id AND d.role_name = current_user));
CREATE POLICY own_plans_write ON integrity.events FOR INSERT TO integrity_device
    WITH CHECK (EXISTS (SELECT 1 FROM integrity.device_roles d
                        WHERE d.plan_id = events.plan_id AND d.role_name = current_user));
