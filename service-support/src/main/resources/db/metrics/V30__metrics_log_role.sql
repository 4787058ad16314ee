-- What the column of a drift or PSI row is to the model: feature, prediction (probability or predicted class) or
-- target (the label); null for other rows. Evidently's data-drift preset reports target and prediction drift.
alter table metrics_log add column if not exists role text;
