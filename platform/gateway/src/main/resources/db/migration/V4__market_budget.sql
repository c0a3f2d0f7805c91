-- What a market may pay out beyond what it takes in (mechanisms that buy data pay their suppliers from it); null for
-- no limit. The budget itself is a pair of ledger entries at round 0 (funding:OWNER pays market:ID), so a market's
-- entries still sum to zero.
alter table markets add column budget double precision check (budget >= 0);
