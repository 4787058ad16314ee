-- The metric's no-change band at the batch's size (docs/metrics.md, "No-change bands"): its value under no change
-- and its standard error there; null for a metric without a band. A rule fires only outside
-- band_expected ± band_sigma · band_error.
alter table metrics_log add column if not exists band_expected double precision;
alter table metrics_log add column if not exists band_error double precision;
