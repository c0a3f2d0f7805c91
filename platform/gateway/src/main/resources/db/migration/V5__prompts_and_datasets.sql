-- A market's prompt and the texts of its outcomes (its candidate replies), shown to bots and written into its
-- dataset; null for markets that have none.
alter table markets add column prompt text;
alter table markets add column outcome_labels text;
-- The preference pairs each settled round produced (MechanismInstance.preferences), as JSON: the market's dataset.
alter table rounds add column preferences text;
