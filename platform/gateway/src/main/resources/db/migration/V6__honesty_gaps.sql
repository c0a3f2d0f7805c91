-- Each seat's honesty gap in a settled round: its utility minus what reporting its true type would have given it, the
-- others' reports fixed. Null where it was not measured (a seat without a report of its own, a market too large).
alter table seat_results add column honesty_gap float8;
