-- The model's reference version a run compares against (runs from before versions keep null).
alter table run add column if not exists reference_version integer;
