-- The state of an online mechanism after each settled round (MechanismInstance.snapshot()), so that a market
-- resumes after a restart with exactly the state it had; null for mechanisms without state across rounds.
alter table rounds add column mechanism_state text;
