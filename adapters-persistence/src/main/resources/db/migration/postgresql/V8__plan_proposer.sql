-- A member's copy of a plan names the owner that proposed it in a column of its own, not inside its kind.
ALTER TABLE merge_plans ADD COLUMN proposed_by TEXT;
UPDATE merge_plans SET proposed_by = substr(kind, 13), kind = 'remote' WHERE kind LIKE 'remote from %';
