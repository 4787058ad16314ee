-- Per-model notification routing: a Slack row names the environment variable holding the model's webhook (never
-- the URL, a secret) and the channel it asks for; null means the deployment's webhook.
alter table notification_outbox add column if not exists webhook_env text;
alter table notification_outbox add column if not exists slack_channel text;
-- The reference (version) of a model's last completed run: where the dead-man's switch notifies.
alter table monitored_model add column if not exists last_reference_id text;
