-- Index-only scans (a deep page's skip, a filtered page in name order) read a row only when its
-- page is not marked all-visible; every update clears the mark, and the demo's clients going
-- online and offline update devices all over the table (every 100th device each 30 s). With
-- PostgreSQL's default (a vacuum once a fifth of the rows changed), a deep page read 320,000 rows
-- instead of none after a quarter of an hour; vacuumed after each 1 % it stays an index scan.
ALTER TABLE managed_devices SET (
    autovacuum_vacuum_scale_factor = 0.01,
    autovacuum_vacuum_insert_scale_factor = 0.01
);
