-- Each run of an experiment is counted before it starts, so that an experiment that took the gateway down is not
-- queued again forever at start-up (after two interrupted attempts it is marked failed instead).
alter table experiments add column attempts int not null default 0;

-- Experiments can be cancelled by their owner or an admin.
alter table experiments drop constraint experiments_status_check;
alter table experiments add constraint experiments_status_check
    check (status in ('queued', 'running', 'finished', 'failed', 'cancelled'));
