-- Versioned references per model: registering a reference again makes the next version; a retired version is
-- kept (its runs point to it) but no new run may use it. Idempotent, like V4 (consumers' tests run it too).
alter table store.reference_profile add column if not exists version integer;
alter table store.reference_profile add column if not exists retired_at timestamptz;
-- where the configuration came from: 'inline', the path or URL it was read from, or 'inferred'
alter table store.reference_profile add column if not exists config_source text;
update store.reference_profile p set version = v.n
  from (select reference_id, row_number() over (partition by model_id order by created_at, reference_id) as n
          from store.reference_profile) v
 where p.reference_id = v.reference_id and p.version is null;
update store.reference_profile set config_source = 'unknown (registered before versions)' where config_source is null;
alter table store.reference_profile alter column version set not null;
alter table store.reference_profile alter column config_source set not null;
create unique index if not exists reference_profile_model_version on store.reference_profile (model_id, version);
