-- The table of named queries Orleans' ADO.NET providers read at start ("SELECT QueryKey, QueryText FROM OrleansQuery").
-- Every script after this one registers its queries here with an upsert, so running the scripts again replaces
-- them with the current text instead of failing: the whole directory is idempotent.
CREATE TABLE IF NOT EXISTS orleansquery (
    querykey  varchar(64) PRIMARY KEY,
    querytext text        NOT NULL
);
