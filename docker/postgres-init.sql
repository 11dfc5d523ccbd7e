-- Run by the postgres image once, on an empty data volume (see compose.yaml): a database for
-- each service that stores things, so none shares another's tables or migrations table.
CREATE DATABASE config_service;
CREATE DATABASE retry_scheduler;
CREATE DATABASE notifier_service;
